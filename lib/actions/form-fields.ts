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

/**
 * Plain decimal digits only (an optional minus sign): `Number()` alone would take "0x10", "1e2",
 * "0b1" and " 1_0"-like forms a person never typed as a count. NaN when the text is anything else.
 */
export function parseWholeNumber(text: string): number {
  const t = text.trim();
  return /^-?\d{1,15}$/.test(t) ? Number(t) : NaN;
}

/** A whole number from a text box, within a range, with the field's label in the message. */
export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? v : parseWholeNumber(v)))
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}`);

/** The revision the sheet was opened at, for "changed by someone else since you opened it". */
export const revision = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v : parseWholeNumber(v)))
  .refine((n) => Number.isInteger(n) && n >= 0, 'The revision must be a whole number');

/** A required text field. */
export const required = (label: string) => z.string().trim().min(1, `${label} is required`);

/** A list from repeated form fields (or one): the empty value only says the list was sent. */
export const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => ([] as string[]).concat(v ?? []).filter((c) => c.trim() !== ''));

/** A password box that is never shown back: empty keeps the one set, unless "clear" is checked. */
export const passwordChange = (given: string, clear: boolean) => (clear ? '' : given === '' ? undefined : given);

/** The tabs every dirsync object shares (Import Container, Export Containers, Schedule), with its key fields. */
export const dirsyncTabs = <K extends z.ZodRawShape>(key: K) => ({
  importContainer: z.object({ tab: z.literal('import-container'), ...key, revision, importTrust: wholeNumber('Trust level', 0, 100) }),
  exportContainers: z.object({ tab: z.literal('export-containers'), ...key, revision, exportContainers: stringList, exportTrust: wholeNumber('Trust level', 0, 100), exportCustom: checkbox }),
  schedule: z.object({ tab: z.literal('schedule'), ...key, revision, style: z.enum(['never', 'always', 'selected']), grid: z.string() }),
});
