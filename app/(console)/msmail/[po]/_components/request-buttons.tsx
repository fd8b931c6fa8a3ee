'use client';

import { useState } from 'react';
import { requestAction } from '../actions';
import { useAction } from '@/components/ui/use-action';
import { YesNo } from './yes-no';

const QUESTIONS = {
  import: {
    question: 'Request an import of the entire global address list from the dirsync server?',
    detail: 'The next T1 asks the dirsync server for every list; the next T3 replaces this postoffice’s copy of them.',
  },
  export: {
    question: 'Export all local addresses to the dirsync server?',
    detail: 'Every local address is queued in REQTRANS.GLB now and sent at the next T1.',
  },
} as const;

/** Config ▸ Dir-Sync ▸ Requestor ▸ Import / Export: each asks Yes/No first, as the MS Mail Administrator does. */
export function RequestButtons({ po, disabled }: { po: string; disabled: boolean }) {
  const [asking, setAsking] = useState<'import' | 'export' | null>(null);
  const { pending, status: message, run } = useAction();
  const yes = () => {
    const request = asking!;
    run(
      async () => {
        const r = await requestAction({ po, request });
        setAsking(null);
        return r;
      },
      { done: (d) => (request === 'import' ? 'Import requested: the next T1 asks the dirsync server for every list' : `Export: ${d.addresses ?? 0} local addresses queued in REQTRANS.GLB`) },
    );
  };
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap gap-2">
        <button type="button" className="button" disabled={disabled} onClick={() => setAsking('import')}>
          Import…
        </button>
        <button type="button" className="button" disabled={disabled} onClick={() => setAsking('export')}>
          Export…
        </button>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </p>
      ) : null}
      {asking ? <YesNo {...QUESTIONS[asking]} busy={pending} onYes={yes} onNo={() => setAsking(null)} /> : null}
    </div>
  );
}
