import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { DXA_KEY, DXA_VALUES, registryValues } from '@/lib/exchange/registry';
import { findServer } from '@/lib/exchange/servers';
import { ChildWindow } from '@/components/console/child-window';
import { RegistryValue } from '@/components/registry/registry-value';
import { registryValueRevision } from '@/lib/queries/revisions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Registry on ${(await params).server.toUpperCase()}` };
}

/** The three DXA values under HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeDX (protocol.md 7). */
export default async function RegistryPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(`/exchange/${encodeURIComponent(server)}/registry`);
  const db = sharedDatabase();
  const found = findServer(db, server);
  if (!found) notFound();
  const set = new Map(registryValues(db, found.name).map((v) => [v.name, v]));
  return (
    <ChildWindow title={`Registry Editor - HKEY_LOCAL_MACHINE on ${found.name}`}>
      <p className="px-1 pb-2 font-mono text-[12px] break-all">{DXA_KEY}</p>
      <div className="grid gap-2">
        {(Object.keys(DXA_VALUES) as (keyof typeof DXA_VALUES)[]).map((name) => {
          const v = set.get(name);
          return (
            <RegistryValue
              key={name}
              server={found.name}
              name={name}
              type={DXA_VALUES[name]}
              data={v ? (Array.isArray(v.data) ? v.data.join('\n') : String(v.data)) : null}
              note={v?.note ?? null}
              revision={String(registryValueRevision(db, found.name, name).revision)}
              canChange={canChange(session.role)}
            />
          );
        })}
      </div>
    </ChildWindow>
  );
}
