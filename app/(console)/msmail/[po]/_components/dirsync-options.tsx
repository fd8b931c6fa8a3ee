'use client';

import { useState } from 'react';
import { dirsyncServerAction } from '../build-actions';
import { useAction } from '@/components/ui/use-action';
import { YesNo } from './yes-no';

/**
 * Config ▸ Dir-Sync ▸ Options: "Is this postoffice the Directory Synchronization server?" Yes
 * makes it the network's DSS (one per network, the engine refuses a second); No, after a Yes/No
 * question, deletes SRVCONF.GLB and MSTTRANS.GLB with every requestor record.
 */
export function DirsyncOptions({ po, isDss, disabled }: { po: string; isDss: boolean; disabled: boolean }) {
  const [choice, setChoice] = useState<'yes' | 'no'>(isDss ? 'yes' : 'no');
  // The role as the page last showed it: when a refresh brings a new one, the choice follows it,
  // and the message of the change that made it stays (no remount).
  const [shown, setShown] = useState(isDss);
  if (shown !== isDss) {
    setShown(isDss);
    setChoice(isDss ? 'yes' : 'no');
  }
  const [asking, setAsking] = useState(false);
  const { pending, status: message, run } = useAction();
  const save = () =>
    run(
      async () => {
        const r = await dirsyncServerAction({ po, server: choice });
        setAsking(false);
        return r;
      },
      { done: (d) => (d.server ? `${po} is now the Directory Synchronization Server` : `${po} is no longer the dirsync server; SRVCONF.GLB and MSTTRANS.GLB deleted`) },
    );
  const errorId = `${po}-options-error`;
  return (
    <form
      aria-label="Dir-Sync Options"
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice === 'no' && isDss) setAsking(true);
        else save();
      }}
    >
      <fieldset disabled={disabled || pending} className="grid gap-1" aria-describedby={message?.error ? errorId : undefined}>
        <legend className="mb-1">Is this postoffice the Directory Synchronization server?</legend>
        <div className="flex gap-4">
          {(['yes', 'no'] as const).map((v) => (
            <label key={v} className="flex items-center gap-2">
              <input type="radio" name="server" value={v} checked={choice === v} onChange={() => setChoice(v)} />
              <span>{v === 'yes' ? 'Yes' : 'No'}</span>
            </label>
          ))}
        </div>
        <div>
          <button type="submit" className="button" disabled={choice === (isDss ? 'yes' : 'no')}>
            {pending ? 'Working…' : 'Apply'}
          </button>
        </div>
      </fieldset>
      {message ? (
        <p id={errorId} role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </p>
      ) : null}
      {asking ? (
        <YesNo
          question={`Stop ${po} being the Directory Synchronization server?`}
          detail="SRVCONF.GLB and MSTTRANS.GLB are deleted, with every requestor's record and the master list."
          busy={pending}
          onYes={save}
          onNo={() => setAsking(false)}
        />
      ) : null}
    </form>
  );
}
