'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { SelectList } from '@/components/ui/select-list';
import type { AddressBookEntry, AddressBookPage } from '@/lib/queries/address-book';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { routes } from '@/lib/console/routes';
import { sessionEndedBy } from '@/components/auth/session-ended';

/** What a picker hands back: enough to show the name and post the alias. */
export interface PickedEntry {
  alias: string;
  displayName: string;
}

const KIND = { mailbox: 'Mailbox', custom: 'Custom Recipient', dl: 'Distribution List' } as const;

/**
 * The Exchange Administrator's address-book dialog (reference 2.8): "Show Names from the" (the
 * Global Address List or a recipients container), "Type Name or Select from List" (names starting
 * with it), the list — at most 100 names at a time, fetched from the server's `address-book` route,
 * never the whole directory — Add → the chosen list, Remove, Properties, OK and Cancel. With
 * `single` the chosen list holds one name (Add replaces it). It is drawn in a portal, outside the
 * property sheet's form, so Enter in its text box never submits the sheet.
 */
export function AddressBookPicker({
  server,
  title,
  chosenLabel,
  initial,
  single = false,
  kind,
  onOk,
  onCancel,
}: {
  server: string;
  title: string;
  /** The accessible name of the chosen list, e.g. "Reject messages from". */
  chosenLabel: string;
  initial: PickedEntry[];
  single?: boolean;
  /** Only mailboxes (the Dirsync administrator, the Administrator's mailbox). */
  kind?: 'mailbox';
  onOk: (chosen: PickedEntry[]) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState('');
  const [name, setName] = useState('');
  const [selected, setSelected] = useState(0);
  const [chosen, setChosen] = useState<PickedEntry[]>(initial);
  const [chosenSelected, setChosenSelected] = useState(0);
  const [properties, setProperties] = useState<AddressBookEntry | null>(null);

  const query = useQuery({
    queryKey: ['address-book', server, container, name.trim(), kind ?? ''],
    queryFn: async ({ signal }) => {
      const p = new URLSearchParams({ container, name: name.trim() });
      if (kind) p.set('kind', kind);
      const res = await fetch(routes.addressBook(server, p), { signal, cache: 'no-store' });
      if (!res.ok) throw new Error(sessionEndedBy(res) ? 'Your session has ended: sign in again' : 'The address book could not be read');
      return (await res.json()) as AddressBookPage;
    },
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const entries = query.data?.entries ?? [];
  const current = entries[Math.min(selected, entries.length - 1)];
  // Enter typed before the names for the latest text arrived adds the first of those, not of the old list.
  const [addWhenLoaded, setAddWhenLoaded] = useState(false);
  const loaded = !query.isPlaceholderData && !query.isFetching;

  const add = (entry: AddressBookEntry | undefined) => {
    if (!entry) return;
    const picked = { alias: entry.alias, displayName: entry.displayName };
    setChosen((c) => (single ? [picked] : c.some((x) => x.alias.toLowerCase() === entry.alias.toLowerCase()) ? c : [...c, picked]));
  };
  useEffect(() => {
    if (!addWhenLoaded || !loaded) return;
    setAddWhenLoaded(false);
    add(entries[0]);
  });
  const remove = () => {
    setChosen((c) => c.filter((_, k) => k !== chosenSelected));
    setChosenSelected((k) => Math.max(0, k - 1));
  };

  const dialog = (
    <DialogFrame title={title} width="max-w-3xl" onEscape={onCancel}>
        <div ref={box} className="grid gap-3 p-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="grid gap-1">
              <label htmlFor={`${id}-name`}>Type Name or Select from List</label>
              <input
                id={`${id}-name`}
                data-autofocus
                type="text"
                value={name}
                autoComplete="off"
                onChange={(e) => {
                  setName(e.target.value);
                  setSelected(0);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    if (loaded) add(current);
                    else setAddWhenLoaded(true);
                  } else if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    box.current?.querySelector<HTMLElement>('[role=listbox]')?.focus();
                  }
                }}
                className="field"
              />
            </div>
            <div className="grid gap-1">
              <label htmlFor={`${id}-from`}>Show Names from the</label>
              <select
                id={`${id}-from`}
                value={container}
                onChange={(e) => {
                  setContainer(e.target.value);
                  setSelected(0);
                }}
                className="field"
              >
                <option value="">Global Address List</option>
                {(query.data?.containers ?? []).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <SelectList
            label="Address book"
            items={entries}
            selected={Math.min(selected, Math.max(0, entries.length - 1))}
            onSelect={setSelected}
            onOpen={(k) => add(entries[k])}
            itemKey={(e) => e.alias}
            itemLabel={(e) => `${e.displayName} (${e.alias})${e.hidden ? ', hidden' : ''}`}
            empty={query.isError ? (query.error as Error).message : query.isPending ? 'Reading the address book…' : 'No names match.'}
            minWidth="20rem"
            columns={[
              { heading: 'Display Name', width: 'minmax(10rem, 3fr)', cell: (e) => e.displayName },
              { heading: 'Alias', width: 'minmax(6rem, 2fr)', cell: (e) => e.alias },
              { heading: '', width: '4rem', cell: (e) => (e.hidden ? <span className="text-[11px] opacity-80">Hidden</span> : null) },
            ]}
          />
          <p role="status" className="text-[12px] text-ink-muted">
            {query.data
              ? query.data.total > query.data.entries.length
                ? `Showing the first ${query.data.entries.length} of ${query.data.total.toLocaleString('en-US')} names: type more of the name to find the others.`
                : `${query.data.total.toLocaleString('en-US')} ${query.data.total === 1 ? 'name' : 'names'}.`
              : ''}
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="button min-w-20" disabled={!current} onClick={() => add(current)}>
              Add
            </button>
            <button type="button" className="button min-w-20" disabled={!current} onClick={() => setProperties(current ?? null)}>
              Properties
            </button>
          </div>
          {properties ? (
            <section aria-label={`Properties of ${properties.displayName}`} className="bevel-sunken grid grid-cols-[8rem_1fr] gap-x-3 gap-y-0.5 bg-white p-2 text-[12px]">
              <span className="text-ink-muted">Display name</span>
              <span>{properties.displayName}</span>
              <span className="text-ink-muted">Alias</span>
              <span>{properties.alias}</span>
              <span className="text-ink-muted">Type</span>
              <span>{KIND[properties.kind]}</span>
              <span className="text-ink-muted">E-mail address</span>
              <span className="break-all">{properties.address ?? '(none)'}</span>
              <span className="text-ink-muted">Container</span>
              <span>
                {properties.container}
                {properties.hidden ? ' (hidden from the address book)' : ''}
              </span>
            </section>
          ) : null}
          <div className="grid gap-1">
            <span id={`${id}-chosen`}>{chosenLabel}:</span>
            <SelectList
              label={chosenLabel}
              items={chosen}
              selected={Math.min(chosenSelected, Math.max(0, chosen.length - 1))}
              onSelect={setChosenSelected}
              itemKey={(e) => e.alias}
              itemLabel={(e) => `${e.displayName} (${e.alias})`}
              empty="Nobody yet: select a name above and click Add."
              minWidth="16rem"
              columns={[
                { heading: 'Display Name', width: 'minmax(10rem, 3fr)', cell: (e) => e.displayName },
                { heading: 'Alias', width: 'minmax(6rem, 2fr)', cell: (e) => e.alias },
              ]}
            />
            <div>
              <button type="button" className="button min-w-20" disabled={!chosen.length} onClick={remove}>
                Remove
              </button>
            </div>
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className="button min-w-20" onClick={() => onOk(chosen)}>
              OK
            </button>
            <button type="button" className="button min-w-20" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
    </DialogFrame>
  );
  return createPortal(dialog, document.body);
}
