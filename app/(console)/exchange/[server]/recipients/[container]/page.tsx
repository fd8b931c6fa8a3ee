import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { serverContext } from '@/lib/queries/dirsync-objects';
import { getRecipientsView, parseListQuery, RECIPIENT_SORTS, type RecipientSort } from '@/lib/queries/recipients-view';
import { ChildWindow } from '@/components/console/child-window';
import { ExchangeIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ server: string; container: string }>; searchParams: Promise<{ sort?: string; dir?: string; page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).container) };
}

const th = 'bg-chrome bevel-raised px-2 py-1 text-left text-[12px] font-normal whitespace-nowrap';
const td = 'px-2 py-1 whitespace-nowrap';

/** A recipients container (Site ▸ Recipients): its mailboxes and custom recipients, sortable and paged. */
export default async function RecipientsContainerPage({ params, searchParams }: Props) {
  const { server, container } = await params;
  const q = parseListQuery(await searchParams);
  const name = decodeURIComponent(container);
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/recipients/${encodeURIComponent(name)}`);
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  const view = getRecipientsView(db, ctx.row, name, q);
  if (!view) notFound();
  const here = `/exchange/${ctx.server}/recipients/${encodeURIComponent(view.container)}`;
  const href = (p: { sort?: RecipientSort; dir?: string; page?: number }) => {
    const s = new URLSearchParams({ sort: p.sort ?? view.sort, dir: p.dir ?? view.dir, page: String(p.page ?? 1) });
    return `${here}?${s}`;
  };
  const first = (view.page - 1) * 50 + 1;
  return (
    <ChildWindow
      title={`Site ${ctx.site} in Organization ${ctx.organization} - ${view.container}`}
      icon={<ExchangeIcon />}
      status={
        <StatusBar>
          <StatusPane grow>
            {view.total} recipient{view.total === 1 ? '' : 's'}
            {view.hiddenCount ? ` (${view.hiddenCount} hidden from the address book)` : ''}
          </StatusPane>
          <StatusPane>
            Page {view.page} of {view.pages}
          </StatusPane>
        </StatusBar>
      }
    >
      <div role="region" aria-labelledby="recipients-caption" tabIndex={0} className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <table className="w-full min-w-[640px] border-separate border-spacing-0 text-[13px]">
          <caption id="recipients-caption" className="px-2 py-1.5 text-left font-semibold">
            {view.container}
          </caption>
          <thead className="sticky top-0">
            <tr>
              {(Object.keys(RECIPIENT_SORTS) as RecipientSort[]).map((key) => {
                const active = view.sort === key;
                return (
                  <th key={key} scope="col" className={th} aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <Link href={href({ sort: key, dir: active && view.dir === 'asc' ? 'desc' : 'asc' })} className="flex items-center gap-1">
                      {RECIPIENT_SORTS[key]}
                      <span aria-hidden="true" className="w-3 text-[10px]">
                        {active ? (view.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {view.rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-2 py-3 text-ink-muted">
                  This container is empty.
                </td>
              </tr>
            ) : (
              view.rows.map((r) => (
                <tr key={r.alias} className={`hover:bg-chrome-light ${r.hidden ? 'text-ink-muted' : ''}`}>
                  <th scope="row" className={`${td} text-left font-normal`}>
                    <Link href={`${here}/${encodeURIComponent(r.alias)}/general`} className="underline-offset-2 hover:underline">
                      {r.displayName}
                    </Link>
                    {r.hidden ? <span className="chip ml-2 text-[11px]">Hidden</span> : null}
                  </th>
                  <td className={td}>{r.alias}</td>
                  <td className={td}>
                    {r.type}
                    {r.importedBy ? <span className="text-ink-muted"> · imported by {r.importedBy}</span> : null}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{r.trust}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 pt-1.5 text-[12px]">
        {view.page > 1 ? (
          <Link href={href({ page: view.page - 1 })} className="button">
            Previous page
          </Link>
        ) : (
          <span className="button opacity-50" aria-disabled="true">
            Previous page
          </span>
        )}
        <span>
          {view.total ? `${first}–${first + view.rows.length - 1} of ${view.total}` : '0 of 0'}
        </span>
        {view.page < view.pages ? (
          <Link href={href({ page: view.page + 1 })} className="button">
            Next page
          </Link>
        ) : (
          <span className="button opacity-50" aria-disabled="true">
            Next page
          </span>
        )}
      </nav>
    </ChildWindow>
  );
}
