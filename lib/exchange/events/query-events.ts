import type { Db } from '@/db/client';
import { logStamp } from '@/lib/core/clock';
import { notFound, usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';

/** An Application log event as the Event Viewer shows it. */
export interface EventRow {
  id: number;
  computer: string;
  /** Simulation time, Unix ms (UTC). */
  at: number;
  source: string;
  type: string;
  category: string;
  eventId: number;
  user: string;
  description: string;
}

/** Where a page ended: the next page holds the events after this one in newest-first order. */
export interface EventCursor {
  at: number;
  id: number;
}

/** View ▸ Filter Events… and View ▸ Find… of the NT Event Viewer, plus paging. */
export interface EventFilter {
  /** One computer's log; all computers' when left out. */
  computer?: string;
  /** Event source, case-insensitive (`MSExchangeDX`, a PC MTA instance name, …). */
  source?: string;
  eventId?: number;
  /** Case-insensitive. */
  category?: string;
  /** Error, Warning, Information, Success Audit, Failure Audit (case-insensitive). */
  type?: string;
  /** Case-insensitive. */
  user?: string;
  /** View From / View Through, simulation ms, both inclusive. */
  since?: number;
  until?: number;
  /** Text anywhere in the description, case-insensitive. */
  find?: string;
  /** Events per page: default 100, at most 1000. */
  limit?: number;
  /** Start after this event (a cursor from the previous page, or an event's id). */
  before?: EventCursor | number;
}

export interface EventPage {
  events: EventRow[];
  /** The cursor for the next page, or null when this page is the last. */
  next: EventCursor | null;
}

export const EVENT_TYPES = ['Error', 'Warning', 'Information', 'Success Audit', 'Failure Audit'] as const;
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

/** How many more `event_newest` entries one search may walk to prove its page's order (see provenInOrder). */
const PROOF_BUDGET = 50_000;
/** At most this many entries are kept per computer; a walk this deep is not extended. */
const MAX_WALK = 500_000;
/** Events written since a walk started that are checked by record range before the walk is started again. */
const MAX_UNWALKED = 20_000;
/** Entries read per statement while walking. */
const WALK_CHUNK = 4096;
/** A search whose rarest trigrams are estimated in at most this many events sorts all its candidates. */
const SORT_ALL_ESTIMATE = 2000;
/** Trigrams of the search text given to the FTS index: its rarest ones. */
const PICKED_TRIGRAMS = 3;
/** Descriptions sampled (the newest) to estimate how common each trigram is. */
const SAMPLE_SIZE = 2000;

const COLUMNS = 'e.id, e.computer, e.at, e.source, e.type, e.category, e.event_id as eventId, e.user, e.description';

/** A filter after checking: the page size set, the cursor always an `{ at, id }`. */
type Normal = Omit<EventFilter, 'limit' | 'before'> & { limit: number; before?: EventCursor };

function normalize(db: Db, f: EventFilter): Normal {
  const limit = f.limit ?? DEFAULT_EVENT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT) throw usage(`a page holds 1 to ${MAX_EVENT_LIMIT} events, not ${limit}`);
  if (f.eventId !== undefined && (!Number.isInteger(f.eventId) || f.eventId < 0 || f.eventId > 65535)) {
    throw usage(`event ID ${f.eventId} is not an event ID: give a whole number from 0 to 65535`);
  }
  let type: string | undefined;
  if (f.type !== undefined) {
    type = EVENT_TYPES.find((t) => t.toLowerCase() === f.type!.trim().toLowerCase());
    if (!type) throw usage(`"${f.type}" is not an event type: use one of ${EVENT_TYPES.join(', ')}`);
  }
  for (const [name, v] of [
    ['since', f.since],
    ['until', f.until],
  ] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw usage(`${name} must be a time in Unix milliseconds`);
  }
  let before: EventCursor | undefined;
  if (typeof f.before === 'number') {
    const row = stmt(db, 'select at from event where id = ?').get(f.before) as { at: number } | undefined;
    if (!row) throw notFound(`there is no event ${f.before} (it may have been overwritten or cleared): page with the cursor { at, id } instead`);
    before = { at: row.at, id: f.before };
  } else if (f.before) {
    if (!Number.isFinite(f.before.at) || !Number.isInteger(f.before.id)) throw usage('a page cursor is { at, id } with a time in ms and an event id');
    before = f.before;
  }
  const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  return {
    computer: text(f.computer)?.toUpperCase(),
    source: text(f.source),
    eventId: f.eventId,
    category: text(f.category),
    type,
    user: text(f.user),
    since: f.since,
    until: f.until,
    find: f.find === undefined || f.find === '' ? undefined : f.find,
    limit,
    before,
  };
}

/** Every computer that has events, through the index (one seek per computer, not a scan). */
export function eventComputers(db: Db): string[] {
  return (
    stmt(
      db,
      `with recursive c(computer) as (
         select min(computer) from event
         union all select (select min(computer) from event where computer > c.computer) from c where c.computer is not null)
       select computer from c where computer is not null`,
    ).all() as { computer: string }[]
  ).map((r) => r.computer);
}

/** The distinct sources of a computer's events (of one event ID when given), one index seek each. */
export function eventSources(db: Db, computer: string, eventId?: number): string[] {
  const rows =
    eventId === undefined
      ? stmt(
          db,
          `with recursive s(source) as (
             select min(source) from event where computer = @computer
             union all select (select min(source) from event where computer = @computer and source > s.source) from s where s.source is not null)
           select source from s where source is not null`,
        ).all({ computer })
      : stmt(
          db,
          `with recursive s(source) as (
             select min(source) from event where computer = @computer and event_id = @eventId
             union all select (select min(source) from event where computer = @computer and event_id = @eventId and source > s.source) from s where s.source is not null)
           select source from s where source is not null`,
        ).all({ computer, eventId });
  return (rows as { source: string }[]).map((r) => r.source);
}

/** The conditions every path shares (not computer, source or the description text). */
function commonWhere(f: Normal, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (f.eventId !== undefined) where.push('e.event_id = @eventId'), (params.eventId = f.eventId);
  if (f.type !== undefined) where.push('e.type = @type'), (params.type = f.type);
  if (f.category !== undefined) where.push('e.category = @category collate nocase'), (params.category = f.category);
  if (f.user !== undefined) where.push('e.user = @user collate nocase'), (params.user = f.user);
  if (f.since !== undefined) where.push('e.at >= @since'), (params.since = f.since);
  if (f.until !== undefined) where.push('e.at <= @until'), (params.until = f.until);
  if (f.before) {
    // `at <= x` is the index range; the rest picks the events after the cursor among equal times.
    where.push('e.at <= @beforeAt and (e.at < @beforeAt or e.id < @beforeId)');
    params.beforeAt = f.before.at;
    params.beforeId = f.before.id;
  }
  return where;
}

const likeEscape = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** A trigram FTS5 phrase: the text, quoted, matches as a substring. */
export const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

const newestFirst = (a: EventRow, b: EventRow) => b.at - a.at || b.id - a.id;

function page(rows: EventRow[], limit: number): EventPage {
  const events = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = events[events.length - 1];
  // A full page may be the last one; the next query then returns nothing, as NT's "no more events".
  return { events, next: events.length === limit && last ? { at: last.at, id: last.id } : null };
}

interface Planned {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The filter without a description search of 3 or more characters: one statement per computer (and
 * per source when an event ID or a source is given), each reading its index newest first and
 * stopping at the page size; the pages are merged. Indexes: `event_newest` (computer, at, id),
 * `event_by_source` (computer, source, at), `event_by_id` (computer, event_id, source, at).
 */
function partitionQueries(db: Db, f: Normal): Planned[] {
  const computers = f.computer ? [f.computer] : eventComputers(db);
  const out: Planned[] = [];
  for (const computer of computers) {
    let sources: (string | undefined)[] = [undefined];
    if (f.source !== undefined || f.eventId !== undefined) {
      // Source and event ID use their indexes only with the source fixed: the stored spellings that
      // match (case-insensitively), or every source that has the event ID.
      const known = eventSources(db, computer, f.eventId);
      sources = f.source === undefined ? known : known.filter((s) => s.toLowerCase() === f.source!.toLowerCase());
    }
    for (const source of sources) {
      const params: Record<string, unknown> = { computer, limit: f.limit };
      const where = ['e.computer = @computer'];
      if (source !== undefined) where.push('e.source = @source'), (params.source = source);
      where.push(...commonWhere(f, params));
      if (f.find !== undefined) where.push(`e.description like @like escape '\\'`), (params.like = likeEscape(f.find));
      // Left to itself the planner prefers event_newest, whose order is the whole ORDER BY, and reads
      // every event of the computer to find a rare source; the narrower index sorts only equal times.
      const index = source === undefined ? 'event_newest' : f.eventId !== undefined ? 'event_by_id' : 'event_by_source';
      out.push({ sql: `select ${COLUMNS} from event e indexed by ${index} where ${where.join(' and ')} order by e.at desc, e.id desc limit @limit`, params });
    }
  }
  return out;
}

/**
 * How common each trigram is among the newest descriptions: a planner statistic, kept per
 * connection and taken again once the log has moved on by a sample's worth of events.
 */
interface TrigramSample {
  maxId: number;
  size: number;
  docs: Map<string, number>;
}
const samples = new WeakMap<object, TrigramSample>();

/** The trigrams of a text as the FTS5 trigram tokenizer makes them: every 3 consecutive characters. */
export function trigrams(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let k = 0; k + 3 <= chars.length; k++) out.add(chars[k] + chars[k + 1] + chars[k + 2]);
  return [...out];
}

function trigramSample(db: Db, maxId: number): TrigramSample {
  const cached = samples.get(db.$client);
  if (cached && maxId >= cached.maxId && maxId - cached.maxId < SAMPLE_SIZE) return cached;
  const rows = stmt(db, 'select description from event order by id desc limit ?').pluck().all(SAMPLE_SIZE) as string[];
  const docs = new Map<string, number>();
  for (const d of rows) {
    const lower = d.toLowerCase();
    const seen = new Set<string>();
    for (let k = 0; k + 3 <= lower.length; k++) seen.add(lower.slice(k, k + 3));
    for (const t of seen) docs.set(t, (docs.get(t) ?? 0) + 1);
  }
  const sample = { maxId, size: rows.length, docs };
  samples.set(db.$client, sample);
  return sample;
}

interface FindPlan {
  /** FTS5 query: the picked trigrams, ANDed. Every event holding the text holds them. */
  match: string;
  /** The text itself, checked on each candidate (`like`, case-insensitive for ASCII letters). */
  like: string;
  /** Estimated number of candidates. */
  estimate: number;
  maxId: number;
}

/**
 * The text's rarest trigrams according to the sample. An FTS5 phrase of every trigram reads the
 * whole doclist of each common one ("POL", "/PO", "USE" are in nearly every event); an AND of a
 * few rare ones leapfrogs through the short lists, and `like` then checks the text itself.
 */
function planFind(db: Db, text: string): FindPlan {
  // Two subqueries: min() and max() in one select would scan the table instead of reading two ends.
  const ids = stmt(db, 'select (select min(id) from event) as lo, (select max(id) from event) as hi').get() as { lo: number | null; hi: number | null };
  const maxId = ids.hi ?? 0;
  const sample = trigramSample(db, maxId);
  const freq = (t: string) => sample.docs.get(t.toLowerCase()) ?? 0;
  const picked = trigrams(text)
    .sort((a, b) => freq(a) - freq(b))
    .slice(0, PICKED_TRIGRAMS);
  const events = ids.hi === null ? 0 : ids.hi - (ids.lo ?? 0) + 1;
  return {
    match: picked.map(ftsPhrase).join(' AND '),
    like: likeEscape(text),
    estimate: sample.size ? (freq(picked[0]) / sample.size) * events : 0,
    maxId,
  };
}

/** Conditions of the description-search statements (the FTS index gives the candidates). */
function findWhere(f: Normal, plan: FindPlan, params: Record<string, unknown>): string[] {
  params.q = plan.match;
  params.like = plan.like;
  const where = [`e.description like @like escape '\\'`];
  if (f.computer !== undefined) where.push('e.computer = @computer'), (params.computer = f.computer);
  if (f.source !== undefined) where.push('e.source = @source collate nocase'), (params.source = f.source);
  where.push(...commonWhere(f, params));
  return where;
}

const and = (where: string[]) => (where.length ? ` and ${where.join(' and ')}` : '');
const FROM_FTS = `select ${COLUMNS} from event_fts join event e on e.id = event_fts.rowid where event_fts match @q`;

/** Every candidate, checked and sorted: exact; its cost follows the number of candidates. */
function sortedFindQuery(f: Normal, plan: FindPlan): Planned {
  const params: Record<string, unknown> = { limit: f.limit };
  const where = findWhere(f, plan, params);
  return { sql: `${FROM_FTS}${and(where)} order by e.at desc, e.id desc limit @limit`, params };
}

/** The candidates newest record first (the FTS index's own order), stopping at a page of matches. */
function newestIdFindQuery(f: Normal, plan: FindPlan): Planned {
  const params: Record<string, unknown> = { limit: f.limit };
  const where = findWhere(f, plan, params);
  return { sql: `${FROM_FTS}${and(where)} order by event_fts.rowid desc limit @limit`, params };
}

/** The search's thresholds; tests lower them to reach every path on a small log. */
export interface FindTuning {
  sortAllEstimate?: number;
  proofBudget?: number;
}

/**
 * A computer's log walked in `event_newest` order (time, then record number, descending) from the
 * top, kept per connection: `ats[k]` is the time of the k-th entry and `minIds[k]` the lowest
 * record number among the first k + 1. So the latest time of any event below record c — the
 * first entry whose `minIds` is below c — is a binary search away. Records are never reused and
 * never change, so what a walk learnt stays true (a deleted event only makes it cautious); events
 * written after it started (ids above `topId`) are checked by record range instead.
 */
interface TimeWalk {
  topId: number;
  ats: number[];
  minIds: number[];
  /** Where the walk stopped: every entry not walked yet sorts below (lastAt, lastId). */
  lastAt: number;
  lastId: number;
  done: boolean;
}
const walks = new WeakMap<object, Map<string, TimeWalk>>();

function extendWalk(db: Db, computer: string, w: TimeWalk): number {
  const rows = stmt(
    db,
    `select id, at from event indexed by event_newest where computer = @computer and at <= @lastAt and (at < @lastAt or id < @lastId)
     order by at desc, id desc limit @n`,
  )
    .raw()
    .all({ computer, lastAt: w.lastAt, lastId: w.lastId, n: WALK_CHUNK }) as [number, number][];
  let min = w.minIds.length ? w.minIds[w.minIds.length - 1] : Number.MAX_SAFE_INTEGER;
  for (const [id, at] of rows) {
    if (id < min) min = id;
    w.ats.push(at);
    w.minIds.push(min);
  }
  if (rows.length) [w.lastId, w.lastAt] = rows[rows.length - 1];
  if (rows.length < WALK_CHUNK) w.done = true;
  return rows.length;
}

/**
 * Whether no event of `computer` below record `minId` is later than `floorAt` — then a page of
 * matches taken newest record first is also the newest in time. True at once for a log whose
 * times follow its record numbers (the clock never set back), once the walk reaches `floorAt`.
 */
function provenInOrder(db: Db, computer: string, minId: number, floorAt: number, maxId: number, budget: number): boolean {
  let byComputer = walks.get(db.$client);
  if (!byComputer) walks.set(db.$client, (byComputer = new Map()));
  let w = byComputer.get(computer);
  if (!w || maxId - w.topId > MAX_UNWALKED) {
    w = { topId: maxId, ats: [], minIds: [], lastAt: Number.MAX_SAFE_INTEGER, lastId: Number.MAX_SAFE_INTEGER, done: false };
    byComputer.set(computer, w);
  }
  let c = minId;
  if (c > w.topId + 1) {
    // Records written since the walk started, below the page: read by record range.
    const later = stmt(db, 'select max(at) from event where id > ? and id < ? and +computer = ?').pluck().get(w.topId, c, computer) as number | null;
    if (later !== null && later > floorAt) return false;
    c = w.topId + 1;
  }
  for (;;) {
    // The first walked entry below record c (minIds does not increase along the walk).
    let lo = 0;
    let hi = w.minIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w.minIds[mid] < c) hi = mid;
      else lo = mid + 1;
    }
    if (lo < w.minIds.length) return w.ats[lo] <= floorAt;
    // None walked yet: everything further down is at or before lastAt.
    if (w.done || w.lastAt <= floorAt) return true;
    if (budget <= 0 || w.ats.length >= MAX_WALK) return false;
    budget -= extendWalk(db, computer, w);
  }
}

function findEvents(db: Db, f: Normal, tuning: FindTuning): EventRow[] {
  const plan = planFind(db, f.find!);
  const run = (q: Planned) => stmt(db, q.sql).all(q.params) as EventRow[];
  // 1. Few candidates expected: check and sort them all.
  if (plan.estimate <= (tuning.sortAllEstimate ?? SORT_ALL_ESTIMATE)) return run(sortedFindQuery(f, plan));
  // 2. Many: a page of matches by record number, newest first, which stops early.
  const byId = run(newestIdFindQuery(f, plan));
  if (byId.length < f.limit) return byId.sort(newestFirst); // every match is here
  // Record numbers follow time unless the clock was set back. The page is the answer when no
  // event below its lowest record is later than its earliest event.
  const minId = byId[byId.length - 1].id;
  const sorted = [...byId].sort(newestFirst);
  const floorAt = sorted[sorted.length - 1].at;
  const budget = tuning.proofBudget ?? PROOF_BUDGET;
  if ((f.computer ? [f.computer] : eventComputers(db)).every((c) => provenInOrder(db, c, minId, floorAt, plan.maxId, budget))) return sorted;
  // 3. Otherwise check and sort every candidate (exact, slower).
  return run(sortedFindQuery(f, plan));
}

/**
 * The Application log, newest first (time, then record number, descending), filtered as the Event
 * Viewer's Filter and Find dialogs do, one page at a time. `find` of 3 or more characters takes
 * its candidates from the trigram index `event_fts`; shorter text is a `like` over the events the
 * other filters select. Either way the text matches as `like` does: case-insensitive for ASCII.
 */
export function queryEvents(db: Db, filter: EventFilter = {}, tuning: FindTuning = {}): EventPage {
  const f = normalize(db, filter);
  if (f.since !== undefined && f.until !== undefined && f.since > f.until) return { events: [], next: null };
  if (f.find !== undefined && [...f.find].length >= 3) return page(findEvents(db, f, tuning), f.limit);
  const queries = partitionQueries(db, f);
  if (queries.length === 1) return page(stmt(db, queries[0].sql).all(queries[0].params) as EventRow[], f.limit);
  const rows: EventRow[] = [];
  for (const q of queries) rows.push(...(stmt(db, q.sql).all(q.params) as EventRow[]));
  return page(rows.sort(newestFirst), f.limit);
}

/**
 * The statements `queryEvents` would run for a filter, with their EXPLAIN QUERY PLAN (a search:
 * both of its forms), and for a search the FTS5 query it would use.
 */
export function eventQueryPlan(db: Db, filter: EventFilter = {}): { sql: string; params: Record<string, unknown>; plan: string[] }[] {
  const f = normalize(db, filter);
  const explain = (q: Planned) => ({
    ...q,
    plan: (db.$client.prepare(`explain query plan ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => r.detail),
  });
  if (f.find !== undefined && [...f.find].length >= 3) {
    const plan = planFind(db, f.find);
    return [newestIdFindQuery(f, plan), sortedFindQuery(f, plan)].map(explain);
  }
  return partitionQueries(db, f).map(explain);
}

export function eventById(db: Db, id: number): EventRow | undefined {
  return stmt(db, `select ${COLUMNS} from event e where e.id = ?`).get(id) as EventRow | undefined;
}

const oneLine = (text: string) => text.replace(/\r\n|\r|\n/g, ' ');
const dateTime = (at: number) => logStamp(at).split(' ') as [string, string];

/**
 * The NT text-export line (KB Q162841): `<date> <time> <Source> <Type> <Category> <Event> <User>
 * <Computer> <Description>`, MM/DD/YY and HH:MM:SS of simulation time (UTC), the description on one line.
 */
export function formatEventLine(e: EventRow): string {
  const [date, time] = dateTime(e.at);
  return `${date} ${time} ${e.source} ${e.type} ${e.category || 'None'} ${e.eventId} ${e.user} ${e.computer} ${oneLine(e.description)}`;
}

export const EVENT_HEADER = 'Date Time Source Type Category Event User Computer Description';
export const CSV_HEADER = ['Date', 'Time', 'Source', 'Type', 'Category', 'Event', 'User', 'Computer', 'Description'];

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The events as CSV (RFC 4180: CRLF line ends, header first; descriptions keep their line breaks, quoted). */
export function formatEventsCsv(rows: EventRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const e of rows) {
    const [date, time] = dateTime(e.at);
    lines.push([date, time, e.source, e.type, e.category || 'None', e.eventId, e.user, e.computer, e.description].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
