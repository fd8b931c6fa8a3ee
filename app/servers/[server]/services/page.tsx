import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession, canChange } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers';
import { getServicesView } from '@/lib/queries/services-view';
import { ServicesList } from '@/components/services/services-list';
import { SignedIn } from '@/components/auth/signed-in';
import { ServerIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane, Window } from '@/components/ui/window';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Services on ${(await params).server.toUpperCase()}` };
}

/** Control Panel ▸ Services for one Exchange server. */
export default async function ServicesPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(`/servers/${encodeURIComponent(server)}/services`);
  const db = sharedDatabase();
  if (!findServer(db, server)) notFound();
  const view = getServicesView(db, server);
  return (
    <Window
      title={`Services on \\\\${view.server}`}
      icon={<ServerIcon />}
      statusBar={
        <StatusBar>
          <StatusPane grow>
            Microsoft Exchange Server {view.version} · {view.services.length} services
          </StatusPane>
          <StatusPane>
            <SignedIn session={session} />
          </StatusPane>
        </StatusBar>
      }
    >
      <ServicesList view={view} canChange={canChange(session.role)} />
    </Window>
  );
}
