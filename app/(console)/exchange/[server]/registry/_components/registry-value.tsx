'use client';

import { useEffect, useId, useState } from 'react';
import { deleteRegistryValueAction, setRegistryValueAction } from '../actions';
import type { ActionResult } from '@/lib/actions/safe-action';
import type { RegistryValueContext } from '@/lib/exchange/services/registry-context';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { WarningIcon } from '@/components/ui/icons';
import { useAction } from '@/components/ui/use-action';

type Value = Omit<RegistryValueContext, 'data'> & { data: string | null };

/**
 * One DXA value: what it does, when it is read and whether THIS server reads it (registry-context.ts),
 * the warnings on its data, an editor (DWORD: a number; MULTI_SZ: one string per line), Save, and
 * Delete after a confirmation. Save sends the revision the value was opened at (held across page
 * refreshes; moved by this editor's own Save, and after its own Delete taken from the refreshed
 * page), so a save over someone else's change is refused.
 */
export function RegistryValue({ server, value, canChange, revision }: { server: string; value: Value; canChange: boolean; revision: string }) {
  const { name, type, data } = value;
  const id = useId();
  const { pending, status: message, run: runAction } = useAction();
  const [confirming, setConfirming] = useState(false);
  // After this editor's own Delete: the first revision the refreshed page brings (the value not set).
  const [held, setHeld] = useState<string | { after: string }>(revision);
  const opened = typeof held === 'string' ? held : revision;
  useEffect(() => {
    if (typeof held !== 'string' && revision !== held.after) setHeld(revision);
  }, [held, revision]);
  const run = <T,>(fn: () => Promise<ActionResult<T>>, done: string, deleting = false) =>
    runAction(fn, {
      done: (_, r) => {
        setHeld(deleting || r.revision === undefined ? { after: opened } : r.revision);
        return done;
      },
      refreshAlways: true,
    });
  return (
    <section aria-labelledby={`${id}-name`} aria-describedby={`${id}-does`} className="bevel-raised grid gap-2 bg-chrome p-2">
      <h2 id={`${id}-name`} className="font-semibold">
        {name} <span className="font-normal text-ink-muted">: {type}</span>
        <span className="ml-2 font-normal">{data === null ? '(value not set)' : ''}</span>
      </h2>
      <dl className="grid gap-x-3 gap-y-0.5 text-[12px] sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">What it does</dt>
        <dd id={`${id}-does`}>{value.does}</dd>
        <dt className="font-semibold">When it is read</dt>
        <dd>{value.readWhen}</dd>
        <dt className="font-semibold">Read by {server}</dt>
        <dd>
          <span className={`mr-1 font-semibold ${value.read ? 'text-green-900' : 'text-red-800'}`}>{value.read ? 'Yes.' : 'No.'}</span>
          {value.readWhy}
        </dd>
      </dl>
      {value.warnings.length ? (
        <ul aria-label={`Warnings for ${name}`} className="grid gap-1 border border-amber-700 bg-amber-50 p-1.5 text-[12px]">
          {value.warnings.map((w) => (
            <li key={w} className="flex items-start gap-1.5">
              <WarningIcon className="size-4 shrink-0" />
              <span>{w}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const text = String(new FormData(e.currentTarget).get('data') ?? '');
          run(() => setRegistryValueAction({ server, name, data: text, revision: opened }), `${name} saved`);
        }}
      >
        <label className="grid gap-1">
          <span>{type === 'REG_DWORD' ? `${name} data (number, decimal or 0x hex)` : `${name} data (one Remote Dirsync Requestor name per line)`}</span>
          {type === 'REG_DWORD' ? (
            <input name="data" defaultValue={data ?? ''} className="field w-40" disabled={!canChange || pending} />
          ) : (
            <textarea name="data" defaultValue={data ?? ''} rows={3} className="field" disabled={!canChange || pending} />
          )}
        </label>
        <div className="flex gap-2">
          <button type="submit" className="button" disabled={!canChange || pending}>
            {data === null ? `Add ${name}` : `Save ${name}`}
          </button>
          {data !== null ? (
            <button type="button" className="button" disabled={!canChange || pending} onClick={() => setConfirming(true)}>
              Delete {name}
            </button>
          ) : null}
        </div>
        {message ? (
          <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : ''}`}>
            {message.text}
          </p>
        ) : null}
      </form>
      {confirming ? (
        <DialogFrame title="Registry Editor" role="alertdialog" width="max-w-sm" describedBy={`${id}-confirm`} onEscape={() => setConfirming(false)}>
          <div id={`${id}-confirm`} className="flex gap-3 p-4">
            <WarningIcon />
            <div className="grid gap-1">
              <p>Registry Editor will delete the value {name} from {server}. Continue the operation?</p>
              <p className="text-ink-muted">{value.read ? value.readWhen : `${server} does not read it.`}</p>
            </div>
          </div>
          <div className="flex justify-center gap-2 pb-4">
            <button
              type="button"
              className="button min-w-20"
              data-autofocus
              onClick={() => {
                setConfirming(false);
                run(() => deleteRegistryValueAction({ server, name }), `${name} deleted`, true);
              }}
            >
              Yes
            </button>
            <button type="button" className="button min-w-20" onClick={() => setConfirming(false)}>
              No
            </button>
          </div>
        </DialogFrame>
      ) : null}
    </section>
  );
}
