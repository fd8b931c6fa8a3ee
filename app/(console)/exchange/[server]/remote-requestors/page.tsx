import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { getDirsyncServerSheet, getRemoteRequestors, serverContext } from '@/lib/queries/dirsync-objects';
import { ChildWindow } from '@/components/console/child-window';
import { ServerIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { Unavailable } from '@/components/dirsync/sheet-bits';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ server: string }> }): Promise<Metadata> {
  return { title: `Remote Dirsync Requestors of ${decodeURIComponent((await params).server).toUpperCase()}` };
}

const th = 'bg-chrome bevel-raised px-2 py-1 text-left text-[12px] font-normal whitespace-nowrap';
const td = 'px-2 py-1 whitespace-nowrap';

/** The right pane when the Dirsync Server is selected: its Remote Dirsync Requestors (KB Q152231). */
export default async function RemoteRequestorsPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/remote-requestors`);
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  const base = `/exchange/${ctx.server}`;
  const dss = getDirsyncServerSheet(db, ctx.row);
  if (!dss) {
    return (
      <Unavailable title="Remote Dirsync Requestors" links={[{ href: `${base}/dirsync-server/general`, label: 'Dirsync Server' }]}>
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
          <Link href={`${base}/dirsync-server/general`} className="button">
            {dss.name} Properties
          </Link>
          <Link href={`${base}/remote-requestors/new`} className="button">
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
      <div role="region" aria-labelledby="rr-caption" tabIndex={0} className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <table className="w-full min-w-[760px] border-separate border-spacing-0 text-[13px]">
          <caption id="rr-caption" className="px-2 py-1.5 text-left font-semibold">
            Remote Dirsync Requestors
          </caption>
          <thead className="sticky top-0">
            <tr>
              {['Display Name', 'Postoffice', 'Import container', 'Export containers', 'Trust level', 'ReqSync', 'SrvSync', 'ImpSync', 'Export on next cycle'].map((h) => (
                <th key={h} scope="col" className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-2 py-3 text-ink-muted">
                  No Remote Dirsync Requestors yet: File ▸ New Other ▸ Remote Dirsync Requestor.
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.postoffice} className="hover:bg-chrome-light">
                  <th scope="row" className={`${td} text-left font-normal`}>
                    <Link href={`${base}/remote-requestors/${r.slug}/general`} className="underline-offset-2 hover:underline">
                      {r.name}
                    </Link>
                  </th>
                  <td className={td}>{r.postoffice}</td>
                  <td className={td}>{r.importContainer ?? '—'}</td>
                  <td className={td}>{r.exportContainers.join(', ') || '(none)'}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.exportTrust}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.reqSync}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.srvSync}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.impSync}</td>
                  <td className={td}>{r.exportNext ? 'Yes' : ''}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </ChildWindow>
  );
}
