'use client';

import { useState } from 'react';
import { AddressBookPicker, type PickedEntry } from '@/components/addressbook/address-book-picker';
import { useFieldError } from '@/components/sheet/property-sheet';

/**
 * One half of the Delivery Restrictions tab (xog11024): "Accept messages from All / List" or
 * "Reject messages from None / List", the list, and Modify… opening the address book. The form
 * gets the choice (`name`) and one `listName` value per alias on the list; choosing names in the
 * address book selects List.
 */
export function RestrictionField({
  server,
  legend,
  name,
  options,
  defaultValue,
  listName,
  initial,
}: {
  server: string;
  legend: string;
  name: string;
  options: [string, string];
  defaultValue: string;
  listName: string;
  initial: PickedEntry[];
}) {
  const [mode, setMode] = useState(defaultValue);
  const [list, setList] = useState(initial);
  const [picking, setPicking] = useState(false);
  const modeError = useFieldError(name);
  const listError = useFieldError(listName);
  const error = modeError ?? listError;
  const errorId = `${name}-error`;
  return (
    <fieldset className="grid gap-2 border border-chrome-shadow/60 px-3 pt-1 pb-3" aria-describedby={error ? errorId : undefined}>
      <legend className="px-1">{legend}</legend>
      <div className="flex gap-4">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-2">
            <input type="radio" name={name} value={o} checked={mode === o} onChange={() => setMode(o)} />
            <span>{o}</span>
          </label>
        ))}
      </div>
      {list.map((e) => (
        <input key={e.alias} type="hidden" name={listName} value={e.alias} />
      ))}
      <ul aria-label={`${legend} list`} className={`bevel-sunken min-h-16 bg-white px-2 py-1 ${mode === options[0] ? 'text-ink-muted' : ''}`}>
        {list.length === 0 ? <li className="text-ink-muted">(nobody)</li> : null}
        {list.map((e) => (
          <li key={e.alias}>
            {e.displayName} <span className="text-[12px] text-ink-muted">({e.alias})</span>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button min-w-20" onClick={() => setPicking(true)}>
          Modify…
        </button>
      </div>
      {error ? (
        <span id={errorId} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : null}
      {picking ? (
        <AddressBookPicker
          server={server}
          title={legend}
          chosenLabel={legend}
          initial={list}
          onCancel={() => setPicking(false)}
          onOk={(chosen) => {
            setList(chosen);
            if (chosen.length) setMode(options[1]);
            setPicking(false);
          }}
        />
      ) : null}
    </fieldset>
  );
}
