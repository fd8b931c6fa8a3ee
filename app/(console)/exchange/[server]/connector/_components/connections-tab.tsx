'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteConnectionAction } from '../actions';
import type { ConnectionDto } from '@/lib/exchange/connector/connections';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { SelectList } from '@/components/ui/select-list';
import { poSegment } from '@/lib/console/routes';
import { useAction } from '@/components/ui/use-action';
import { useSheetPath } from '@/components/sheet/property-sheet';

/** How a connection reaches its postoffice, for the list: the path, the phone, the X.121 address or the via postoffice. */
export function connectionDetail(c: ConnectionDto): string {
  if (c.kind === 'Async') return `Phone ${c.phoneNumber}`;
  if (c.kind === 'X.25') return `X.121 ${c.x121Address}`;
  if (c.kind === 'Indirect') return `via ${c.via}`;
  return c.uncPath;
}

/** Connections tab: the list of connections (LAN, Async, X.25, Indirect) and Create…, Modify…, Delete, Queue…. */
export function ConnectionsTab({ server, connections, confirm, canChange }: { server: string; connections: ConnectionDto[]; confirm: boolean; canChange: boolean }) {
  const router = useRouter();
  const sheetPath = useSheetPath();
  const [selected, setSelected] = useState(0);
  const [asking, setAsking] = useState(false);
  const { pending, status, run } = useAction();
  const current = connections[Math.min(selected, connections.length - 1)];
  const param = (c: ConnectionDto) => poSegment(c.postoffice);
  const go = (query: string) => router.push(`${sheetPath}?${query}`, { scroll: false });

  const remove = () =>
    run(
      () => {
        setAsking(false);
        return deleteConnectionAction({ server, postoffice: current.postoffice });
      },
      {
        done: (d) => {
          setSelected(0);
          return `The connection to ${d.postoffice} was deleted${d.queued ? `; ${d.queued} messages stay queued for it` : ''}.`;
        },
      },
    );

  return (
    <div className="grid gap-2">
      <div className="grid gap-2 sm:grid-cols-[1fr_8rem]">
        <SelectList
          label="Connections"
          items={connections}
          selected={selected}
          onSelect={setSelected}
          onOpen={(k) => canChange && go(`modify=${param(connections[k])}`)}
          itemKey={(c) => c.postoffice}
          itemLabel={(c) => `${c.postoffice} ${c.kind} ${connectionDetail(c)}${c.queued ? `, ${c.queued} queued` : ''}`}
          empty="No connections: Create… adds one."
          columns={[
            { heading: 'Postoffice', width: 'minmax(11rem,1.2fr)', cell: (c) => c.postoffice },
            { heading: 'Type', width: '4.5rem', cell: (c) => c.kind },
            { heading: 'Path / Via', width: 'minmax(8rem,1fr)', cell: (c) => connectionDetail(c) },
            { heading: 'Queued', width: '4rem', cell: (c) => c.queued },
          ]}
        />
        <div className="flex flex-row flex-wrap content-start gap-2 sm:flex-col">
          <button type="button" className="button" disabled={!canChange} onClick={() => go('create=1')}>
            Create…
          </button>
          <button type="button" className="button" disabled={!canChange || !current} onClick={() => go(`modify=${param(current)}`)}>
            Modify…
          </button>
          <button type="button" className="button" disabled={!canChange || !current || pending} onClick={() => (confirm ? setAsking(true) : remove())}>
            Delete
          </button>
          <button type="button" className="button" disabled={!current} onClick={() => go(`queue=${param(current)}`)}>
            Queue…
          </button>
        </div>
      </div>
      <p role="status" aria-label="Connections result" className={`min-h-5 text-[12px] ${status?.error ? 'text-red-800' : ''}`}>
        {pending ? 'Working…' : status?.text}
      </p>
      {asking && current ? <ConfirmDelete postoffice={current.postoffice} onYes={remove} onNo={() => setAsking(false)} /> : null}
    </div>
  );
}

function ConfirmDelete({ postoffice, onYes, onNo }: { postoffice: string; onYes: () => void; onNo: () => void }) {
  return (
    <DialogFrame title="MS Mail Connector" role="alertdialog" width="max-w-md" describedBy="confirm-text" onEscape={onNo}>
      <p id="confirm-text" className="p-4">
        Delete the connection to {postoffice}? Messages queued for it stay in the connector postoffice until a connection comes back.
      </p>
      <div className="flex justify-center gap-2 pb-4">
        <button type="button" className="button min-w-20" onClick={onYes}>
          Yes
        </button>
        <button type="button" className="button min-w-20" onClick={onNo} data-autofocus>
          No
        </button>
      </div>
    </DialogFrame>
  );
}
