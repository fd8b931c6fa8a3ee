'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteQueuedMessageAction, returnQueuedMessageAction } from '../actions';
import type { ConnectorQueueDto } from '@/lib/exchange/connector/connector-queue';
import { SelectList } from '@/components/ui/select-list';
import { useAction } from '@/components/ui/use-action';

const when = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};

/** The Queue viewer of one connection (xog09009): a snapshot; Refresh, Delete, Return, and the NDR check box. */
export function QueueViewer({ queue, closeHref, canChange }: { queue: ConnectorQueueDto; closeHref: string; canChange: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState(0);
  const [ndr, setNdr] = useState(true);
  const { pending, status, run: runAction, refresh, start } = useAction();
  const current = queue.messages[Math.min(selected, queue.messages.length - 1)];
  const run = (what: 'delete' | 'return') =>
    runAction<{ messageId: string; returnedTo: string } | { messageId: string; ndr: boolean }>(
      () => {
        const input = { server: queue.server, postoffice: queue.postoffice, messageId: current.messageId };
        return what === 'delete' ? deleteQueuedMessageAction({ ...input, ndr }) : returnQueuedMessageAction(input);
      },
      {
        done: (d) => {
          setSelected(0);
          return 'returnedTo' in d
            ? `Message ${d.messageId} was returned to ${d.returnedTo}.`
            : `Message ${d.messageId} was deleted${d.ndr ? '; a non-delivery report was sent to its sender' : ''}.`;
        },
      },
    );
  return (
    <div className="grid gap-2">
      <p className="text-[12px] text-ink-muted">
        Messages the connector postoffice holds for {queue.postoffice} (Outbound) and from it (Mailbag). The view is a snapshot: Refresh shows the queue now.
      </p>
      <SelectList
        label={`Queue for ${queue.postoffice}`}
        items={queue.messages}
        selected={selected}
        onSelect={setSelected}
        itemKey={(m) => m.messageId}
        itemLabel={(m) => `${m.subject}, from ${m.from} to ${m.to}, ${m.queue}, message ID ${m.messageId}`}
        empty="The queue is empty."
        minWidth="52rem"
        columns={[
          { heading: 'Subject', width: 'minmax(12rem,2fr)', cell: (m) => m.subject },
          { heading: 'From', width: 'minmax(9rem,1fr)', cell: (m) => m.from },
          { heading: 'To', width: 'minmax(9rem,1fr)', cell: (m) => m.to },
          { heading: 'Message ID', width: '6rem', cell: (m) => m.messageId },
          { heading: 'Date', width: '8rem', cell: (m) => when(m.date) },
          { heading: 'Queue', width: '5rem', cell: (m) => m.queue },
        ]}
      />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="button min-w-20" disabled={pending} onClick={() => start(refresh)}>
          Refresh
        </button>
        <button type="button" className="button min-w-20" disabled={!canChange || !current || pending} onClick={() => run('delete')}>
          Delete
        </button>
        <button type="button" className="button min-w-20" disabled={!canChange || !current || pending} onClick={() => run('return')}>
          Return
        </button>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={ndr} disabled={!canChange} onChange={(e) => setNdr(e.target.checked)} className="size-4" />
          <span>Send Non-Delivery Reports when messages deleted</span>
        </label>
      </div>
      <p role="status" aria-label="Queue result" className={`min-h-5 text-[12px] ${status?.error ? 'text-red-800' : ''}`}>
        {pending ? 'Working…' : status?.text}
      </p>
      <div className="flex justify-end">
        <button type="button" className="button min-w-20" onClick={() => router.push(closeHref, { scroll: false })}>
          Close
        </button>
      </div>
    </div>
  );
}
