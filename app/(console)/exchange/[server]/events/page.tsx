import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { requirePageSession, canChange } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers/servers';
import { getEventViewer } from '@/lib/queries/event-viewer';
import { hrefOf, parseEventLocation, searchParamsOf } from '@/lib/queries/event-search';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { ServerIcon } from '@/components/ui/icons';
import { EventList } from './_components/event-list';
import { FindBox } from './_components/find-box';
import { FilterDialog } from './_components/filter-dialog';
import { EventDetailDialog } from './_components/event-detail-dialog';
import { LogSettingsDialog } from './_components/log-settings-dialog';
import { ClearLogDialog } from './_components/clear-log-dialog';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ server: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Event Viewer - Application Log on \\\\${(await params).server.toUpperCase()}` };
}

/** The NT Event Viewer over one Exchange server's Application log (docs/console.md, "Event Viewer"). */
export default async function EventViewerPage({ params, searchParams }: Props) {
  const { server: raw } = await params;
  const query = await searchParams;
  const at = parseEventLocation(query);
  const base = routes.events(raw);
  const session = await requirePageSession(hrefOf(base, searchParamsOf(at.search, { limit: at.limit, pages: at.pages, event: at.event, dialog: at.dialog })));
  const db = sharedDatabase();
  const found = findServer(db, decodeURIComponent(raw));
  if (!found) notFound();
  const view = getEventViewer(db, found.name, at);
  const readOnly = !canChange(session.role);

  const here = (extra: { event?: number; dialog?: 'filter' | 'settings' | 'clear'; pages?: string[] } = {}) =>
    hrefOf(base, searchParamsOf(at.search, { limit: at.limit, pages: extra.pages ?? at.pages, ...extra }));
  const exportHref = (format: 'csv' | 'txt') => {
    const q = searchParamsOf(at.search);
    q.set('format', format);
    return hrefOf(`${base}/export`, q);
  };
  const listKey = `${searchParamsOf(at.search, { limit: at.limit, pages: at.pages }).toString()}`;

  return (
    <ChildWindow
      title={`Event Viewer - Application Log on \\\\${view.server}`}
      icon={<ServerIcon />}
      toolbar={
        <div role="toolbar" aria-label="Event Viewer" className="flex flex-wrap items-center gap-1.5 border-b border-chrome-shadow/40 px-1.5 py-1">
          <Link href={here({ dialog: 'filter' })} scroll={false} className="button px-2.5">
            Filter…
          </Link>
          <FindBox base={base} search={at.search} limit={at.limit} />
          <span className="mx-1 hidden h-6 border-l border-chrome-shadow/60 sm:block" aria-hidden="true" />
          <a href={exportHref('csv')} download className="button px-2.5">
            Export as CSV
          </a>
          <a href={exportHref('txt')} download className="button px-2.5">
            Export as Text
          </a>
          <Link href={here({ dialog: 'settings' })} scroll={false} className="button px-2.5">
            Log Settings…
          </Link>
          {readOnly ? null : (
            <Link href={here({ dialog: 'clear' })} scroll={false} className="button px-2.5">
              Clear All Events…
            </Link>
          )}
        </div>
      }
      status={
        <StatusBar>
          <StatusPane grow>{view.filtered ? 'Filtered view' : 'Application Log'}</StatusPane>
          <StatusPane>
            {view.settings.events.toLocaleString('en')} {view.settings.events === 1 ? 'event' : 'events'} in the log · {view.settings.usedKb.toLocaleString('en')} KB of{' '}
            {view.settings.maxKb.toLocaleString('en')} KB
          </StatusPane>
        </StatusBar>
      }
    >
      {view.errors.length ? (
        <p role="alert" className="mb-1.5 border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
          The filter in this address cannot be used: {view.errors.join('; ')}.{' '}
          <Link href={base} className="underline">
            Show all events
          </Link>
        </p>
      ) : null}
      <EventList key={listKey} base={base} search={at.search} limit={at.limit} pages={at.pages} initial={view.page} openEvent={at.event} />
      {at.dialog === 'filter' ? <FilterDialog base={base} search={at.search} limit={at.limit} sources={view.sources} closeHref={here()} /> : null}
      {at.dialog === 'settings' ? (
        <LogSettingsDialog server={view.server} settings={view.settings} closeHref={here()} clearHref={here({ dialog: 'clear' })} readOnly={readOnly} />
      ) : null}
      {at.dialog === 'clear' ? <ClearLogDialog server={view.server} events={view.settings.events} closeHref={hrefOf(base, searchParamsOf(at.search, { limit: at.limit }))} saveHref={exportHref('csv')} readOnly={readOnly} /> : null}
      {at.event !== undefined && !at.dialog ? (
        <EventDetailDialog
          event={view.detail}
          closeHref={here()}
          previousHref={view.neighbours.previous ? here(view.neighbours.previous) : null}
          nextHref={view.neighbours.next ? here(view.neighbours.next) : null}
        />
      ) : null}
    </ChildWindow>
  );
}
