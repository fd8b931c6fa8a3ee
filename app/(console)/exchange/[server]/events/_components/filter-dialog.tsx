'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { filterErrors, hrefOf, searchParamsOf, VIEW_TYPES, type EventSearch, type ViewType } from '@/lib/queries/event-search';
import { Modal } from '@/components/ui/modal';

const EMPTY: EventSearch = { types: [...VIEW_TYPES] };

/**
 * View ▸ Filter Events…: View From / View Through, the Types, Source, Category, Event ID, User and
 * Computer. OK shows the filtered log (its own URL); Clear empties the dialog; Cancel keeps the view.
 * Find's text is kept as it is.
 */
export function FilterDialog({ base, search, limit, sources, closeHref }: { base: string; search: EventSearch; limit: number; sources: string[]; closeHref: string }) {
  const router = useRouter();
  const [form, setForm] = useState<EventSearch>(search);
  const [errors, setErrors] = useState<ReturnType<typeof filterErrors>>({});
  const set = (patch: Partial<EventSearch>) => {
    setForm((f) => ({ ...f, ...patch }));
    // An edited field's old complaint no longer applies; OK checks again.
    setErrors((e) => (Object.keys(e).length ? {} : e));
  };
  const text = (v: string) => (v.trim() === '' ? undefined : v);
  const toggle = (t: ViewType, on: boolean) => set({ types: VIEW_TYPES.filter((x) => (x === t ? on : form.types.includes(x))) });

  const ok = () => {
    const next = { ...form, find: search.find };
    const found = filterErrors(next);
    setErrors(found);
    if (Object.keys(found).length === 0) router.push(hrefOf(base, searchParamsOf(next, { limit })));
  };

  return (
    <Modal title="Filter" closeHref={closeHref} width="max-w-xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          ok();
        }}
        className="grid gap-3"
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="View From" hint="Empty: from the first event" error={errors.from}>
            {(p) => <input {...p} type="datetime-local" className="field" value={form.from ?? ''} onChange={(e) => set({ from: text(e.target.value) })} />}
          </Field>
          <Field label="View Through" hint="Empty: through the last event" error={errors.through}>
            {(p) => <input {...p} type="datetime-local" className="field" value={form.through ?? ''} onChange={(e) => set({ through: text(e.target.value) })} />}
          </Field>
        </div>
        <fieldset className="bevel-sunken grid gap-1 p-2" aria-describedby={errors.types ? 'filter-types-error' : undefined}>
          <legend className="px-1">Types</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1">
            {VIEW_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input type="checkbox" className="size-4" checked={form.types.includes(t)} onChange={(e) => toggle(t, e.target.checked)} />
                {t}
              </label>
            ))}
          </div>
          {errors.types ? (
            <span id="filter-types-error" className="text-[12px] text-red-800">
              {errors.types}
            </span>
          ) : null}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Source">
            {(p) => (
              <select {...p} className="field" value={form.source ?? ''} onChange={(e) => set({ source: text(e.target.value) })}>
                <option value="">(All)</option>
                {[...new Set([...sources, ...(form.source ? [form.source] : [])])].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Category" hint="Empty: all">
            {(p) => <input {...p} className="field" value={form.category ?? ''} onChange={(e) => set({ category: text(e.target.value) })} />}
          </Field>
          <Field label="Event ID" error={errors.eventId}>
            {(p) => <input {...p} inputMode="numeric" className="field" value={form.eventId ?? ''} onChange={(e) => set({ eventId: text(e.target.value) })} />}
          </Field>
          <Field label="User">
            {(p) => <input {...p} className="field" value={form.user ?? ''} onChange={(e) => set({ user: text(e.target.value) })} />}
          </Field>
          <Field label="Computer">
            {(p) => <input {...p} className="field" value={form.computer ?? ''} onChange={(e) => set({ computer: text(e.target.value) })} />}
          </Field>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <button type="submit" className="button min-w-20">
            OK
          </button>
          <button type="button" className="button min-w-20" onClick={() => router.push(closeHref, { scroll: false })}>
            Cancel
          </button>
          <button
            type="button"
            className="button min-w-20"
            onClick={() => {
              setForm(EMPTY);
              setErrors({});
            }}
          >
            Clear
          </button>
        </div>
      </form>
    </Modal>
  );
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
      {error ? (
        <span id={`${id}-error`} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : hint ? (
        <span className="text-[12px] text-ink-muted">{hint}</span>
      ) : null}
    </div>
  );
}
