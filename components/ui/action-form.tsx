'use client';

import { useState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import { SavedRevisionContext } from '@/components/ui/revision-field';
import { useAction } from '@/components/ui/use-action';

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '0' : String(v));
const fill = (text: string, data: unknown) =>
  text.replace(/\{(\w*)\}/g, (_, key: string) => show(key ? (data as Record<string, unknown> | null)?.[key] : data));

/**
 * A small form of the MS Mail Administrator's menus (Registration, Types, Keep Updates, …): it
 * sends its fields to one action, then shows what happened — the error in an alert, or `done`.
 * A form that edits something holds a RevisionField, which this form moves on after its own save.
 */
export function ActionForm<T>({
  action,
  label,
  submit,
  done,
  disabled,
  children,
}: {
  action: (form: FormData) => Promise<ActionResult<T>>;
  label: string;
  submit: string;
  /** Said when it worked; `{}` stands for the result, `{name}` for a field of it. */
  done: string;
  disabled: boolean;
  children?: ReactNode;
}) {
  const { pending, status: message, run } = useAction();
  const [saved, setSaved] = useState<{ revision: string; seq: number } | null>(null);
  return (
    <SavedRevisionContext.Provider value={saved}>
      <form
        aria-label={label}
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          run(() => action(form), {
            done: (data, r) => {
              if (r.revision !== undefined) setSaved((old) => ({ revision: r.revision!, seq: (old?.seq ?? 0) + 1 }));
              return fill(done, data);
            },
          });
        }}
      >
        <fieldset disabled={disabled || pending} className="grid gap-2">
          {children}
          <div>
            <button type="submit" className="button">
              {pending ? 'Working…' : submit}
            </button>
          </div>
        </fieldset>
        {message ? (
          <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
            {message.text}
          </p>
        ) : null}
      </form>
    </SavedRevisionContext.Provider>
  );
}
