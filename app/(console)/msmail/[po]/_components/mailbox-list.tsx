'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createMailboxAction } from '../build-actions';
import { DialogForm, Field } from '@/components/build/dialog-form';
import { describeDeletable, useListSelection, useSelection } from '@/components/console/selection';
import { ColumnHeads } from '@/components/ui/column-heads';

interface Mailbox {
  name: string;
  fullName: string;
  dirsync: boolean;
}

/**
 * The postoffice's local mailboxes with the MS Mail Administrator's Mailbox ▸ Create… and
 * Mailbox ▸ Delete. The list is a grid with a selected row (arrows, Del), so Edit ▸ Delete acts on
 * the selected mailbox too; Delete asks Yes/No first. A participating mailbox is a T0 change
 * (an A or D in REQTRANS.GLB for the next T1).
 */
export function MailboxList({ po, mailboxes, canChange }: { po: string; mailboxes: Mailbox[]; canChange: boolean }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const { requestDelete } = useSelection();
  const describe = (m: Mailbox) => ({
    kind: 'Mailbox',
    name: `${m.name} (${m.fullName})`,
    ...describeDeletable(canChange, { kind: 'mailbox', postoffice: po, mailbox: m.name }, ''),
  });
  const { index, rowProps, focusProps } = useListSelection({ items: mailboxes, keyOf: (m) => m.name, describe });
  const selected = index >= 0 ? mailboxes[index] : undefined;
  return (
    <div className="grid gap-2">
      <div role="toolbar" aria-label="Mailbox" className="flex flex-wrap gap-2">
        <button type="button" className="button" disabled={!canChange} onClick={() => setCreating(true)}>
          Create…
        </button>
        <button
          type="button"
          className="button"
          disabled={!canChange || !selected}
          title={selected ? undefined : 'Select a mailbox in the list first'}
          onClick={() => selected && requestDelete(describe(selected))}
        >
          Delete
        </button>
      </div>
      <div role="region" aria-label="Local mailboxes" tabIndex={-1} data-contents-list className="bevel-sunken max-h-56 overflow-auto bg-white">
        <table role="grid" aria-label="Mailboxes" className="w-full text-left text-[12px]">
          <ColumnHeads columns={['Mailbox', 'Name', 'Dir-Sync']} className="px-2 py-0.5" />
          <tbody>
            {mailboxes.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-2 py-1 text-ink-muted">
                  No mailboxes: Create… adds one.
                </td>
              </tr>
            ) : null}
            {mailboxes.map((m, k) => {
              const row = rowProps(k);
              return (
                <tr key={m.name} {...row} className={`border-t border-chrome-light ${row['aria-selected'] ? 'bg-select text-white' : ''}`}>
                  <td {...focusProps(k)} className="px-2 py-0.5 font-mono outline-none focus-visible:outline-1 focus-visible:outline-dotted">
                    {m.name}
                  </td>
                  <td className="px-2 py-0.5">{m.fullName}</td>
                  <td className="px-2 py-0.5">{m.dirsync ? 'Yes' : 'No'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {creating ? (
        <DialogForm
          title="Create Mailbox"
          action={createMailboxAction}
          done={(d) => `Mailbox ${d.mailbox} created on ${po}`}
          onCancel={() => setCreating(false)}
          onDone={() => setCreating(false)}
        >
          <input type="hidden" name="po" value={po} />
          <Field label="Name" name="fullName" hint="The full name the address list shows, up to 30 characters.">
            {(p) => <input {...p} maxLength={30} autoComplete="off" />}
          </Field>
          <Field label="Mailbox" name="mailbox" hint="1 to 10 letters or digits.">
            {(p) => <input {...p} maxLength={10} autoComplete="off" className={`${p.className} w-40 font-mono uppercase`} />}
          </Field>
          <label className="flex items-center gap-2">
            <input type="hidden" name="dirsync" value="off" />
            <input type="checkbox" name="dirsync" value="on" defaultChecked className="size-4" />
            <span>Include in directory synchronization</span>
          </label>
        </DialogForm>
      ) : null}
    </div>
  );
}
