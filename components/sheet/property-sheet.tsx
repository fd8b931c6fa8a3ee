'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import { useToast } from '@/components/console/toasts';
import { SavedRevisionContext } from '@/components/ui/revision-field';

/**
 * A property sheet of the Administrator: tabs (each its own URL), the tab's form, then OK, Cancel,
 * Apply and Help. Apply saves and stays; OK saves and closes (back to the container); Cancel
 * closes without saving. A refused save shows the reason next to each field and changes nothing;
 * a save over someone else's change is refused with the engine's message.
 */
export interface SheetTab {
  id: string;
  label: string;
  href: string;
}

export function PropertySheet({ title, tabs, current, children }: { title: string; tabs: SheetTab[]; current: string; children: ReactNode }) {
  return (
    <section aria-labelledby="sheet-title" className="window mx-auto flex w-full max-w-2xl flex-col">
      <header className="titlebar">
        <h1 id="sheet-title" className="flex-1 truncate text-[13px] font-bold">
          {title}
        </h1>
      </header>
      <div className="p-2">
        <nav aria-label="Property pages">
          <ul className="flex flex-wrap gap-0.5">
            {tabs.map((t) => (
              <li key={t.id}>
                <Link
                  href={t.href}
                  aria-current={t.id === current ? 'page' : undefined}
                  className={`bevel-raised -mb-px inline-block px-3 py-1 ${t.id === current ? 'relative z-10 bg-chrome font-semibold' : 'bg-chrome-light text-ink-muted hover:text-ink'}`}
                  scroll={false}
                >
                  {t.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="bevel-raised bg-chrome p-3">{children}</div>
      </div>
    </section>
  );
}

type Errors = Record<string, string>;
const ErrorsContext = createContext<Errors>({});
/** The error a field's last save got, by field name. */
export const useFieldError = (name: string) => useContext(ErrorsContext)[name];

export function SheetForm<T>({
  action,
  closeHref,
  help,
  readOnly = false,
  children,
}: {
  action: (form: FormData) => Promise<ActionResult<T>>;
  closeHref: string;
  /** What this page is for, shown by Help. */
  help: ReactNode;
  /** A View Only Admin sees the values and cannot save. */
  readOnly?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const [saved, setSaved] = useState<{ revision: string; seq: number } | null>(null);
  const toast = useToast();

  const save = (form: FormData, close: boolean, el: HTMLFormElement) =>
    start(async () => {
      const result = await action(form);
      if (result.ok) {
        if (result.revision !== undefined) setSaved((old) => ({ revision: result.revision!, seq: (old?.seq ?? 0) + 1 }));
        setErrors({});
        setMessage({ text: 'The changes were saved.', error: false });
        // The toast outlives OK's navigation; it names the sheet or dialog the form sits in. Failures stay next to the fields only.
        const title = document.getElementById(el.closest('[aria-labelledby]')?.getAttribute('aria-labelledby') ?? '')?.textContent?.replace(/ Properties$/, '');
        toast(title ? `${title}: changes saved` : 'Changes saved');
        if (close) router.push(closeHref);
        else router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ text: result.error, error: true });
      }
    });

  return (
    <ErrorsContext.Provider value={errors}>
      <SavedRevisionContext.Provider value={saved}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
            save(new FormData(e.currentTarget), submitter?.value === 'ok', e.currentTarget);
          }}
          className="grid gap-3"
        >
          <fieldset disabled={readOnly || pending} className="grid gap-3">
            {children}
          </fieldset>
          {message ? (
            <p role={message.error ? 'alert' : 'status'} className={message.error ? 'border border-red-700 bg-red-50 px-2 py-1.5 text-red-800' : 'text-[12px] text-green-900'}>
              {message.text}
            </p>
          ) : null}
          {readOnly ? <p className="text-[12px] text-ink-muted">You are signed in as a View Only Admin: nothing here can be changed.</p> : null}
          {showHelp ? (
            <div role="note" aria-label="Help" className="bevel-sunken bg-white p-2 text-[12px]">
              {help}
            </div>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="submit" name="button" value="ok" className="button min-w-20" disabled={readOnly || pending}>
              OK
            </button>
            <button type="button" className="button min-w-20" onClick={() => router.push(closeHref)}>
              Cancel
            </button>
            <button type="submit" name="button" value="apply" className="button min-w-20" disabled={readOnly || pending}>
              {pending ? 'Saving…' : 'Apply'}
            </button>
            <button type="button" className="button min-w-20" aria-expanded={showHelp} onClick={() => setShowHelp((h) => !h)}>
              Help
            </button>
          </div>
        </form>
      </SavedRevisionContext.Provider>
    </ErrorsContext.Provider>
  );
}
