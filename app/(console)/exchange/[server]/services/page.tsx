import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession, canChange } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers/servers';
import { getServicesView } from '@/lib/queries/services-view';
import { ServicesList } from './_components/services-list';
import { ServerIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { ChildWindow } from '@/components/console/child-window';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Services on ${(await params).server.toUpperCase()}` };
}

/** Control Panel ▸ Services for one Exchange server. */
export default async function ServicesPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.services(server));
  const db = sharedDatabase();
  if (!findServer(db, server)) notFound();
  const view = getServicesView(db, server);
  return (
    <ChildWindow
      title={`Services on \\\\${view.server}`}
      icon={<ServerIcon />}
      status={
        <StatusBar>
          <StatusPane grow>
            Microsoft Exchange Server {view.version} · {view.services.length} services
          </StatusPane>
        </StatusBar>
      }
    >
      <ServicesList view={view} canChange={canChange(session.role)} />
    </ChildWindow>
  );
}
