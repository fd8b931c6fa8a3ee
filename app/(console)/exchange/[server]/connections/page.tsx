import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers/servers';
import { getConnectionsView } from '@/lib/queries/connections-view';
import { ConnectionsList } from '@/components/connections/connections-list';
import { ChildWindow } from '@/components/console/child-window';
import { ServerIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Connections on ${(await params).server.toUpperCase()}` };
}

/** Site ▸ Configuration ▸ Connections: the server's MS Mail Connector and dirsync objects. */
export default async function ConnectionsPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.connections(server));
  const db = sharedDatabase();
  if (!findServer(db, server)) notFound();
  const view = getConnectionsView(db, server);
  return (
    <ChildWindow
      title={`Server ${view.server} in Site ${view.site} - Connections`}
      icon={<ServerIcon />}
      status={
        <StatusBar>
          <StatusPane grow>
            {view.objects.length} object{view.objects.length === 1 ? '' : 's'} · Enter or double-click opens the properties, Del deletes
          </StatusPane>
        </StatusBar>
      }
    >
      <ConnectionsList objects={view.objects} server={view.server} canDelete={canChange(session.role)} />
    </ChildWindow>
  );
}
