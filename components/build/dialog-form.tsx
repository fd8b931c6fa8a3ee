'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useId, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { useToast } from '@/components/console/toasts';
import { answerOf } from '@/components/ui/use-action';

type Errors = Record<string, string>;
const Errors = createContext<Errors>({});

/**
 * A modal dialog of the old programs that makes something (New Postoffice, Mailbox ▸ Create,
 * Requestors ▸ Create…): its fields, then OK and Cancel. OK sends the form to one server action;
 * a refusal shows the engine's reason next to the field it is about (and in an alert), nothing
 * changes and the dialog stays open. When it worked, `done` says so and the dialog closes —
 * to `data.href` when the action names the new object's page, else through `onDone`.
 */
export function DialogForm<T>({
  title,
  action,
  done,
  onCancel,
  cancelHref,
  onDone,
  readOnly = false,
  submit = 'OK',
  children,
}: {
  title: string;
  action: (form: FormData) => Promise<ActionResult<T>>;
  /** The toast once it worked. */
  done: (data: T) => string;
  onCancel?: () => void;
  cancelHref?: string;
  onDone?: (data: T) => void;
  readOnly?: boolean;
  submit?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const cancel = () => (onCancel ? onCancel() : cancelHref ? router.push(cancelHref) : router.back());
  // Escape cancels even when focus left the dialog (OK, disabled while the action runs, drops it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) cancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  return (
    <DialogFrame title={title} onEscape={cancel}>
      <Errors.Provider value={errors}>
        <form
          aria-label={title}
          className="grid gap-3 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            start(async () => {
              const r = await answerOf(() => action(form));
              if (!r.ok) {
                setErrors(r.fieldErrors ?? {});
                // The reason stands next to its field; the alert only says so, rather than repeating it.
                setError(r.fieldErrors && Object.keys(r.fieldErrors).length ? 'Nothing was changed: see the reason next to the marked field.' : r.error);
                return;
              }
              setErrors({});
              setError(null);
              toast(done(r.data));
              const href = (r.data as { href?: unknown } | null)?.href;
              if (onDone) onDone(r.data);
              else if (typeof href === 'string') router.push(href);
              // The page (and the tree in the frame, which lists the new object) shows the change.
              router.refresh();
            });
          }}
        >
          <fieldset disabled={readOnly || pending} className="grid gap-3">
            {children}
          </fieldset>
          {error ? (
            <p role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
              {error}
            </p>
          ) : null}
          {readOnly ? <p className="text-[12px] text-ink-muted">You are signed in as a View Only Admin: nothing here can be changed.</p> : null}
          <div className="flex justify-end gap-2">
            <button type="submit" className="button min-w-20" disabled={readOnly || pending}>
              {pending ? 'Working…' : submit}
            </button>
            <button type="button" className="button min-w-20" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      </Errors.Provider>
    </DialogFrame>
  );
}

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  className: string;
}

/** One labelled control of a DialogForm, with its hint and the error of the last OK tied to it. */
export function Field({ label, name, hint, children }: { label: string; name: string; hint?: ReactNode; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const error = useContext(Errors)[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="grid min-w-0 content-start gap-1">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, className: 'field' })}
      {hint ? (
        <span id={`${id}-hint`} className="text-[12px] text-ink-muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : null}
    </div>
  );
}
