'use client';

import Link from '@/components/ui/link';
import { useSoftLinks } from '@/components/ui/soft-links';
import { useRouter } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { EventListPage } from '@/lib/queries/event-viewer';
import { hrefOf, searchParamsOf, type EventSearch } from '@/lib/queries/event-search';
import { EventTypeIcon } from '@/components/events/event-type-icon';
import { sessionEndedBy } from '@/components/auth/session-ended';

/** How often the first page asks the feed for new events while it is open. */
const POLL_MS = 3000;

/**
 * Fixed widths for the columns the documents ask you to check (Event, User, Computer) and the
 * time; on a narrow window Source and Category give way (cut with an ellipsis, the whole text in
 * a tooltip), never those.
 */
const COLUMNS = [
  ['Date', 'w-28'],
  ['Time', 'w-24'],
  ['Source', ''],
  ['Category', 'w-[22%]'],
  ['Event', 'w-16'],
  ['User', 'w-16'],
  ['Computer', 'w-28'],
] as const;

/**
 * The Event Viewer's list: one page of events, newest first. The first page stays live: it asks
 * the feed (same filter) every few seconds and new events appear at the top, marked until the
 * page is left. Previous/Next page follow the cursors kept in the URL.
 */
export function EventList({
  base,
  search,
  limit,
  pages,
  initial,
  openEvent,
}: {
  base: string;
  search: EventSearch;
  limit: number;
  pages: string[];
  initial: EventListPage;
  openEvent?: number;
}) {
  const router = useRouter();
  const live = pages.length === 0;
  const query = searchParamsOf(search, { limit }).toString();
  const key = ['events', base, query];
  const client = useQueryClient();
  const feed = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const res = await fetch(`${base}/feed${query ? `?${query}` : ''}`, { cache: 'no-store', signal });
      const body = (await res.json().catch(() => null)) as (EventListPage & { error?: string }) | null;
      if (!res.ok || !body) throw new Error(sessionEndedBy(res) ? 'Your session has ended' : (body?.error ?? `the server answered ${res.status}`));
      return body;
    },
    initialData: initial,
    enabled: live,
    refetchInterval: live ? POLL_MS : false,
    refetchIntervalInBackground: false,
    retry: 0,
  });
  // A server render (after Clear All Events, a save, a refresh) brings newer rows: take them.
  useEffect(() => {
    if (live) client.setQueryData(key, initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  const data = live ? feed.data : initial;
  // Events newer than the newest one this page first showed are new.
  const seenMax = useRef<number | null>(null);
  if (seenMax.current === null) seenMax.current = initial.rows.reduce((m, r) => Math.max(m, r.id), 0);
  const fresh = data.rows.filter((r) => r.id > seenMax.current!).length;

  const to = (p: string[], event?: number) => hrefOf(base, searchParamsOf(search, { limit, pages: p, event }));
  const openLink = useSoftLinks({ scroll: false });

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1.5">
      <div className="bevel-sunken min-h-56 flex-1 overflow-auto bg-white">
        <table aria-label="Events" className="w-full min-w-[600px] table-fixed border-collapse text-left text-[13px]">
          <thead className="sticky top-0 z-10 bg-chrome">
            <tr>
              {COLUMNS.map(([c, w]) => (
                <th key={c} scope="col" className={`bevel-raised truncate px-2 py-1 font-normal whitespace-nowrap ${w}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onClick={openLink}>
            {data.rows.map((r) => {
              const isNew = r.id > seenMax.current!;
              const open = r.id === openEvent;
              return (
                <tr
                  key={r.id}
                  data-new={isNew || undefined}
                  onDoubleClick={() => router.push(to(pages, r.id), { scroll: false })}
                  className={`h-7 cursor-default whitespace-nowrap ${open ? 'bg-select text-white' : isNew ? 'bg-amber-50' : 'hover:bg-chrome-light'}`}
                >
                  <td className="px-2">
                    <a href={to(pages, r.id)} className="inline-flex items-center gap-1.5 align-middle underline-offset-2 hover:underline focus-visible:outline-dotted" title="Show the details of this event">
                      <EventTypeIcon type={r.type} />
                      {r.date}
                    </a>
                  </td>
                  <td className="truncate px-2">{r.time}</td>
                  <td className="truncate px-2" title={r.source}>
                    {r.source}
                  </td>
                  <td className="truncate px-2" title={r.category}>
                    {r.category}
                  </td>
                  <td className="px-2 tabular-nums">{r.eventId}</td>
                  <td className="px-2">{r.user}</td>
                  <td className="truncate px-2" title={r.computer}>
                    {r.computer}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {data.rows.length === 0 ? <p className="px-3 py-4 text-ink-muted">{pages.length ? 'There are no more events.' : 'There are no items to show in this view.'}</p> : null}
      </div>
      <div className="flex min-h-8 flex-wrap items-center gap-2">
        <button type="button" className="button" disabled={pages.length === 0} onClick={() => router.push(to(pages.slice(0, -1)))}>
          Previous page
        </button>
        <button type="button" className="button" disabled={!data.next} onClick={() => data.next && router.push(to([...pages, data.next]))}>
          Next page
        </button>
        <span className="text-[12px] text-ink-muted">Page {pages.length + 1}</span>
        <p role="status" aria-label="Live updates" className="ml-auto min-w-0 truncate text-[12px]">
          {!live ? (
            <Link href={to([])} className="underline">
              Go to the newest events (live)
            </Link>
          ) : feed.isError ? (
            <span className="text-red-800">Live updates paused: {feed.error.message}</span>
          ) : fresh ? (
            `${fresh} new ${fresh === 1 ? 'event' : 'events'} since you opened this view`
          ) : (
            <span className="text-ink-muted">Live: new events appear at the top</span>
          )}
        </p>
      </div>
    </div>
  );
}
