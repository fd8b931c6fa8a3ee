'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, useTransition } from 'react';
import { deleteRegistryValueAction, setRegistryValueAction } from '@/app/(console)/exchange/[server]/registry/actions';

/**
 * One DXA value: its type and data, an editor (DWORD: a number; MULTI_SZ: one string per line), Save and Delete.
 * Save sends the revision the value was opened at (held across page refreshes; moved by this
 * editor's own Save, and after its own Delete taken from the refreshed page), so a save over
 * someone else's change is refused.
 */
export function RegistryValue({
  server,
  name,
  type,
  data,
  note,
  revision,
  canChange,
}: {
  server: string;
  name: 'PauseKicksDX' | 'ResyncConnectionRDNs' | 'GlobalMaxSeqInResync';
  type: string;
  data: string | null;
  note: string | null;
  revision: string;
  canChange: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // After this editor's own Delete: the first revision the refreshed page brings (the value not set).
  const [held, setHeld] = useState<string | { after: string }>(revision);
  const opened = typeof held === 'string' ? held : revision;
  useEffect(() => {
    if (typeof held !== 'string' && revision !== held.after) setHeld(revision);
  }, [held, revision]);
  const run = (fn: () => Promise<{ ok: boolean; error?: string; revision?: string }>, done: string, deleting = false) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? { text: done, error: false } : { text: r.error ?? 'Refused', error: true });
      if (r.ok) setHeld(deleting || r.revision === undefined ? { after: opened } : r.revision);
      router.refresh();
    });
  return (
    <section aria-labelledby={`${id}-name`} className="bevel-raised grid gap-2 bg-chrome p-2">
      <h2 id={`${id}-name`} className="font-semibold">
        {name} <span className="font-normal text-ink-muted">: {type}</span>
        <span className="ml-2 font-normal">{data === null ? '(value not set)' : ''}</span>
      </h2>
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
        {note ? <p className="text-[12px] text-ink-muted">{note}</p> : null}
        <div className="flex gap-2">
          <button type="submit" className="button" disabled={!canChange || pending}>
            {data === null ? `Add ${name}` : `Save ${name}`}
          </button>
          {data !== null ? (
            <button type="button" className="button" disabled={!canChange || pending} onClick={() => run(() => deleteRegistryValueAction({ server, name }), `${name} deleted`, true)}>
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
    </section>
  );
}
