'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { removeMtaAction } from '../actions';
import type { MtaView } from '@/lib/queries/connector-sheet';
import { SelectList } from '@/components/ui/select-list';
import { useAction } from '@/components/ui/use-action';
import { useSheetPath } from '@/components/sheet/property-sheet';

/** Connector MTAs tab: the "MS Mail Connector (PC) MTA Services" list and New…, Configure…, Remove. */
export function MtasTab({ server, mtas, canChange }: { server: string; mtas: MtaView[]; canChange: boolean }) {
  const router = useRouter();
  const sheetPath = useSheetPath();
  const [selected, setSelected] = useState(0);
  const { pending, status, run } = useAction();
  const current = mtas[Math.min(selected, mtas.length - 1)];
  const configure = (m: MtaView) => router.push(`${sheetPath}?mta=${encodeURIComponent(m.serviceName)}`, { scroll: false });
  const remove = () =>
    run(() => removeMtaAction({ server, serviceName: current.serviceName }), {
      done: (d) => {
        setSelected(0);
        return `The Connector (PC) MTA "${d.serviceName}" was removed.`;
      },
    });
  return (
    <div className="grid gap-2">
      <div className="grid gap-2 sm:grid-cols-[1fr_8rem]">
        <SelectList
          label="MS Mail Connector (PC) MTA Services"
          items={mtas}
          selected={selected}
          onSelect={setSelected}
          onOpen={(k) => configure(mtas[k])}
          itemKey={(m) => m.serviceName}
          itemLabel={(m) => `${m.serviceName}, ${m.state}${m.restartFor.length ? ', restart needed' : ''}`}
          empty="No Connector (PC) MTA: New… creates one."
          columns={[
            { heading: 'Service', width: 'minmax(10rem,1fr)', cell: (m) => m.serviceName },
            { heading: 'Status', width: '5.5rem', cell: (m) => m.state },
            { heading: 'Postoffices Serviced', width: 'minmax(10rem,1.3fr)', cell: (m) => m.services.join(', ') || '(none)' },
          ]}
        />
        <div className="flex flex-row flex-wrap content-start gap-2 sm:flex-col">
          <button type="button" className="button" disabled={!canChange} onClick={() => router.push(`${sheetPath}?mta=new`, { scroll: false })}>
            New…
          </button>
          <button type="button" className="button" disabled={!current} onClick={() => configure(current)}>
            Configure…
          </button>
          <button type="button" className="button" disabled={!canChange || !current || pending} onClick={remove}>
            Remove
          </button>
        </div>
      </div>
      {current?.restartFor.length ? (
        <p className="border border-amber-700 bg-amber-50 px-2 py-1 text-[12px] text-amber-900">
          Restart needed: {current.serviceName} reads {current.restartFor.join('; ')} when it starts. Restart the service for the change to take effect.
        </p>
      ) : null}
      <p role="status" aria-label="Connector MTAs result" className={`min-h-5 text-[12px] ${status?.error ? 'text-red-800' : ''}`}>
        {pending ? 'Working…' : status?.text}
      </p>
    </div>
  );
}
