import type { Db } from '@/db/client';
import { logStamp } from '@/lib/core/clock';
import { eventById, eventSources, formatEventLine, formatEventsCsv, queryEvents, EVENT_HEADER, type EventFilter, type EventRow } from '@/lib/exchange/events/query-events';
import { eventCount, eventLogSettings } from '@/lib/exchange/events/event-log-settings';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { cursorText, filterErrors, isFiltered, parseCursor, parseViewTime, VIEW_TYPES, type EventLocation, type EventSearch } from './event-search';

/** One line of the Event Viewer's list (the description only in the details). */
export interface EventListRow {
  id: number;
  date: string;
  time: string;
  type: string;
  source: string;
  category: string;
  eventId: number;
  user: string;
  computer: string;
}

export interface EventListPage {
  rows: EventListRow[];
  /** Cursor (`at-id`) of the next page, null on the last. */
  next: string | null;
}

export interface EventDetail extends EventListRow {
  description: string;
}

export interface EventLogSettingsView {
  maxKb: number;
  overwrite: 'as_needed' | 'older_than' | 'never';
  olderThanDays: number;
  usedKb: number;
  events: number;
  revision: number;
}

export interface EventViewerView {
  server: string;
  page: EventListPage;
  pageNumber: number;
  filtered: boolean;
  /** What is wrong with the filter in the URL (the list is then empty). */
  errors: string[];
  sources: string[];
  settings: EventLogSettingsView;
  detail: EventDetail | null;
  /** Event Detail's Previous (the newer event above in the list) and Next (the older one below), across pages; null at either end. */
  neighbours: { previous: EventPlace | null; next: EventPlace | null };
}

/** An event and the list page it is on (the cursors of the pages before it, as in the URL). */
export interface EventPlace {
  event: number;
  pages: string[];
}

const toListRow = (e: EventRow): EventListRow => {
  const [date, time] = logStamp(e.at).split(' ');
  return { id: e.id, date, time, type: e.type, source: e.source, category: e.category || 'None', eventId: e.eventId, user: e.user, computer: e.computer };
};

/**
 * The engine's filter for the Application log of `server` (the log holds that computer's events:
 * a Computer box naming another computer selects nothing), and the types to merge when two of the
 * three are checked. `null` when the filter cannot match anything or is malformed.
 */
export function eventFilterOf(server: string, search: EventSearch): { filter: EventFilter; types: (string | undefined)[] } | null {
  if (Object.keys(filterErrors(search)).length) return null;
  if (search.computer !== undefined && search.computer.toUpperCase() !== server.toUpperCase()) return null;
  const from = search.from === undefined ? undefined : parseViewTime(search.from)!;
  const through = search.through === undefined ? undefined : parseViewTime(search.through)!;
  const filter: EventFilter = {
    computer: server,
    source: search.source,
    category: search.category,
    eventId: search.eventId === undefined ? undefined : Number(search.eventId),
    user: search.user,
    find: search.find,
    since: from?.ms,
    // View Through a minute means to the end of that minute.
    until: through === undefined ? undefined : through.ms + (through.seconds ? 999 : 59_999),
  };
  return { filter, types: search.types.length === VIEW_TYPES.length ? [undefined] : search.types };
}

function rawPage(db: Db, server: string, search: EventSearch, limit: number, before: string | undefined): { events: EventRow[]; next: { at: number; id: number } | null } {
  const q = eventFilterOf(server, search);
  if (!q) return { events: [], next: null };
  const cursor = before === undefined ? undefined : (parseCursor(before) ?? undefined);
  if (q.types.length === 1) return queryEvents(db, { ...q.filter, type: q.types[0], limit, before: cursor });
  // Two types checked: one page of each, merged newest first; the cursor is the same for both.
  const all = q.types.flatMap((type) => queryEvents(db, { ...q.filter, type, limit, before: cursor }).events);
  all.sort((a, b) => b.at - a.at || b.id - a.id);
  const events = all.slice(0, limit);
  const last = events[events.length - 1];
  return { events, next: events.length === limit && last ? { at: last.at, id: last.id } : null };
}

/** One page of the filtered log, newest first; `before` is the cursor the page starts after. */
export function eventListPage(db: Db, server: string, search: EventSearch, limit: number, before?: string): EventListPage {
  const page = rawPage(db, resolveServer(db, server).name, search, limit, before);
  return { rows: page.events.map(toListRow), next: page.next ? cursorText(page.next) : null };
}

/** Every filtered event, newest first, a page at a time following the cursor (for Save As). */
export function* filteredEvents(db: Db, server: string, search: EventSearch, chunk = 1000): Generator<EventRow[]> {
  const name = resolveServer(db, server).name;
  let before: string | undefined;
  for (;;) {
    const page = rawPage(db, name, search, chunk, before);
    if (page.events.length) yield page.events;
    if (!page.next) return;
    before = cursorText(page.next);
  }
}

/** The text export: NT's header line, then one line per event (formatEventLine), CRLF. */
export function* eventsText(db: Db, server: string, search: EventSearch, chunk = 1000): Generator<string> {
  yield `${EVENT_HEADER}\r\n`;
  for (const rows of filteredEvents(db, server, search, chunk)) yield rows.map((e) => `${formatEventLine(e)}\r\n`).join('');
}

/** The CSV export (formatEventsCsv: header once, RFC 4180). */
export function* eventsCsv(db: Db, server: string, search: EventSearch, chunk = 1000): Generator<string> {
  let first = true;
  for (const rows of filteredEvents(db, server, search, chunk)) {
    const csv = formatEventsCsv(rows);
    yield first ? csv : csv.slice(csv.indexOf('\r\n') + 2);
    first = false;
  }
  if (first) yield formatEventsCsv([]);
}

/** One event of the server's log with its full description, or null. */
export function eventDetail(db: Db, server: string, id: number): EventDetail | null {
  const e = eventById(db, id);
  if (!e || e.computer !== resolveServer(db, server).name) return null;
  return { ...toListRow(e), description: e.description };
}

export function eventLogSettingsView(db: Db, server: string): EventLogSettingsView {
  const s = eventLogSettings(db, server);
  return { maxKb: s.maxKb, overwrite: s.overwrite, olderThanDays: s.olderThanDays, usedKb: Math.ceil(s.usedBytes / 1024), events: eventCount(db, s.computer), revision: s.revision };
}

/** Everything the Event Viewer page shows for a place (filter, page, open event). */
export function getEventViewer(db: Db, serverName: string, at: EventLocation): EventViewerView {
  const server = resolveServer(db, serverName).name;
  const errors = Object.values(filterErrors(at.search));
  return {
    server,
    page: errors.length ? { rows: [], next: null } : eventListPage(db, server, at.search, at.limit, at.pages[at.pages.length - 1]),
    pageNumber: at.pages.length + 1,
    filtered: isFiltered(at.search),
    errors,
    sources: eventSources(db, server),
    settings: eventLogSettingsView(db, server),
    detail: at.event === undefined ? null : eventDetail(db, server, at.event),
    neighbours: at.event === undefined || errors.length ? { previous: null, next: null } : neighbours(db, server, at, at.event),
  };
}

/** The events above and below `event` in the filtered list, crossing to the previous or next page at the edges. */
function neighbours(db: Db, server: string, at: EventLocation, event: number): EventViewerView['neighbours'] {
  const page = eventListPage(db, server, at.search, at.limit, at.pages[at.pages.length - 1]);
  const k = page.rows.findIndex((r) => r.id === event);
  if (k < 0) return { previous: null, next: null };
  let previous: EventPlace | null = k > 0 ? { event: page.rows[k - 1].id, pages: at.pages } : null;
  if (k === 0 && at.pages.length) {
    const before = at.pages.slice(0, -1);
    const last = eventListPage(db, server, at.search, at.limit, before[before.length - 1]).rows.at(-1);
    previous = last ? { event: last.id, pages: before } : null;
  }
  let next: EventPlace | null = k < page.rows.length - 1 ? { event: page.rows[k + 1].id, pages: at.pages } : null;
  if (k === page.rows.length - 1 && page.next) {
    const first = eventListPage(db, server, at.search, 1, page.next).rows[0];
    next = first ? { event: first.id, pages: [...at.pages, page.next] } : null;
  }
  return { previous, next };
}
