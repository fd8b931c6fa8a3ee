'use client';

import { useId, type ReactNode } from 'react';
import { useFieldError } from './property-sheet';

/**
 * Labelled controls for property sheets. The label is the field's name in the old program (tests
 * find controls by it); an error from the last save shows under the field and is announced.
 */
function Message({ id, name, hint }: { id: string; name: string; hint?: ReactNode }) {
  const error = useFieldError(name);
  return (
    <>
      {hint ? <span className="text-[12px] text-ink-muted">{hint}</span> : null}
      {error ? (
        <span id={id} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField({ label, name, defaultValue, hint, type = 'text', maxLength }: { label: string; name: string; defaultValue?: string | number | null; hint?: ReactNode; type?: 'text' | 'password'; maxLength?: number }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <label className="grid gap-1">
      <span>{label}</span>
      <input
        name={name}
        type={type}
        defaultValue={defaultValue ?? ''}
        maxLength={maxLength}
        aria-invalid={!!error || undefined}
        aria-describedby={error ? id : undefined}
        className="field"
      />
      <Message id={id} name={name} hint={hint} />
    </label>
  );
}

/** A whole number field; the range is checked by the server, which says what is allowed. */
export function NumberField({ label, name, defaultValue, hint, suffix }: { label: string; name: string; defaultValue?: number | null; hint?: ReactNode; suffix?: string }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <label className="grid gap-1">
      <span>{label}</span>
      <span className="flex items-center gap-2">
        <input
          name={name}
          inputMode="numeric"
          defaultValue={defaultValue ?? ''}
          aria-invalid={!!error || undefined}
          aria-describedby={error ? id : undefined}
          className="field w-24"
        />
        {suffix ? <span>{suffix}</span> : null}
      </span>
      <Message id={id} name={name} hint={hint} />
    </label>
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
  const id = useId();
  const error = useFieldError(name);
  return (
    <fieldset className="grid gap-1" aria-describedby={error ? id : undefined}>
      <legend className="mb-1">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-2">
          <input type="radio" name={name} value={o.value} defaultChecked={o.value === defaultValue} />
          <span>{o.label}</span>
        </label>
      ))}
      <Message id={id} name={name} />
    </fieldset>
  );
}

export function SelectField({ label, name, options, defaultValue }: { label: string; name: string; options: { value: string; label: string }[]; defaultValue?: string }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <label className="grid gap-1">
      <span>{label}</span>
      <select name={name} defaultValue={defaultValue} aria-invalid={!!error || undefined} aria-describedby={error ? id : undefined} className="field">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Message id={id} name={name} />
    </label>
  );
}
