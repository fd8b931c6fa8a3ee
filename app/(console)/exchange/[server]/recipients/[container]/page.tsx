import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { serverContext } from '@/lib/queries/dirsync-objects';
import { getRecipientsView, parseListQuery, RECIPIENT_SORTS, type RecipientSort } from '@/lib/queries/recipients-view';
import { ChildWindow } from '@/components/console/child-window';
import { ExchangeIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { RecipientsList } from '@/components/recipients/recipients-list';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ server: string; container: string }>; searchParams: Promise<{ sort?: string; dir?: string; page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).container) };
}

/** A recipients container (Site ▸ Recipients): its mailboxes and custom recipients, sortable and paged. */
export default async function RecipientsContainerPage({ params, searchParams }: Props) {
  const { server, container } = await params;
  const q = parseListQuery(await searchParams);
  const name = decodeURIComponent(container);
  const session = await requirePageSession(routes.recipients(server, name));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  const view = getRecipientsView(db, ctx.row, name, q);
  if (!view) notFound();
  const here = routes.recipients(ctx.server, view.container);
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
      <div role="region" aria-labelledby="recipients-caption" data-contents-list className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <RecipientsList
          caption={view.container}
          rows={view.rows}
          here={here}
          server={ctx.server}
          canDelete={canChange(session.role)}
          headings={(Object.keys(RECIPIENT_SORTS) as RecipientSort[]).map((key) => {
            const active = view.sort === key;
            return {
              label: RECIPIENT_SORTS[key],
              href: href({ sort: key, dir: active && view.dir === 'asc' ? 'desc' : 'asc' }),
              sort: active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined,
            };
          })}
        />
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
