/**
 * The Event Viewer's filter as it lives in the URL's search parameters, so a filtered view has its
 * own address and survives reload and back. Pure (no database): the page, the feed and export
 * route handlers and the client components all read and write it the same way.
 *
 * | parameter | meaning |
 * |---|---|
 * | `from`, `through` | View From / View Through, `YYYY-MM-DDTHH:MM` simulation time (UTC); through is inclusive to the end of its minute |
 * | `types` | the checked Types, comma-separated (`Information,Warning`); absent = all |
 * | `source`, `category`, `id`, `user`, `computer` | the Filter dialog's boxes |
 * | `find` | Find: text in the description |
 * | `limit` | events a page (default 50) |
 * | `pages` | the cursors of the pages before this one, comma-separated (`at-id`), absent on the first |
 * | `event` | the event whose details are open |
 * | `dialog` | `filter`, `settings` or `clear` |
 */

export const VIEW_TYPES = ['Information', 'Warning', 'Error'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export interface EventSearch {
  from?: string;
  through?: string;
  /** The checked types; all three when none was unchecked. */
  types: ViewType[];
  source?: string;
  category?: string;
  eventId?: string;
  user?: string;
  computer?: string;
  find?: string;
}

export type EventDialog = 'filter' | 'settings' | 'clear';

export interface EventLocation {
  search: EventSearch;
  limit: number;
  /** Cursors of the earlier pages: `pages[k]` starts page k + 2. */
  pages: string[];
  event?: number;
  dialog?: EventDialog;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const get = (p: Params, name: string): string | undefined => {
  const v = p instanceof URLSearchParams ? (p.get(name) ?? undefined) : p[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};

/** The view's place from the page's search parameters (unknown or malformed ones are ignored). */
export function parseEventLocation(p: Params): EventLocation {
  const typesText = get(p, 'types');
  const types = typesText === undefined ? [...VIEW_TYPES] : VIEW_TYPES.filter((t) => typesText.split(',').some((x) => x.trim().toLowerCase() === t.toLowerCase()));
  const limitText = get(p, 'limit');
  const limit = limitText && /^\d{1,4}$/.test(limitText) && +limitText >= 1 && +limitText <= MAX_PAGE_SIZE ? +limitText : DEFAULT_PAGE_SIZE;
  const event = get(p, 'event');
  const dialog = get(p, 'dialog');
  return {
    search: {
      from: get(p, 'from'),
      through: get(p, 'through'),
      types,
      source: get(p, 'source'),
      category: get(p, 'category'),
      eventId: get(p, 'id'),
      user: get(p, 'user'),
      computer: get(p, 'computer'),
      find: get(p, 'find'),
    },
    limit,
    pages: (get(p, 'pages') ?? '').split(',').filter((c) => parseCursor(c) !== null),
    event: event && /^\d{1,15}$/.test(event) ? Number(event) : undefined,
    dialog: dialog === 'filter' || dialog === 'settings' || dialog === 'clear' ? dialog : undefined,
  };
}

/** The search parameters of a filter (only what differs from "show everything"). */
export function searchParamsOf(search: EventSearch, extra: { limit?: number; pages?: string[]; event?: number; dialog?: EventDialog } = {}): URLSearchParams {
  const q = new URLSearchParams();
  const put = (name: string, v: string | undefined) => {
    if (v !== undefined && v.trim() !== '') q.set(name, v.trim());
  };
  put('from', search.from);
  put('through', search.through);
  if (search.types.length !== VIEW_TYPES.length) q.set('types', search.types.join(','));
  put('source', search.source);
  put('category', search.category);
  put('id', search.eventId);
  put('user', search.user);
  put('computer', search.computer);
  put('find', search.find);
  if (extra.limit !== undefined && extra.limit !== DEFAULT_PAGE_SIZE) q.set('limit', String(extra.limit));
  if (extra.pages?.length) q.set('pages', extra.pages.join(','));
  if (extra.event !== undefined) q.set('event', String(extra.event));
  if (extra.dialog) q.set('dialog', extra.dialog);
  return q;
}

/** `path?query`, or the path alone when there is no query. */
export function hrefOf(path: string, q: URLSearchParams): string {
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Whether the filter hides anything (the status bar says "Filtered view"). */
export function isFiltered(search: EventSearch): boolean {
  const { types, ...rest } = search;
  return types.length !== VIEW_TYPES.length || Object.values(rest).some((v) => v !== undefined);
}

/** A page cursor in the URL: `<at>-<id>`. */
export function parseCursor(text: string): { at: number; id: number } | null {
  const m = /^(\d{1,15})-(\d{1,15})$/.exec(text);
  return m ? { at: Number(m[1]), id: Number(m[2]) } : null;
}
export const cursorText = (c: { at: number; id: number }) => `${c.at}-${c.id}`;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `YYYY-MM-DDTHH:MM[:SS]` as simulation ms (UTC); null when it is not one. */
export function parseViewTime(text: string): { ms: number; seconds: boolean } | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s ?? 0);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || (s ?? 0) > 59) return null;
  return { ms, seconds: s !== undefined };
}

/** Simulation ms as the value of a `datetime-local` box. */
export function viewTimeText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** What is wrong with a filter, by the Filter dialog's field names (empty when nothing is). */
export function filterErrors(search: EventSearch): Partial<Record<'from' | 'through' | 'eventId' | 'types', string>> {
  const errors: Partial<Record<'from' | 'through' | 'eventId' | 'types', string>> = {};
  const from = search.from === undefined ? null : parseViewTime(search.from);
  const through = search.through === undefined ? null : parseViewTime(search.through);
  if (search.from !== undefined && !from) errors.from = 'View From must be a date and time, e.g. 1994-02-26 13:45';
  if (search.through !== undefined && !through) errors.through = 'View Through must be a date and time, e.g. 1994-02-26 13:45';
  if (from && through && from.ms > through.ms) errors.through = 'View Through is before View From: no event can be shown';
  if (search.eventId !== undefined && (!/^\d{1,5}$/.test(search.eventId) || Number(search.eventId) > 65535)) {
    errors.eventId = 'Event ID must be a whole number from 0 to 65535';
  }
  if (search.types.length === 0) errors.types = 'Check at least one of Information, Warning and Error';
  return errors;
}
