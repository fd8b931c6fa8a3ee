import { z } from 'zod';

/**
 * zod pieces for property-sheet forms: every value arrives as a string (or, for a check box with
 * its hidden "off", an array), and is coerced here with the message the old program would give.
 */

/** A check box (components/sheet/fields.tsx CheckField): checked when "on" was sent. */
export const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.includes('on') : v === 'on'));

/** A whole number from a text box, within a range, with the field's label in the message. */
export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v.trim())))
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}`);

/** The revision the sheet was opened at, for "changed by someone else since you opened it". */
export const revision = z.coerce.number().int().nonnegative();

/** A required text field. */
export const required = (label: string) => z.string().trim().min(1, `${label} is required`);
