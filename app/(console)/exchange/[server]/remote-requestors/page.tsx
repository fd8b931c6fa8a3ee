import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getDirsyncServerSheet, getRemoteRequestors, serverContext } from '@/lib/queries/dirsync-objects';
import { ChildWindow } from '@/components/console/child-window';
import { ServerIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { Unavailable } from '@/components/dirsync/sheet-bits';
import { RemoteRequestorsList } from '@/components/dirsync/remote-requestors-list';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Remote Dirsync Requestors of ${decodeURIComponent((await params).server).toUpperCase()}` };
}

/** The right pane when the Dirsync Server is selected: its Remote Dirsync Requestors (KB Q152231). */
export default async function RemoteRequestorsPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.remoteRequestors(server));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  const dss = getDirsyncServerSheet(db, ctx.row);
  if (!dss) {
    return (
      <Unavailable title="Remote Dirsync Requestors" links={[{ href: routes.dirsyncServer(ctx.server), label: 'Dirsync Server' }]}>
        <p>{ctx.server} is not a dirsync server, so it has no Remote Dirsync Requestors.</p>
      </Unavailable>
    );
  }
  const rows = getRemoteRequestors(db, ctx.row);
  return (
    <ChildWindow
      title={`Server ${ctx.server} in Site ${ctx.site} - ${dss.name}`}
      icon={<ServerIcon />}
      toolbar={
        <div className="flex flex-wrap gap-2 px-1.5 pt-1.5">
          <Link href={routes.dirsyncServer(ctx.server)} className="button">
            {dss.name} Properties
          </Link>
          <Link href={routes.newRemoteRequestor(ctx.server)} className="button">
            New Remote Dirsync Requestor…
          </Link>
        </div>
      }
      status={
        <StatusBar>
          <StatusPane grow>
            {rows.length} Remote Dirsync Requestor{rows.length === 1 ? '' : 's'} · T2 schedule: {dss.scheduleText}
          </StatusPane>
        </StatusBar>
      }
    >
      <div role="region" aria-labelledby="rr-caption" data-contents-list className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <RemoteRequestorsList rows={rows} server={ctx.server} canDelete={canChange(session.role)} />
      </div>
    </ChildWindow>
  );
}
