import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { getPostofficeLogs, LOG_SEVERITIES, logFileOf, logFilterOf, poFromSegment } from '@/lib/queries/postoffice-logs';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { PostofficeIcon } from '@/components/ui/icons';
import { LogTable } from './_components/log-table';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ po: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const po = poFromSegment((await params).po);
  return { title: po ? `Logs of ${po.network}/${po.name}` : 'Logs' };
}

/**
 * A postoffice's DIRSYNC.LOG, DISPATCH.LOG and CENTRAL.LOG in the Event Viewer's form: newest line
 * first, the severity as an icon, a page at a time (`pages` = the ids the earlier pages ended at),
 * narrowed by Filter (severity, message number) and Find (text in the line), kept in the address.
 */
export default async function PostofficeLogsPage({ params, searchParams }: Props) {
  const { po } = await params;
  const query = await searchParams;
  const file = logFileOf(one(query.file));
  const pages = (one(query.pages) ?? '').split(',').filter((p) => /^\d{1,15}$/.test(p));
  const filter = logFilterOf({ severity: one(query.severity), number: one(query.number), find: one(query.find) });
  const filtered = !!(filter.severity || filter.number !== undefined || filter.find);
  const base = routes.postofficeLogs(po);
  const href = (f: string, p: string[], keep = true) => {
    const q = new URLSearchParams();
    if (f !== 'DIRSYNC') q.set('file', f.toLowerCase());
    if (keep && filter.severity) q.set('severity', filter.severity.toLowerCase());
    if (keep && filter.number !== undefined) q.set('number', String(filter.number));
    if (keep && filter.find) q.set('find', filter.find);
    if (p.length) q.set('pages', p.join(','));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  await requirePageSession(href(file, pages));
  const view = getPostofficeLogs(sharedDatabase(), po, file, pages.length ? Number(pages[pages.length - 1]) : undefined, undefined, filter);
  if (!view) notFound();
  const current = view.files.find((f) => f.file === file)!;

  return (
    <ChildWindow
      title={`${current.name} - Postoffice ${view.postoffice}`}
      icon={<PostofficeIcon />}
      toolbar={
        <div className="flex flex-wrap items-center gap-1.5 border-b border-chrome-shadow/40 px-1.5 py-1">
          <nav aria-label="Log files">
            <ul className="flex flex-wrap gap-1">
              {view.files.map((f) => (
                <li key={f.file}>
                  <Link href={href(f.file, [], false)} aria-current={f.file === file ? 'page' : undefined} className={`button px-3 ${f.file === file ? 'bevel-sunken font-semibold' : ''}`}>
                    {f.name}
                    <span className="ml-1.5 text-[12px] text-ink-muted">({f.lines.toLocaleString('en')})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <a href={`${base}/export?file=${file.toLowerCase()}`} download className="button ml-auto px-3">
            Save {current.name}
          </a>
          <form role="search" aria-label="Filter and find" method="get" action={base} className="flex basis-full flex-wrap items-end gap-2 text-[12px]">
            {file !== 'DIRSYNC' ? <input type="hidden" name="file" value={file.toLowerCase()} /> : null}
            <label className="grid gap-0.5">
              <span>Severity</span>
              <select name="severity" defaultValue={filter.severity?.toLowerCase() ?? ''} className="field min-h-7 py-0.5">
                <option value="">All</option>
                {LOG_SEVERITIES.map((s) => (
                  <option key={s} value={s.toLowerCase()}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label className="grid gap-0.5">
              <span>Number</span>
              <input name="number" inputMode="numeric" defaultValue={filter.number ?? ''} className="field min-h-7 w-20 py-0.5" placeholder="e.g. 14" />
            </label>
            <label className="grid gap-0.5">
              <span>Find</span>
              <input name="find" type="search" defaultValue={filter.find ?? ''} className="field min-h-7 w-56 py-0.5" placeholder="text in the line" />
            </label>
            <button type="submit" className="button min-h-7">
              Filter
            </button>
            {filtered ? (
              <Link href={href(file, [], false)} className="button min-h-7">
                Show all lines
              </Link>
            ) : null}
          </form>
        </div>
      }
      status={
        <StatusBar>
          <StatusPane grow>
            {current.name} on {view.postoffice}
            {filtered ? ' · filtered view' : ''}
          </StatusPane>
          <StatusPane>
            {current.lines.toLocaleString('en')} {current.lines === 1 ? 'line' : 'lines'} · page {pages.length + 1}
          </StatusPane>
        </StatusBar>
      }
    >
      <div className="flex min-h-0 flex-1 flex-col gap-1.5">
        <div role="region" aria-label={`${current.name} lines`} tabIndex={0} className="bevel-sunken min-h-56 flex-1 overflow-auto bg-white">
          <LogTable name={current.name} rows={view.rows} />
          {view.rows.length === 0 ? <p className="px-3 py-4 text-ink-muted">{pages.length ? 'There are no more lines.' : filtered ? `No line of ${current.name} matches the filter.` : `${current.name} is empty.`}</p> : null}
        </div>
        <nav aria-label="Pages" className="flex min-h-8 flex-wrap items-center gap-2">
          {pages.length ? (
            <Link href={href(file, pages.slice(0, -1))} className="button">
              Previous page
            </Link>
          ) : (
            <span className="button text-ink-muted" aria-disabled="true">
              Previous page
            </span>
          )}
          {view.next !== null ? (
            <Link href={href(file, [...pages, String(view.next)])} className="button">
              Next page
            </Link>
          ) : (
            <span className="button text-ink-muted" aria-disabled="true">
              Next page
            </span>
          )}
        </nav>
      </div>
    </ChildWindow>
  );
}
