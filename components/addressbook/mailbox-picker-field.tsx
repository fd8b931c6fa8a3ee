'use client';

import { useId, useState } from 'react';
import { useFieldError } from '@/components/sheet/property-sheet';
import { AddressBookPicker, type PickedEntry } from './address-book-picker';

/**
 * A mailbox chosen from the address book, the old program's way: the name in a grey box and a
 * button (Dirsync Admin…, Change…) opening the picker on mailboxes only. The form gets the alias
 * under `name` ('' for none: Remove the name in the picker), as the drop-down it replaces sent.
 */
export function MailboxPickerField({ server, label, name, button, initial }: { server: string; label: string; name: string; button: string; initial: PickedEntry | null }) {
  const id = useId();
  const [chosen, setChosen] = useState(initial);
  const [picking, setPicking] = useState(false);
  const error = useFieldError(name);
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      <input type="hidden" name={name} value={chosen?.alias ?? ''} />
      <span className="flex gap-2">
        <input
          id={id}
          readOnly
          value={chosen ? `${chosen.displayName} (${chosen.alias})` : '(none)'}
          aria-invalid={!!error || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="field min-w-0 flex-1 bg-chrome-light text-ink"
        />
        <button type="button" className="button min-w-28" onClick={() => setPicking(true)}>
          {button}
        </button>
      </span>
      {error ? (
        <span id={`${id}-error`} className="text-[12px] text-red-800">
          {error}
        </span>
      ) : null}
      {picking ? (
        <AddressBookPicker
          server={server}
          title={label}
          chosenLabel={label}
          single
          kind="mailbox"
          initial={chosen ? [chosen] : []}
          onCancel={() => setPicking(false)}
          onOk={(c) => {
            setChosen(c[0] ?? null);
            setPicking(false);
          }}
        />
      ) : null}
    </div>
  );
}
