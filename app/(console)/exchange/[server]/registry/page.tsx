import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { DXA_KEY } from '@/lib/exchange/services/registry';
import { registryContext } from '@/lib/exchange/services/registry-context';
import { findServer } from '@/lib/exchange/servers/servers';
import { ChildWindow } from '@/components/console/child-window';
import { RegistryValue } from './_components/registry-value';
import { registryValueRevision } from '@/lib/queries/revisions';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Registry on ${(await params).server.toUpperCase()}` };
}

/** The three DXA values under HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeDX (docs/exchange.md, "Services, pause, registry"). */
export default async function RegistryPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.registry(server));
  const db = sharedDatabase();
  const found = findServer(db, server);
  if (!found) notFound();
  const values = registryContext(db, found.name);
  return (
    <ChildWindow title={`Registry Editor - HKEY_LOCAL_MACHINE on ${found.name}`}>
      <p className="px-1 pb-2 font-mono text-[12px] break-all">{DXA_KEY}</p>
      <div className="grid gap-2">
        {values.map((v) => (
          <RegistryValue
            key={v.name}
            server={found.name}
            value={{ ...v, data: v.data === null ? null : Array.isArray(v.data) ? v.data.join('\n') : String(v.data) }}
            canChange={canChange(session.role)}
            revision={String(registryValueRevision(db, found.name, v.name).revision)}
          />
        ))}
      </div>
    </ChildWindow>
  );
}
