'use client';

import { useId, type ReactNode } from 'react';
import { useFieldError, useMessageOnce } from './property-sheet';

/**
 * Labelled controls for property sheets. The label is the field's name in the old program (tests
 * find controls by it, exactly); a hint and the error from the last save sit outside the label,
 * tied to the control with aria-describedby (the form announces the failed save).
 *
 * useDescribed: a control's id, the error of the last save for `name` (or for `also`, a field
 * the engine reports under another name), and the hint and error notes to render after it.
 */
export function useDescribed(name: string, hint?: ReactNode, also?: string) {
  const id = useId();
  const own = useFieldError(name);
  const other = useFieldError(also ?? '');
  const error = own ?? (also ? other : undefined);
  // In a dialog that says a refusal once, the field points to the form's message instead of repeating it.
  const once = useMessageOnce();
  const describedBy = [hint ? `${id}-hint` : null, error ? (once ?? `${id}-error`) : null].filter(Boolean).join(' ') || undefined;
  const notes = (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="text-[12px] text-ink-muted">
          {hint}
        </span>
      ) : null}
      {error && !once ? (
        <span id={`${id}-error`} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : null}
    </>
  );
  return { id, error, describedBy, notes };
}

export function TextField({ label, name, defaultValue, hint, type = 'text', maxLength }: { label: string; name: string; defaultValue?: string | number | null; hint?: ReactNode; type?: 'text' | 'password'; maxLength?: number }) {
  const { id, error, describedBy, notes } = useDescribed(name, hint);
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ''}
        maxLength={maxLength}
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy}
        className="field"
      />
      {notes}
    </div>
  );
}

/** A whole number field; the range is checked by the server, which says what is allowed. */
export function NumberField({ label, name, defaultValue, hint, suffix }: { label: string; name: string; defaultValue?: number | null; hint?: ReactNode; suffix?: string }) {
  const { id, error, describedBy, notes } = useDescribed(name, hint);
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      <span className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          inputMode="numeric"
          defaultValue={defaultValue ?? ''}
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy}
          className="field w-24"
        />
        {suffix ? <span aria-hidden="true">{suffix}</span> : null}
      </span>
      {notes}
    </div>
  );
}

export function CheckField({ label, name, defaultChecked }: { label: string; name: string; defaultChecked?: boolean }) {
  return (
    <label className="flex items-center gap-2">
      {/* An unchecked box sends nothing: the hidden input says "off" so the action sees both states. */}
      <input type="hidden" name={name} value="off" />
      <input type="checkbox" name={name} value="on" defaultChecked={defaultChecked} className="size-4" />
      <span>{label}</span>
    </label>
  );
}

export function RadioGroup({ legend, name, options, defaultValue }: { legend: string; name: string; options: { value: string; label: string }[]; defaultValue?: string }) {
  const { describedBy, notes } = useDescribed(name);
  return (
    <fieldset className="grid gap-1" aria-describedby={describedBy}>
      <legend className="mb-1">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-2">
          <input type="radio" name={name} value={o.value} defaultChecked={o.value === defaultValue} />
          <span>{o.label}</span>
        </label>
      ))}
      {notes}
    </fieldset>
  );
}

export function SelectField({ label, name, options, defaultValue }: { label: string; name: string; options: { value: string; label: string }[]; defaultValue?: string }) {
  const { id, error, describedBy, notes } = useDescribed(name);
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={!!error || undefined} aria-describedby={describedBy} className="field">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}
