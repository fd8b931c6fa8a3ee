'use client';

import { useState } from 'react';
import { createRequestorAction, deleteRequestorAction } from '../build-actions';
import { DialogForm, Field } from '@/components/build/dialog-form';
import { useAction } from '@/components/ui/use-action';
import { YesNo } from './yes-no';

/**
 * Config ▸ Dir-Sync ▸ Server ▸ Requestors on the DSS: the registered requestor postoffices,
 * Create… (the requestor's NET/PO and the password it registers with) and Delete (asked first).
 * The DSS's own record is not a requestor one can delete: Options ▸ Server: No does that.
 */
export function ServerRequestors({ po, requestors, disabled }: { po: string; requestors: string[]; disabled: boolean }) {
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const { pending, status: message, setStatus: setMessage, run } = useAction();
  const remove = () => {
    const requestor = deleting!;
    run(
      async () => {
        const r = await deleteRequestorAction({ po, requestor });
        setDeleting(null);
        return r;
      },
      { done: () => `Requestor ${requestor} deleted` },
    );
  };
  return (
    <div className="grid gap-2">
      <div className="bevel-sunken max-h-40 overflow-auto bg-white">
        <table aria-label="Requestors" className="w-full text-left text-[12px]">
          <thead className="sticky top-0 bg-chrome">
            <tr>
              <th scope="col" className="px-2 py-0.5">Requestor postoffice</th>
              <th scope="col" className="px-2 py-0.5">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {requestors.map((r) => (
              <tr key={r} className="border-t border-chrome-light">
                <td className="px-2 py-0.5 font-mono">
                  {r}
                  {r === po ? <span className="ml-2 font-sans text-ink-muted">(this dirsync server)</span> : null}
                </td>
                <td className="px-2 py-0.5 text-right">
                  {r === po ? null : (
                    <button type="button" className="button px-2 py-0 text-[12px]" aria-label={`Delete requestor ${r}`} disabled={disabled || pending} onClick={() => setDeleting(r)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button type="button" className="button" disabled={disabled} onClick={() => setCreating(true)}>
          Create requestor…
        </button>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </p>
      ) : null}
      {creating ? (
        <DialogForm
          title="Create Requestor"
          action={createRequestorAction}
          done={(d) => `Requestor ${d.requestor} created on ${po}`}
          onCancel={() => setCreating(false)}
          onDone={() => {
            // The toast says it; the list shows it.
            setCreating(false);
            setMessage(null);
          }}
        >
          <input type="hidden" name="po" value={po} />
          <Field label="Requestor postoffice" name="requestor" hint="NET/PO of the postoffice that will send its changes here.">
            {(p) => <input {...p} autoComplete="off" className={`${p.className} font-mono uppercase`} placeholder="NET/PO" />}
          </Field>
          <Field label="Password" name="password" hint="The one the requestor registers with (Requestor ▸ Registration).">
            {(p) => <input {...p} type="password" autoComplete="new-password" />}
          </Field>
        </DialogForm>
      ) : null}
      {deleting ? (
        <YesNo question={`Delete the requestor ${deleting}?`} detail="Its updates are no longer accepted by this dirsync server." busy={pending} onYes={remove} onNo={() => setDeleting(null)} />
      ) : null}
    </div>
  );
}
