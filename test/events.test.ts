import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { CLOCK_START, now, setNow } from '@/lib/core/clock';
import { DirsyncError } from '@/lib/core/errors';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { logEvent, type EventInput } from '@/lib/exchange/events/log-event';
import {
  CSV_HEADER,
  EVENT_HEADER,
  eventById,
  eventComputers,
  eventQueryPlan,
  formatEventLine,
  formatEventsCsv,
  queryEvents,
  type EventFilter,
  type EventRow,
} from '@/lib/exchange/events/query-events';
import { resolveServer, type ServerRow } from '@/lib/exchange/servers/servers';
import { clearEventLog } from '@/lib/exchange/events/clear-event-log';
import { eventCount, eventLogSettings } from '@/lib/exchange/events/event-log-settings';
import { setEventLogSettings } from '@/lib/exchange/events/set-event-log-settings';
import { loggingLevels } from '@/lib/exchange/services/logging-levels';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { cli, ok, tempDb, tempDbFile } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function server(db: Db, name = 'EXCH01', version = '5.5'): ServerRow {
  return createExchangeServer(db, { organization: 'POLYNOMIAL', site: name === 'EXCH01' ? 'HQ' : `S${name.slice(-2)}`, server: name, version });
}

/** The manual dirsync procedure's 4355 "Moved In": Information, significance 5, MSExchangePCMTA's category. */
const movedIn = (n: number, extra: Partial<EventInput> = {}): EventInput => ({
  service: 'MSExchangePCMTA',
  source: 'Microsoft PC MTA',
  category: 'Moved In',
  eventId: 4355,
  type: 'Information',
  significance: 5,
  description: `Mail received on \\\\FS1\\MAILDATA\r\nDate: 02/26/94\r\nTime: 13:45\r\nMessage ID: ${n.toString(16).toUpperCase().padStart(8, '0')}\r\nSize: 1235\r\nFROM: POLYNOMIA/HQ/SYSTEM1\r\nTO: POLY/NOV/$SYSTEM`,
  ...extra,
});

const sessionError = (extra: Partial<EventInput> = {}): EventInput => ({
  service: 'MSExchangePCMTA',
  source: 'Microsoft PC MTA',
  category: 'Session',
  eventId: 4188,
  type: 'Error',
  significance: 0,
  description: 'The postoffice POLY/NOV on \\\\FS1\\MAILDATA and the postoffice POLY/OCT on \\\\FS2\\MAILDATA have the same postoffice serial number [22-28798].',
  ...extra,
});

const count = (db: Db, computer = 'EXCH01') => (db.$client.prepare('select count(*) as n from event where computer = ?').get(computer) as { n: number }).n;
const usedBytes = (db: Db, computer = 'EXCH01') => eventLogSettings(db, computer).usedBytes;
const sumBytes = (db: Db, computer = 'EXCH01') =>
  (db.$client.prepare('select coalesce(sum(bytes), 0) as n from event where computer = ?').get(computer) as { n: number }).n;
/** What the lead's service-control code does when a service starts: the set level comes into force. */
const restartServices = (db: Db) => db.$client.exec('update diagnostics_level set effective_level = level');

function kind(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DirsyncError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('diagnostics logging decides what logEvent writes', () => {
  it('None writes only errors; Minimum adds significance ≤ 1; Maximum writes significance 5', () => {
    const { db } = tempDb('ev-levels');
    let s = server(db, 'EXCH01', '2000');
    expect(logEvent(db, s, movedIn(1))).toBe(false);
    expect(logEvent(db, s, movedIn(2, { significance: 1 }))).toBe(false);
    expect(logEvent(db, s, sessionError())).toBe(true); // errors are always written, even at None
    expect(logEvent(db, s, sessionError({ significance: 5 }))).toBe(true); // an error's significance does not matter
    expect(count(db)).toBe(2);

    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', 'Moved In', 'minimum');
    s = resolveServer(db, 'EXCH01');
    expect(logEvent(db, s, movedIn(3, { significance: 1 }))).toBe(true);
    expect(logEvent(db, s, movedIn(4, { significance: 3 }))).toBe(false);
    expect(logEvent(db, s, movedIn(5))).toBe(false);

    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', 'Moved In', 'maximum');
    expect(logEvent(db, s, movedIn(6, { significance: 3 }))).toBe(true);
    expect(logEvent(db, s, movedIn(7))).toBe(true);
    // The level is per category: Moved Out is still None.
    expect(logEvent(db, s, movedIn(8, { category: 'Moved Out', eventId: 4395 }))).toBe(false);
    expect(count(db)).toBe(5);
    expect(usedBytes(db)).toBe(sumBytes(db));
  });

  it('4.0–5.5 keep logging at the old level until the service restarts', () => {
    for (const version of ['4.0', '5.0', '5.5', '5.5sp3']) {
      const { db } = tempDb('ev-restart');
      const s = server(db, 'EXCH01', version);
      const r = setLoggingLevel(db, 'exch01', 'msexchangepcmta', 'moved in', 'Maximum');
      expect(r.restartNeeded).toBe(true);
      expect(r.rows).toEqual([
        expect.objectContaining({ service: 'MSExchangePCMTA', category: 'Moved In', level: 5, effectiveLevel: 0, restartPending: true, previousLevel: 0, changed: true }),
      ]);
      expect(logEvent(db, s, movedIn(1))).toBe(false);
      const pending = loggingLevels(db, 'EXCH01', 'MSExchangePCMTA').rows.find((x) => x.category === 'Moved In');
      expect(pending).toMatchObject({ level: 5, effectiveLevel: 0, restartPending: true });

      restartServices(db);
      expect(logEvent(db, s, movedIn(2))).toBe(true);
      expect(loggingLevels(db, 'EXCH01').rows.some((x) => x.restartPending)).toBe(false);

      // Lowering it again: the service keeps logging at Maximum until the next restart.
      setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', 'Moved In', 'none');
      expect(logEvent(db, s, movedIn(3))).toBe(true);
      restartServices(db);
      expect(logEvent(db, s, movedIn(4))).toBe(false);
      expect(count(db)).toBe(2);
    }
  });

  it('Exchange 2000 applies a new level at once', () => {
    const { db } = tempDb('ev-2000');
    const s = server(db, 'EXCH01', '2000');
    const r = setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', 'Moved In', 'maximum');
    expect(r.restartNeeded).toBe(false);
    expect(r.restartServices).toEqual([]);
    expect(r.rows[0]).toMatchObject({ level: 5, effectiveLevel: 5, restartPending: false });
    expect(logEvent(db, s, movedIn(1))).toBe(true);
  });

  it('* sets every category of the service; the others keep theirs', () => {
    const { db } = tempDb('ev-star');
    server(db);
    const r = setLoggingLevel(db, 'EXCH01', 'MSExchangeDX', '*', 'medium');
    expect(r.rows.map((x) => [x.category, x.level])).toEqual([
      ['Event Handler', 3],
      ['Startup', 3],
      ['MS Mail 3.2', 3],
    ]);
    expect(r.restartServices).toEqual(['MSExchangeDX']);
    const all = loggingLevels(db, 'EXCH01').rows;
    expect(all.filter((x) => x.level === 3).map((x) => x.service)).toEqual(['MSExchangeDX', 'MSExchangeDX', 'MSExchangeDX']);
    expect(all.length).toBe(3 + 5 + 6 + 1);
    // The same level again: nothing changed.
    expect(setLoggingLevel(db, 'EXCH01', 'MSExchangeDX', 'startup', '3').rows[0]).toMatchObject({ changed: false, previousLevel: 3 });
  });

  it('refuses unknown services, categories, levels and servers, changing nothing', () => {
    const { db } = tempDb('ev-level-errors');
    server(db);
    expect(kind(() => setLoggingLevel(db, 'EXCH01', 'MSExchangeMTA', '*', 'none'))).toBe(
      'usage: "MSExchangeMTA" is not a diagnostics logging service: use one of MSExchangeMSMI, MSExchangePCMTA, MSExchangeATMTA, MSExchangeDX',
    );
    expect(kind(() => setLoggingLevel(db, 'EXCH01', 'MSExchangeDX', 'Routing', 'none'))).toBe(
      'usage: "Routing" is not a category of MSExchangeDX: use one of "Event Handler", "Startup", "MS Mail 3.2", or * for all',
    );
    expect(kind(() => setLoggingLevel(db, 'EXCH01', 'MSExchangeDX', '*', 'verbose'))).toBe(
      'usage: "verbose" is not a logging level: use none, minimum, medium or maximum (0, 1, 3, 5)',
    );
    expect(kind(() => setLoggingLevel(db, 'EXCH01', 'MSExchangeDX', '*', '7'))).toMatch(/^usage: "7" is not a logging level/);
    expect(kind(() => setLoggingLevel(db, 'NOPE', 'MSExchangeDX', '*', 'none'))).toMatch(/^notFound: there is no Exchange server NOPE/);
    expect(loggingLevels(db, 'EXCH01').rows.every((x) => x.level === 0 && x.effectiveLevel === 0)).toBe(true);
  });
});

describe('the log size and what happens when it is full', () => {
  const big = (n: number) => movedIn(n, { description: `${movedIn(n).description}\r\n${'x'.repeat(900)}` });

  it('overwrite as needed: the oldest events go and the log stays within its maximum', () => {
    const { db } = tempDb('ev-full');
    const s = server(db, 'EXCH01', '2000');
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    setEventLogSettings(db, 'EXCH01', { maxKb: 64 });
    for (let n = 1; n <= 200; n++) {
      expect(logEvent(db, s, big(n))).toBe(true);
      expect(usedBytes(db)).toBeLessThanOrEqual(64 * 1024);
    }
    expect(usedBytes(db)).toBe(sumBytes(db));
    const kept = count(db);
    expect(eventCount(db, 'EXCH01')).toBe(kept); // the kept count follows the overwrites
    expect(kept).toBeGreaterThan(40);
    expect(kept).toBeLessThan(70);
    // The newest ones are there, the first ones were overwritten.
    const { events } = queryEvents(db, { computer: 'EXCH01', limit: 1000 });
    expect(events.length).toBe(kept);
    expect(events[0].description).toContain('Message ID: 000000C8');
    expect(queryEvents(db, { find: 'Message ID: 00000001' }).events).toEqual([]);
    expect(queryEvents(db, { find: 'Message ID: 000000C8' }).events.length).toBe(1);
  });

  it('do not overwrite: once full, new events are lost and the old ones stay', () => {
    const { db } = tempDb('ev-never');
    const s = server(db, 'EXCH01', '2000');
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    setEventLogSettings(db, 'EXCH01', { maxKb: 64, overwrite: 'never' });
    const written = Array.from({ length: 100 }, (_, k) => logEvent(db, s, big(k + 1)));
    const first = written.indexOf(false);
    expect(first).toBeGreaterThan(40);
    expect(written.slice(first).every((w) => !w)).toBe(true);
    expect(count(db)).toBe(first);
    expect(queryEvents(db, { find: 'Message ID: 00000001' }).events.length).toBe(1);
    expect(usedBytes(db)).toBe(sumBytes(db));
    expect(usedBytes(db)).toBeLessThanOrEqual(64 * 1024);
    // Clearing the log makes room again.
    expect(eventCount(db, 'EXCH01')).toBe(first);
    expect(clearEventLog(db, 'EXCH01')).toMatchObject({ removed: first, usedBytes: 0 });
    expect(eventCount(db, 'EXCH01')).toBe(0);
    expect(logEvent(db, s, big(500))).toBe(true);
    expect(eventCount(db, 'EXCH01')).toBe(1);
    // Kept by triggers, so events written or removed by anything else are counted and sized too.
    const sized = usedBytes(db);
    db.$client.prepare("insert into event (computer, at, source, type, category, event_id, description, bytes) values ('EXCH01', 0, 's', 'Information', 'c', 1, 'd', 100)").run();
    expect(eventCount(db, 'EXCH01')).toBe(2);
    expect(usedBytes(db)).toBe(sized + 100);
    db.$client.prepare("delete from event where description = 'd'").run();
    expect(eventCount(db, 'EXCH01')).toBe(1);
    expect(usedBytes(db)).toBe(sized);
    expect(usedBytes(db)).toBe(sumBytes(db));
  });

  it('a smaller maximum removes the oldest events, as overwriting would, or is refused', () => {
    const { db } = tempDb('ev-shrink');
    const s = server(db, 'EXCH01', '2000');
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    setEventLogSettings(db, 'EXCH01', { maxKb: 256 });
    for (let n = 1; n <= 150; n++) {
      setNow(db, CLOCK_START + n * HOUR);
      logEvent(db, s, big(n));
    }
    expect(count(db)).toBe(150);
    const before = eventLogSettings(db, 'EXCH01');

    // Do not overwrite: refused, naming the fix; nothing changed.
    setEventLogSettings(db, 'EXCH01', { overwrite: 'never' });
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 64 }))).toMatch(
      /^conflict: the Application log of EXCH01 holds \d+ KB more than the new maximum and is set not to overwrite events: clear it first \("dirsync events clear EXCH01"\)/,
    );
    // Older than 7 days: only the events older than that may go, and there are too few.
    setNow(db, CLOCK_START + 150 * HOUR);
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 64, overwrite: 'older-than', olderThanDays: 7 }))).toMatch(
      /^conflict: .* only events older than 7 days may be overwritten/,
    );
    expect(count(db)).toBe(150);
    expect(eventLogSettings(db, 'EXCH01')).toMatchObject({ maxKb: 256, overwrite: 'never', usedBytes: before.usedBytes });

    // Older than 1 day would free enough for 128 KB.
    const r1 = setEventLogSettings(db, 'EXCH01', { maxKb: 128, overwrite: 'older_than', olderThanDays: 1 });
    expect(r1.removed).toBeGreaterThan(0);
    expect(r1.usedBytes).toBeLessThanOrEqual(128 * 1024);

    const r = setEventLogSettings(db, 'EXCH01', { maxKb: 64, overwrite: 'as-needed' });
    expect(r).toMatchObject({ maxKb: 64, overwrite: 'as_needed' });
    expect(r.removed + r1.removed).toBe(150 - count(db));
    expect(r.usedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(r.usedBytes).toBe(sumBytes(db));
    expect(eventCount(db, 'EXCH01')).toBe(count(db));
    const oldest = queryEvents(db, { computer: 'EXCH01', limit: 1000 }).events.at(-1)!;
    expect(oldest.description).toContain(`Message ID: ${(150 - count(db) + 1).toString(16).toUpperCase().padStart(8, '0')}`);
    expect(r.revision).toBeGreaterThan(before.revision);
  });

  it("enforces NT's limits on the settings", () => {
    const { db } = tempDb('ev-settings');
    server(db);
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 32 }))).toBe('usage: the maximum log size is 64 to 4,194,240 KB, not 32');
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 4_194_304 }))).toBe('usage: the maximum log size is 64 to 4,194,240 KB, not 4194304');
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 100 }))).toBe('usage: the maximum log size goes in steps of 64 KB: 100 is not one, use 64 or 128');
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { olderThanDays: 0 }))).toBe('usage: events are kept 1 to 365 days, not 0');
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { olderThanDays: 366 }))).toBe('usage: events are kept 1 to 365 days, not 366');
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { overwrite: 'sometimes' }))).toBe(
      'usage: "sometimes" is not an overwrite choice: use as-needed, older-than or never',
    );
    expect(kind(() => setEventLogSettings(db, 'NOPE', { maxKb: 64 }))).toMatch(/^notFound: there is no Application log for computer NOPE/);
    const s = eventLogSettings(db, 'exch01');
    expect(s).toMatchObject({ maxKb: 512, overwrite: 'as_needed', olderThanDays: 7, usedBytes: 0 });
    expect(setEventLogSettings(db, 'EXCH01', { maxKb: 4_194_240, olderThanDays: 365, revision: s.revision })).toMatchObject({ maxKb: 4_194_240, olderThanDays: 365 });
    expect(kind(() => setEventLogSettings(db, 'EXCH01', { maxKb: 64, revision: s.revision }))).toMatch(/^conflict: the log settings of EXCH01 were changed by someone else/);
  });
});

/** Two servers' logs with a spread of sources, IDs, categories, types, users and times. */
function sampleLogs(): { db: Db; file: string; all: EventRow[] } {
  const { db, file } = tempDb('ev-query');
  const a = server(db, 'EXCH01', '2000');
  const b = server(db, 'EXCH02', '2000');
  for (const name of ['EXCH01', 'EXCH02']) {
    setLoggingLevel(db, name, 'MSExchangePCMTA', '*', 'maximum');
    setLoggingLevel(db, name, 'MSExchangeMSMI', '*', 'maximum');
    setLoggingLevel(db, name, 'MSExchangeDX', '*', 'maximum');
  }
  const kinds: ((n: number) => EventInput)[] = [
    (n) => movedIn(n),
    (n) => movedIn(n, { source: 'PC MTA - EAST', eventId: 4395, category: 'Moved Out', description: `Mail sent from \\\\FS2\\MAILDATA\r\nMessage ID: ${n}\r\nFROM: POLY/NOV/$SYSTEM\r\nTO: POLYNOMIA/HQ/SYSTEM1` }),
    (n) => ({ service: 'MSExchangeMSMI', source: 'MSExchangeMSMI', category: 'NDR', eventId: 2117, type: 'Warning', significance: 1, description: `Non delivery report generated. ${n}` }),
    (n) => ({ service: 'MSExchangeDX', source: 'MSExchangeDX', category: 'Event Handler', eventId: 134, type: 'Error', significance: 0, description: `Error MH_RC_SESSION_BUSY returned by the MTA. (Thread ${n}).` }),
    (n) => movedIn(n, { category: 'Received', description: `Mail received on \\\\EXCH01\\MAILDAT$\r\nMessage ID: ${n}\r\nFROM: POLY/NOV/$SYSTEM\r\nTO: POLYNOMIA/HQ/SYSTEM1` }),
  ];
  for (let n = 0; n < 120; n++) {
    // Several events share a minute, so ties in time are ordered by record number.
    setNow(db, CLOCK_START + Math.floor(n / 3) * MIN);
    logEvent(db, n % 4 === 3 ? b : a, kinds[n % kinds.length](n));
  }
  db.$client.prepare("update event set user = 'POLY\\ADMIN' where event_id = 2117 and id % 2 = 0").run();
  const all = db.$client
    .prepare('select id, computer, at, source, type, category, event_id as eventId, user, description from event order by at desc, id desc')
    .all() as EventRow[];
  return { db, file, all };
}

describe('queryEvents', () => {
  const { db, all } = sampleLogs();
  const ids = (f: EventFilter) => queryEvents(db, { limit: 1000, ...f }).events.map((e) => e.id);
  const expected = (pred: (e: EventRow) => boolean) => all.filter(pred).map((e) => e.id);

  it('lists every computer newest first, time then record number descending', () => {
    expect(eventComputers(db)).toEqual(['EXCH01', 'EXCH02']);
    expect(ids({})).toEqual(all.map((e) => e.id));
    expect(all.length).toBe(120);
    // Ties in time do occur and are ordered by id descending.
    expect(all[0].at).toBe(all[1].at);
    expect(all[0].id).toBeGreaterThan(all[1].id);
    expect(queryEvents(db).events.length).toBe(100);
  });

  it('filters on each field alone', () => {
    expect(ids({ computer: 'exch02' })).toEqual(expected((e) => e.computer === 'EXCH02'));
    expect(ids({ source: 'pc mta - east' })).toEqual(expected((e) => e.source === 'PC MTA - EAST'));
    expect(ids({ eventId: 4355 })).toEqual(expected((e) => e.eventId === 4355));
    expect(ids({ eventId: 4355 }).length).toBeGreaterThan(10);
    expect(ids({ category: 'moved in' })).toEqual(expected((e) => e.category === 'Moved In'));
    expect(ids({ type: 'warning' })).toEqual(expected((e) => e.type === 'Warning'));
    expect(ids({ user: 'poly\\admin' })).toEqual(expected((e) => e.user === 'POLY\\ADMIN'));
    expect(ids({ user: 'poly\\admin' }).length).toBeGreaterThan(0);
    const since = CLOCK_START + 10 * MIN;
    const until = CLOCK_START + 20 * MIN;
    expect(ids({ since })).toEqual(expected((e) => e.at >= since));
    expect(ids({ until })).toEqual(expected((e) => e.at <= until));
    expect(ids({ since, until })).toEqual(expected((e) => e.at >= since && e.at <= until));
    expect(ids({ since: until, until: since })).toEqual([]);
    expect(ids({ source: 'nosuch' })).toEqual([]);
    expect(ids({ eventId: 9999 })).toEqual([]);
  });

  it('combines filters', () => {
    const since = CLOCK_START + 5 * MIN;
    const until = CLOCK_START + 30 * MIN;
    expect(ids({ computer: 'EXCH01', eventId: 4355, source: 'Microsoft PC MTA', since, until })).toEqual(
      expected((e) => e.computer === 'EXCH01' && e.eventId === 4355 && e.source === 'Microsoft PC MTA' && e.at >= since && e.at <= until),
    );
    expect(ids({ eventId: 4355, category: 'Received' })).toEqual(expected((e) => e.eventId === 4355 && e.category === 'Received'));
    expect(ids({ computer: 'EXCH02', type: 'Error' })).toEqual(expected((e) => e.computer === 'EXCH02' && e.type === 'Error'));
    expect(ids({ source: 'MSExchangeMSMI', user: 'N/A' })).toEqual(expected((e) => e.source === 'MSExchangeMSMI' && e.user === 'N/A'));
  });

  it('pages with the cursor or an event id, without gaps or repeats', () => {
    for (const filter of [{}, { computer: 'EXCH01' }, { eventId: 4355 }, { source: 'Microsoft PC MTA' }, { find: 'MAILDAT' }, { find: 'ID' }] as EventFilter[]) {
      const seen: number[] = [];
      let page = queryEvents(db, { ...filter, limit: 7 });
      for (let k = 0; page.events.length && k < 100; k++) {
        seen.push(...page.events.map((e) => e.id));
        expect(page.events.length).toBeLessThanOrEqual(7);
        if (!page.next) break;
        page = queryEvents(db, { ...filter, limit: 7, before: k % 2 ? page.next : page.next.id });
      }
      expect(seen).toEqual(ids(filter));
      expect(seen.length).toBeGreaterThan(7);
    }
    expect(queryEvents(db, { limit: 120 }).next).toEqual({ at: all[119].at, id: all[119].id });
    expect(queryEvents(db, { limit: 1000 }).next).toBeNull();
  });

  it('finds text in descriptions, case-insensitively, with the trigram index or like', () => {
    const has = (t: string) => expected((e) => e.description.toLowerCase().includes(t.toLowerCase()));
    for (const t of ['MAILDATA', 'maildat$', 'non delivery', 'Thread 7', 'POLY/NOV/$SYSTEM', '"quoted"', 'ID', 'x', '%', '_', '\\\\']) {
      expect(ids({ find: t })).toEqual(has(t));
    }
    expect(ids({ find: 'MAILDATA' }).length).toBeGreaterThan(10);
    expect(ids({ find: '\\\\FS2' })).toEqual(has('\\\\FS2'));
    expect(ids({ find: 'received', computer: 'EXCH01', category: 'Received' })).toEqual(
      expected((e) => e.computer === 'EXCH01' && e.category === 'Received' && e.description.toLowerCase().includes('received')),
    );
    expect(ids({ find: 'no such text' })).toEqual([]);
  });

  it('gives the same newest-first answer on every search path, also after the clock was set back', () => {
    const { db: db2 } = tempDb('ev-clock-back');
    const s = server(db2, 'EXCH01', '2000');
    setLoggingLevel(db2, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    for (let n = 0; n < 60; n++) {
      // The clock runs forward, then is set back a day for the last 20 events.
      setNow(db2, n < 40 ? CLOCK_START + n * MIN : CLOCK_START - DAY + n * MIN);
      logEvent(db2, s, movedIn(n));
    }
    const byTime = (db2.$client.prepare('select id from event order by at desc, id desc').pluck().all() as number[]);
    expect(byTime[0]).toBe(40); // the newest in time is the last written before the clock went back
    // Sort every candidate; go newest record first and prove the page (fails here: the clock went
    // back), or without walking the log at all.
    for (const tuning of [{}, { sortAllEstimate: 0 }, { sortAllEstimate: 0, proofBudget: 0 }]) {
      for (const limit of [5, 30, 100]) {
        const got = queryEvents(db2, { find: 'MAILDATA', limit }, tuning).events.map((e) => e.id);
        expect(got).toEqual(byTime.slice(0, limit));
      }
    }
    // Time running forward: the many-matches path proves its page without sorting everything.
    const { db: db3, file: file3 } = tempDb('ev-clock-fwd');
    const s3 = server(db3, 'EXCH01', '2000');
    setLoggingLevel(db3, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    for (let n = 0; n < 50; n++) setNow(db3, CLOCK_START + Math.floor(n / 2) * MIN), logEvent(db3, s3, movedIn(n));
    const fwd = db3.$client.prepare('select id from event order by at desc, id desc').pluck().all() as number[];
    for (const tuning of [{}, { sortAllEstimate: 0 }, { sortAllEstimate: 0, proofBudget: 0 }]) {
      expect(queryEvents(db3, { find: 'maildata', limit: 9 }, tuning).events.map((e) => e.id)).toEqual(fwd.slice(0, 9));
      expect(queryEvents(db3, { find: 'maildata', limit: 9, before: fwd[8] }, tuning).events.map((e) => e.id)).toEqual(fwd.slice(9, 18));
    }
    // A connection that has walked nothing and may not walk: it sorts, with the same answer.
    const other = openDatabase(file3);
    expect(queryEvents(other, { find: 'maildata', limit: 9 }, { sortAllEstimate: 0, proofBudget: 0 }).events.map((e) => e.id)).toEqual(fwd.slice(0, 9));
    other.$client.close();
    // Events written after the walk, some with the clock set back: checked by record range.
    for (let n = 50; n < 56; n++) setNow(db3, CLOCK_START + (n < 53 ? 30 : 26) * MIN), logEvent(db3, s3, movedIn(n));
    const now3 = db3.$client.prepare('select id from event order by at desc, id desc').pluck().all() as number[];
    for (const limit of [3, 9, 20]) {
      expect(queryEvents(db3, { find: 'maildata', limit }, { sortAllEstimate: 0 }).events.map((e) => e.id)).toEqual(now3.slice(0, limit));
    }
  });

  it('uses an index for each common filter', () => {
    const plans = (f: EventFilter) => eventQueryPlan(db, f).flatMap((p) => p.plan);
    const uses = (f: EventFilter, index: RegExp) => {
      const p = plans(f);
      expect(p.length).toBeGreaterThan(0);
      for (const line of p) expect(line).not.toMatch(/^SCAN e\b|^SCAN event\b/);
      expect(p.join('\n')).toMatch(index);
    };
    uses({}, /SEARCH e USING INDEX event_newest \(computer=\?\)/);
    uses({ computer: 'EXCH01', since: 1, until: 2 }, /event_newest \(computer=\? AND at>\? AND at<\?\)/);
    uses({ computer: 'EXCH01', before: { at: 5, id: 5 } }, /event_newest \(computer=\? AND at<\?\)/);
    uses({ computer: 'EXCH01', source: 'MSExchangeMSMI' }, /event_by_source \(computer=\? AND source=\?\)/);
    uses({ computer: 'EXCH01', eventId: 4355 }, /event_by_id \(computer=\? AND event_id=\? AND source=\?\)/);
    uses({ computer: 'EXCH01', eventId: 4355, source: 'Microsoft PC MTA', since: 1, until: 2 }, /event_by_id \(computer=\? AND event_id=\? AND source=\? AND at>\? AND at<\?\)/);
    uses({ computer: 'EXCH01', type: 'Error', category: 'NDR' }, /event_newest/);
    const find = plans({ computer: 'EXCH01', find: 'MAILDATA' }).join('\n');
    expect(find).toMatch(/SCAN event_fts VIRTUAL TABLE INDEX \d+:M/);
    // The newest-record form reads the FTS index in its rowid order (no sort).
    expect(eventQueryPlan(db, { find: 'MAILDATA' })[0].plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(find).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
    expect(find).not.toMatch(/event_newest/); // the matches drive, not a scan of the log
  });

  it('forgets events that were overwritten or cleared, in the search index too', () => {
    const { db: db2 } = tempDb('ev-forget');
    const s = server(db2, 'EXCH01', '2000');
    logEvent(db2, s, sessionError({ description: 'Unique marker ALPHA-1' }));
    logEvent(db2, s, sessionError({ description: 'Unique marker BETA-2' }));
    expect(queryEvents(db2, { find: 'marker' }).events.length).toBe(2);
    db2.$client.prepare("delete from event where description like '%ALPHA%'").run();
    expect(queryEvents(db2, { find: 'ALPHA-1' }).events).toEqual([]);
    expect(queryEvents(db2, { find: 'marker' }).events.map((e) => e.description)).toEqual(['Unique marker BETA-2']);
    // Wildcards in the text are plain characters, on both search paths.
    logEvent(db2, s, sessionError({ description: 'Disk 100% full_now' }));
    logEvent(db2, s, sessionError({ description: 'Disk 100x fullynow' }));
    for (const tuning of [{}, { sortAllEstimate: 0 }]) {
      expect(queryEvents(db2, { find: '100% full_' }, tuning).events.map((e) => e.description)).toEqual(['Disk 100% full_now']);
      expect(queryEvents(db2, { find: 'disk 100' }, tuning).events.length).toBe(2);
    }
    clearEventLog(db2, 'EXCH01');
    expect(queryEvents(db2, { find: 'marker' }).events).toEqual([]);
    expect(queryEvents(db2, { find: 'ma' }).events).toEqual([]);
  });

  it('refuses bad filters', () => {
    expect(kind(() => queryEvents(db, { limit: 0 }))).toBe('usage: a page holds 1 to 1000 events, not 0');
    expect(kind(() => queryEvents(db, { limit: 1001 }))).toBe('usage: a page holds 1 to 1000 events, not 1001');
    expect(kind(() => queryEvents(db, { type: 'Fatal' }))).toBe('usage: "Fatal" is not an event type: use one of Error, Warning, Information, Success Audit, Failure Audit');
    expect(kind(() => queryEvents(db, { eventId: -1 }))).toMatch(/^usage: event ID -1 is not an event ID/);
    expect(kind(() => queryEvents(db, { before: 99999 }))).toMatch(/^notFound: there is no event 99999/);
  });

  it('reads one event by id', () => {
    expect(eventById(db, all[3].id)).toEqual(all[3]);
    expect(eventById(db, 99999)).toBeUndefined();
  });
});

describe('export formats', () => {
  const e: EventRow = {
    id: 7,
    computer: 'EXCH01',
    at: Date.UTC(1996, 11, 31, 19, 56, 34),
    source: 'MSExchangeMSMI',
    type: 'Warning',
    category: 'NDR',
    eventId: 2117,
    user: 'N/A',
    description: 'Non delivery report generated.',
  };

  it('writes the NT text-export line (KB Q162841)', () => {
    expect(formatEventLine(e)).toBe('12/31/96 19:56:34 MSExchangeMSMI Warning NDR 2117 N/A EXCH01 Non delivery report generated.');
    const moved: EventRow = { ...e, source: 'Microsoft PC MTA', type: 'Information', category: 'Moved In', eventId: 4355, at: Date.UTC(2001, 0, 2, 3, 4, 5), description: 'Mail received on \\\\FS1\\MAILDATA\r\nFROM: POLY/NOV/$SYSTEM\nTO: POLYNOMIA/HQ/SYSTEM1' };
    expect(formatEventLine(moved)).toBe(
      '01/02/01 03:04:05 Microsoft PC MTA Information Moved In 4355 N/A EXCH01 Mail received on \\\\FS1\\MAILDATA FROM: POLY/NOV/$SYSTEM TO: POLYNOMIA/HQ/SYSTEM1',
    );
    expect(formatEventLine({ ...e, category: '' })).toContain(' Warning None 2117 ');
    expect(EVENT_HEADER).toBe('Date Time Source Type Category Event User Computer Description');
  });

  it('writes RFC 4180 CSV', () => {
    const tricky: EventRow = { ...e, source: 'PC MTA, East', description: 'He said "no"\r\nFROM: A/B/C' };
    expect(CSV_HEADER.join(',')).toBe('Date,Time,Source,Type,Category,Event,User,Computer,Description');
    expect(formatEventsCsv([e, tricky])).toBe(
      'Date,Time,Source,Type,Category,Event,User,Computer,Description\r\n' +
        '12/31/96,19:56:34,MSExchangeMSMI,Warning,NDR,2117,N/A,EXCH01,Non delivery report generated.\r\n' +
        '12/31/96,19:56:34,"PC MTA, East",Warning,NDR,2117,N/A,EXCH01,"He said ""no""\r\nFROM: A/B/C"\r\n',
    );
    expect(formatEventsCsv([])).toBe('Date,Time,Source,Type,Category,Event,User,Computer,Description\r\n');
  });
});

describe('the events and exchange logging commands', () => {
  const { file, all } = sampleLogs();

  it('prints the log newest first under a header', () => {
    const out = ok(file, 'events --limit 5').split('\n');
    expect(out[0]).toBe(EVENT_HEADER);
    expect(out.slice(1)).toEqual(all.slice(0, 5).map(formatEventLine));
    expect(ok(file, 'events').split('\n').length).toBe(101);
    expect(ok(file, 'events --limit 1000').split('\n').length).toBe(121);
  });

  it('filters with the options', () => {
    const lines = (line: string) => ok(file, line).split('\n').slice(1);
    const want = (pred: (e: EventRow) => boolean) => all.filter(pred).map(formatEventLine);
    expect(lines('events --source "PC MTA - EAST" --limit 1000')).toEqual(want((e) => e.source === 'PC MTA - EAST'));
    expect(lines('events --id 4355 --category "moved in" --limit 1000')).toEqual(want((e) => e.eventId === 4355 && e.category === 'Moved In'));
    expect(lines('events --type error --computer exch02 --limit 1000')).toEqual(want((e) => e.type === 'Error' && e.computer === 'EXCH02'));
    expect(lines('events --find "non delivery" --limit 1000')).toEqual(want((e) => e.description.includes('Non delivery')));
    expect(lines('events --user POLY\\ADMIN --limit 1000')).toEqual(want((e) => e.user === 'POLY\\ADMIN'));
    // The clock stands at the last event (08:39): -10m is 08:29, so events from 08:29 on.
    expect(lines('events --since -10m --limit 1000')).toEqual(want((e) => e.at >= CLOCK_START + 29 * MIN));
    expect(lines('events --since 1994-02-26T08:10 --until 1994-02-26T08:12:00Z --limit 1000')).toEqual(
      want((e) => e.at >= CLOCK_START + 10 * MIN && e.at <= CLOCK_START + 12 * MIN),
    );
    expect(lines('events --until -1h')).toEqual([]);
    expect(lines('events --source nosuch')).toEqual([]);
  });

  it('pages with --before and prints JSON with --json', () => {
    const first = JSON.parse(ok(file, 'events --limit 3 --json')) as { events: EventRow[]; next: { at: number; id: number } };
    expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    const second = JSON.parse(ok(file, `events --limit 3 --before ${first.next.id} --json`)) as { events: EventRow[] };
    expect(second.events.map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
  });

  it('refuses bad options with exit 2 and one stderr line', () => {
    const cases: [string, RegExp][] = [
      ['events --id abc', /^dirsync events: --id "abc" is not an event ID: give a whole number from 0 to 65535$/],
      ['events --limit 0', /^dirsync events: --limit "0" is not a page size: give a whole number from 1 to 1000$/],
      ['events --limit 5000', /^dirsync events: --limit "5000" is not a page size/],
      ['events --type fatal', /^dirsync events: "fatal" is not an event type: use one of Error, Warning, Information/],
      ['events --since yesterday', /^dirsync events: --since "yesterday" is not a time: give -<n>m, -<n>h, -<n>d/],
      ['events --since +1h --until -1h', /^dirsync events: --since is after --until: the range is empty$/],
      ['events --bogus 1', /^dirsync events: unknown option --bogus$/],
      ['events everything', /^dirsync events: events takes no words \("everything"\)/],
      ['events --before 99999', /^dirsync events: there is no event 99999/],
      ['events --computer NOPE', /^dirsync events: there is no Application log for computer NOPE/],
      ['events settings', /^dirsync events: events settings needs one <COMPUTER>/],
      ['events settings NOPE', /^dirsync events: there is no Application log for computer NOPE/],
      ['events settings EXCH01 --max-kb 100', /^dirsync events: the maximum log size goes in steps of 64 KB: 100 is not one, use 64 or 128$/],
      ['events settings EXCH01 --max-kb lots', /^dirsync events: --max-kb "lots" is not a size in KB/],
      ['events settings EXCH01 --overwrite sometimes', /^dirsync events: "sometimes" is not an overwrite choice: use as-needed, older-than or never$/],
      ['events settings EXCH01 --days 0', /^dirsync events: events are kept 1 to 365 days, not 0$/],
      ['events clear', /^dirsync events: events clear needs one <COMPUTER>/],
      ['exchange logging', /^dirsync exchange: exchange logging needs a server/],
      ['exchange logging NOPE', /^dirsync exchange: there is no Exchange server NOPE/],
      ['exchange logging EXCH01 MSExchangeMTA * none', /^dirsync exchange: "MSExchangeMTA" is not a diagnostics logging service: use one of MSExchangeMSMI, MSExchangePCMTA, MSExchangeATMTA, MSExchangeDX$/],
      ['exchange logging EXCH01 MSExchangeDX Routing none', /^dirsync exchange: "Routing" is not a category of MSExchangeDX: use one of "Event Handler", "Startup", "MS Mail 3.2", or \* for all$/],
      ['exchange logging EXCH01 MSExchangeDX * loud', /^dirsync exchange: "loud" is not a logging level: use none, minimum, medium or maximum/],
      ['exchange logging EXCH01 MSExchangeDX Startup', /^dirsync exchange: exchange logging needs a level after the category/],
      ['exchange logging EXCH01 MSExchangePCMTA Moved In maximum', /^dirsync exchange: exchange logging takes at most four words \("maximum" is one too many; quote a category with spaces\)/],
    ];
    for (const [line, err] of cases) {
      const r = cli(file, line);
      expect({ line, code: r.code }).toEqual({ line, code: 2 });
      expect(r.err.split('\n').length).toBe(1);
      expect(r.err).toMatch(err);
    }
  });

  it('shows and changes the log settings, and clears the log', () => {
    expect(ok(file, 'events settings exch02')).toMatch(/^Application log on EXCH02: maximum 512 KB, Overwrite Events as Needed; \d+ KB used by 30 events$/);
    expect(ok(file, 'events settings EXCH02 --overwrite older-than --days 30')).toMatch(
      /^Application log on EXCH02: maximum 512 KB, Overwrite Events Older than 30 Days; \d+ KB used by 30 events$/,
    );
    expect(ok(file, 'events settings EXCH02 --overwrite never --max-kb 1024')).toMatch(/maximum 1,024 KB, Do Not Overwrite Events \(Clear Log Manually\)/);
    const json = JSON.parse(ok(file, 'events settings EXCH02 --json'));
    expect(json).toMatchObject({ computer: 'EXCH02', maxKb: 1024, overwrite: 'never', olderThanDays: 30, events: 30, removed: 0 });
    expect(ok(file, 'events clear exch02')).toBe('Application log on EXCH02 cleared (30 events removed)');
    expect(ok(file, 'events --computer EXCH02')).toBe(EVENT_HEADER);
    expect(ok(file, 'events settings EXCH02')).toMatch(/0 KB used by 0 events$/);
    expect(ok(file, 'events --limit 1000').split('\n').length).toBe(91);
  });

  it('exchange logging sets and lists diagnostics levels', () => {
    const f = tempDbFile('ev-cli-logging');
    ok(f, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
    ok(f, 'exchange create POLYNOMIAL EAST EXCH02 --version 2000');
    expect(ok(f, 'exchange logging EXCH01 msexchangepcmta "moved in" maximum')).toBe(
      'EXCH01 MSExchangePCMTA Moved In: Maximum (was None)\nExchange 5.5: in force when a Connector (PC) MTA service starts (this server has none yet)',
    );
    expect(ok(f, 'exchange logging EXCH01 MSExchangeDX * medium')).toBe(
      [
        'EXCH01 MSExchangeDX Event Handler: Medium (was None)',
        'EXCH01 MSExchangeDX Startup: Medium (was None)',
        'EXCH01 MSExchangeDX MS Mail 3.2: Medium (was None)',
        'Exchange 5.5: the service logs at its old level until it restarts (dirsync service restart EXCH01 "MSExchangeDX")',
      ].join('\n'),
    );
    expect(ok(f, 'exchange logging EXCH02 MSExchangeDX Startup maximum')).toBe(
      'EXCH02 MSExchangeDX Startup: Maximum (was None)\nExchange 2000: in force at once',
    );
    const list = ok(f, 'exchange logging EXCH01').split('\n');
    expect(list[0]).toBe('Diagnostics logging on EXCH01 (Exchange 5.5)');
    expect(list.length).toBe(1 + 15);
    expect(list).toContain('MSExchangePCMTA  Moved In       Maximum  (in force: None until the service restarts)');
    expect(list).toContain('MSExchangePCMTA  Moved Out      None');
    expect(ok(f, 'exchange logging EXCH01 MSExchangeDX').split('\n').length).toBe(1 + 3);
    const json = JSON.parse(ok(f, 'exchange logging EXCH02 --json'));
    expect(json.rows.find((r: { category: string }) => r.category === 'Startup')).toMatchObject({ level: 5, effectiveLevel: 5, restartPending: false });
  });
});

it('logEvent stamps events with the simulation clock', () => {
  const { db } = tempDb('ev-clock');
  const s = server(db, 'EXCH01', '2000');
  setNow(db, Date.UTC(1996, 11, 31, 19, 56, 34));
  logEvent(db, s, sessionError());
  const [e] = queryEvents(db).events;
  expect(e.at).toBe(now(db));
  expect(formatEventLine(e)).toMatch(/^12\/31\/96 19:56:34 Microsoft PC MTA Error Session 4188 N\/A EXCH01 The postoffice/);
});
