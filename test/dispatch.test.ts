import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { loadSampleNetwork, SAMPLE_EXCHANGE } from '@/db/seed';
import { CLOCK_START, ctime, now, setNow } from '@/lib/core/clock';
import { DirsyncError } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { controlService } from '@/lib/exchange/services/control-service';
import { dispatch } from '@/lib/scheduler/dispatch';
import {
  latestOccurrence,
  nextOccurrence,
  nextTick,
  parseIsoUtc,
  parseUntil,
  weeklyMinuteOf,
  weekStart,
  WEEK_MS,
} from '@/lib/scheduler/next-occurrence';
import { cli } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Minute of the week: day 0 = Sunday. */
const wk = (day: number, h: number, m: number) => day * 1440 + h * 60 + m;
/** A time in February/March 1994, UTC. Feb 26 1994 is a Saturday. */
const feb = (day: number, h: number, m = 0) => Date.UTC(1994, 1, day, h, m);
const mar = (day: number, h: number, m = 0) => Date.UTC(1994, 2, day, h, m);

// ---------------------------------------------------------------------------------------------
// Databases: one file per test under the system temp directory, removed at the end.

const files: string[] = [];
const opened: Db[] = [];
let serial = 0;

function dbFile(label: string): string {
  const file = path.join(os.tmpdir(), `dirsync-dispatch-${label}-${process.pid}-${Date.now()}-${serial++}.db`);
  files.push(file);
  return file;
}

/**
 * The sample network as MS Mail alone: these tests are about MS Mail's Dispatch, so EXCH01's
 * MSExchangeDX and PC MTA are stopped (no Exchange T1, no polls). test/pcmta.test.ts runs the
 * sample with them.
 */
function loadMsMailSample(db: Db): void {
  loadSampleNetwork(db);
  controlService(db, SAMPLE_EXCHANGE.server, 'MSExchangeDX', 'stop');
  controlService(db, SAMPLE_EXCHANGE.server, SAMPLE_EXCHANGE.mta, 'stop');
}

function freshDb(label: string, sample = true): Db {
  const db = openDatabase(dbFile(label));
  opened.push(db);
  if (sample) loadMsMailSample(db);
  return db;
}

afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
  for (const f of files) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(f + suffix, { force: true });
});

const PO = ['MONTGOMERY', 'NOVEMBER', 'OCTOBER'];
const poId = (db: Db, name: string) => (stmt(db, "select id from postoffice where network = 'POLYNOMIAL' and name = ?").get(name) as { id: number }).id;
const galCount = (db: Db, name: string) =>
  (stmt(db, "select gal_count as n from postoffice where network = 'POLYNOMIAL' and name = ?").get(name) as { n: number }).n;
const dispatchLog = (db: Db, name: string) =>
  stmt(db, "select at, severity, number, text from log_line where po_id = ? and file = 'DISPATCH' order by id").all(poId(db, name)) as {
    at: number;
    severity: string;
    number: number;
    text: string;
  }[];
const lastDone = (db: Db, name: string, t: number) =>
  (stmt(db, 'select last_done as d from process_time where po_id = ? and t = ?').get(poId(db, name), t) as { d: number }).d;
const liveLists = (db: Db) =>
  stmt(db, 'select po_id, address_key, full_name from list_entry where removed_gen = 0 order by po_id, address_key').all();
const at = (ms: number, po: string, process: string, tail: string) => `${ctime(ms)}  POLYNOMIAL/${po}  NSDA -${process}  ${tail}`;

// ---------------------------------------------------------------------------------------------

describe('weekly-time arithmetic', () => {
  it('finds the week and the minute of the week, with Sunday 00:00 UTC as minute 0', () => {
    expect(weekStart(CLOCK_START)).toBe(feb(20, 0));
    expect(weeklyMinuteOf(CLOCK_START)).toBe(wk(6, 8, 0));
    expect(weekStart(feb(20, 0))).toBe(feb(20, 0));
    expect(weekStart(feb(20, 0) - 1)).toBe(feb(13, 0));
    expect(weeklyMinuteOf(feb(20, 0) - 1)).toBe(10079);
  });

  it('gives the next occurrence strictly after a time, and the latest at or before it', () => {
    const t1 = wk(6, 13, 45);
    expect(nextOccurrence(t1, CLOCK_START)).toBe(feb(26, 13, 45));
    expect(latestOccurrence(t1, CLOCK_START)).toBe(feb(19, 13, 45));
    expect(latestOccurrence(t1, feb(26, 14, 0))).toBe(feb(26, 13, 45));
  });

  it('treats the same minute as "not after" but "at or before"', () => {
    const t1 = wk(6, 13, 45);
    const occurrence = feb(26, 13, 45);
    expect(nextOccurrence(t1, occurrence)).toBe(occurrence + WEEK_MS);
    expect(nextOccurrence(t1, occurrence - 1)).toBe(occurrence);
    expect(latestOccurrence(t1, occurrence)).toBe(occurrence);
    expect(latestOccurrence(t1, occurrence - 1)).toBe(occurrence - WEEK_MS);
    // Within the same minute but past its first millisecond.
    expect(nextOccurrence(t1, occurrence + 30_000)).toBe(occurrence + WEEK_MS);
    expect(latestOccurrence(t1, occurrence + 59_999)).toBe(occurrence);
  });

  it('wraps around the end of the week', () => {
    const sunday0030 = wk(0, 0, 30);
    expect(nextOccurrence(sunday0030, feb(26, 23, 50))).toBe(feb(27, 0, 30));
    expect(latestOccurrence(wk(6, 23, 0), feb(27, 1, 0))).toBe(feb(26, 23, 0));
    expect(nextOccurrence(0, feb(26, 23, 59))).toBe(feb(27, 0));
    expect(nextOccurrence(0, feb(27, 0))).toBe(mar(6, 0));
    expect(latestOccurrence(10079, feb(27, 0))).toBe(feb(26, 23, 59));
    expect(nextOccurrence(10079, feb(26, 23, 59))).toBe(mar(5, 23, 59));
  });

  it('is arithmetic: far-off times and times before 1970 cost the same and stay on the right day', () => {
    const t2 = wk(6, 14, 15);
    const far = Date.UTC(2100, 0, 1); // a Friday
    expect(nextOccurrence(t2, far)).toBe(Date.UTC(2100, 0, 2, 14, 15));
    expect(latestOccurrence(t2, Date.UTC(1969, 11, 31))).toBe(Date.UTC(1969, 11, 27, 14, 15));
  });

  it('holds for any minute and time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10079 }), fc.integer({ min: -1e13, max: 1e13 }), (minute, t) => {
        const n = nextOccurrence(minute, t);
        const l = latestOccurrence(minute, t);
        expect(n).toBeGreaterThan(t);
        expect(n - t).toBeLessThanOrEqual(WEEK_MS);
        expect(l).toBeLessThanOrEqual(t);
        expect(t - l).toBeLessThan(WEEK_MS);
        expect(weeklyMinuteOf(n)).toBe(minute);
        expect(weeklyMinuteOf(l)).toBe(minute);
        expect(((n % MIN) + MIN) % MIN).toBe(0);
        expect(n - l).toBe(WEEK_MS);
      }),
    );
  });

  it('refuses a minute outside the week', () => {
    expect(() => nextOccurrence(10080, 0)).toThrow(RangeError);
    expect(() => latestOccurrence(-1, 0)).toThrow(RangeError);
    expect(() => nextOccurrence(1.5, 0)).toThrow(RangeError);
  });

  it('ticks External every 5 minutes at :00, :05, …', () => {
    expect(nextTick(CLOCK_START)).toBe(feb(26, 8, 5));
    expect(nextTick(feb(26, 8, 3))).toBe(feb(26, 8, 5));
    expect(nextTick(feb(26, 8, 5) - 1)).toBe(feb(26, 8, 5));
  });

  it('parses ISO times as UTC and relative --until times', () => {
    expect(parseIsoUtc('1994-02-26T13:45')).toBe(feb(26, 13, 45));
    expect(parseIsoUtc('1994-02-26 13:45:30')).toBe(feb(26, 13, 45) + 30_000);
    expect(parseIsoUtc('1994-02-26T13:45:00Z')).toBe(feb(26, 13, 45));
    expect(parseIsoUtc('1994-02-26T14:45:00+01:00')).toBe(feb(26, 13, 45));
    expect(parseIsoUtc('1994-02-26')).toBe(feb(26, 0));
    expect(parseIsoUtc('1994-02-29T00:00')).toBeNull();
    expect(parseIsoUtc('1994-02-26T24:00')).toBeNull();
    expect(parseIsoUtc('Saturday')).toBeNull();
    expect(parseUntil('+30m', CLOCK_START)).toBe(CLOCK_START + 30 * MIN);
    expect(parseUntil('+2h', CLOCK_START)).toBe(CLOCK_START + 2 * HOUR);
    expect(parseUntil('+2d', CLOCK_START)).toBe(CLOCK_START + 48 * HOUR);
    expect(parseUntil('+2w', CLOCK_START)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('dispatch on the sample network', () => {
  const db = freshDb('cycle');
  let snapshot: unknown;

  it('--cycles 1 from the start: T1 on all three at 13:45, External carries the mail, T2 at 14:15, then stops', () => {
    expect(now(db)).toBe(feb(26, 8));
    const r = dispatch(db, { cycles: 1 });
    expect(r.ranT2).toBe(1);
    for (const po of PO) expect(r.lines).toContain(at(feb(26, 13, 45), po, 'RT', 'ReqTx R=12 (was 0), S=0, I=0 12 sent'));
    expect(r.lines[0]).toBe('Sat Feb 26 13:45:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -RT  ReqTx R=12 (was 0), S=0, I=0 12 sent');
    const t2 = r.lines.findIndex((l) => l.includes('NSDA -S'));
    expect(r.lines[t2]).toMatch(/^Sat Feb 26 14:15:00 1994 {2}POLYNOMIAL\/MONTGOMERY {2}NSDA -S {2}SrvTx R=12 S=36 \(was 0\), I=0 24 sent$/);
    // External between T1 and T2: the two requestors' messages are queued, then delivered.
    const externals = r.lines.slice(3, t2);
    expect(externals.length).toBeGreaterThan(0);
    for (const l of externals) expect(l).toMatch(/^Sat Feb 26 \d\d:\d\d:00 1994 {2}all postoffices {2}EXTERNAL -0 {2}\d+ delivered, \d+ queued$/);
    expect(externals).toContain('Sat Feb 26 13:50:00 1994  all postoffices  EXTERNAL -0  0 delivered, 4 queued');
    expect(externals).toContain('Sat Feb 26 13:55:00 1994  all postoffices  EXTERNAL -0  4 delivered, 0 queued');
    // Nothing later than the T2's time runs.
    expect(r.lines).toHaveLength(t2 + 1);
    expect(now(db)).toBe(feb(26, 14, 15));
    for (const po of PO) expect(galCount(db, po)).toBe(0);
  });

  it('runs the T3s at 14:45 after External has carried the replies: every GAL holds 36 names', () => {
    const r = dispatch(db, { until: feb(26, 15) });
    expect(r.ranT2).toBe(0);
    expect(r.lines).toContain('Sat Feb 26 14:20:00 1994  all postoffices  EXTERNAL -0  0 delivered, 2 queued');
    expect(r.lines).toContain('Sat Feb 26 14:25:00 1994  all postoffices  EXTERNAL -0  2 delivered, 0 queued');
    for (const po of PO) expect(r.lines).toContain(at(feb(26, 14, 45), po, 'RR', 'GAL rebuilt: 36 names'));
    for (const po of PO) expect(galCount(db, po)).toBe(36);
    expect(now(db)).toBe(feb(26, 15));
  });

  it('writes Begin execution / End process lines into each DISPATCH.LOG', () => {
    const lines = (po: string) => dispatchLog(db, po).map((l) => `${l.severity} [${l.number}] ${l.text}`);
    expect(lines('MONTGOMERY')).toEqual([
      'Status [101] Begin execution NSDA -RT',
      'Status [102] End process NSDA -RT',
      'Status [101] Begin execution NSDA -S',
      'Status [102] End process NSDA -S',
      'Status [101] Begin execution NSDA -RR',
      'Status [102] End process NSDA -RR',
    ]);
    for (const po of ['NOVEMBER', 'OCTOBER']) {
      expect(lines(po)).toEqual([
        'Status [101] Begin execution NSDA -RT',
        'Status [102] End process NSDA -RT',
        'Status [101] Begin execution NSDA -RR',
        'Status [102] End process NSDA -RR',
      ]);
    }
    expect(dispatchLog(db, 'NOVEMBER').map((l) => l.at)).toEqual([feb(26, 13, 45), feb(26, 13, 45), feb(26, 14, 45), feb(26, 14, 45)]);
    expect(lastDone(db, 'MONTGOMERY', 1)).toBe(feb(26, 13, 45));
    expect(lastDone(db, 'MONTGOMERY', 2)).toBe(feb(26, 14, 15));
    expect(lastDone(db, 'MONTGOMERY', 3)).toBe(feb(26, 14, 45));
    snapshot = liveLists(db);
  });

  it("a second week's cycle changes nothing", () => {
    const r1 = dispatch(db, { cycles: 1 });
    expect(r1.ranT2).toBe(1);
    expect(r1.lines).toContain(at(mar(5, 13, 45), 'NOVEMBER', 'RT', 'ReqTx R=12 (was 12), S=36, I=0 0 sent'));
    expect(r1.lines.find((l) => l.includes('NSDA -S'))).toMatch(/S=36 \(was 36\), I=0 0 sent$/);
    const r2 = dispatch(db, { until: mar(5, 15) });
    for (const po of PO) expect(r2.lines).toContain(at(mar(5, 14, 45), po, 'RR', 'GAL rebuilt: 36 names'));
    for (const po of PO) expect(galCount(db, po)).toBe(36);
    expect(liveLists(db)).toEqual(snapshot);
  });

  it('with neither --until nor --cycles runs just the next due process', () => {
    const r = dispatch(db, {});
    expect(r.lines).toEqual([at(mar(12, 13, 45), 'MONTGOMERY', 'RT', 'ReqTx R=12 (was 12), S=36, I=0 0 sent')]);
    expect(now(db)).toBe(mar(12, 13, 45));
    const next = dispatch(db, {});
    expect(next.lines).toEqual([at(mar(12, 13, 45), 'NOVEMBER', 'RT', 'ReqTx R=12 (was 12), S=36, I=0 0 sent')]);
  });

  it('prints External passes only when they moved something', () => {
    // Monday: nothing due, no mail in flight after the external passes finish.
    dispatch(db, { until: mar(13, 0) });
    const r = dispatch(db, { until: mar(14, 12) });
    expect(r.lines).toEqual([]);
    expect(now(db)).toBe(mar(14, 12));
  });
});

describe('the 8-hour run window', () => {
  it('skips the T3s when the clock jumped more than 8 h past them; T1 next Saturday runs normally', () => {
    const db = freshDb('window');
    dispatch(db, { cycles: 1 }); // T1 and T2 ran; the clock is at 14:15, T3 (14:45) has not run
    setNow(db, feb(26, 23)); // 8 h 15 min after the T3s
    const r = dispatch(db, {});
    for (const po of PO) expect(r.lines).toContain(at(feb(26, 23), po, 'RR', 'missed its run window'));
    expect(r.lines.filter((l) => l.includes('missed'))).toHaveLength(3);
    // Then the next single due process: MONTGOMERY's T1 a week later.
    expect(r.lines[r.lines.length - 1]).toMatch(/^Sat Mar 05 13:45:00 1994 {2}POLYNOMIAL\/MONTGOMERY {2}NSDA -RT {2}ReqTx /);
    expect(now(db)).toBe(mar(5, 13, 45));
    for (const po of PO) {
      const missed = dispatchLog(db, po).filter((l) => l.severity === 'Warning');
      expect(missed).toEqual([{ at: feb(26, 23), severity: 'Warning', number: 103, text: 'NSDA -RR missed its run window' }]);
      expect(lastDone(db, po, 3)).toBe(feb(26, 14, 45));
    }
    // The requestors had not received the replies: REQTRANS was kept and is sent again.
    const rest = dispatch(db, { until: mar(5, 15) });
    expect(rest.lines).toContain(at(mar(5, 13, 45), 'NOVEMBER', 'RT', 'ReqTx R=12 (was 0), S=0, I=0 12 sent'));
    for (const po of PO) expect(rest.lines).toContain(at(mar(5, 14, 45), po, 'RR', 'GAL rebuilt: 36 names'));
    for (const po of PO) expect(galCount(db, po)).toBe(36);
  });

  it('runs a time less than 8 h late when Dispatch reaches it, at the current clock, in T1, T2, T3 order', () => {
    const db = freshDb('late');
    setNow(db, feb(26, 20)); // T1 6 h 15 min late, T2 5 h 45, T3 5 h 15
    const r = dispatch(db, { until: feb(26, 20) });
    const processes = r.lines.filter((l) => l.includes('NSDA'));
    expect(processes.map((l) => l.split('  ').slice(0, 3).join('  '))).toEqual([
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -RT',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/NOVEMBER  NSDA -RT',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/OCTOBER  NSDA -RT',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -S',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -RR',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/NOVEMBER  NSDA -RR',
      'Sat Feb 26 20:00:00 1994  POLYNOMIAL/OCTOBER  NSDA -RR',
    ]);
    expect(r.ranT2).toBe(1);
    expect(r.lines.some((l) => l.includes('missed'))).toBe(false);
    // last_done records the occurrence each run stands for, not the time it ran.
    expect(lastDone(db, 'NOVEMBER', 1)).toBe(feb(26, 13, 45));
    expect(lastDone(db, 'MONTGOMERY', 2)).toBe(feb(26, 14, 15));
    expect(lastDone(db, 'OCTOBER', 3)).toBe(feb(26, 14, 45));
    expect(now(db)).toBe(feb(26, 20));
  });

  it('is "more than" 8 hours: exactly 8 h late still runs, 8 h 30 min late is missed', () => {
    const db = freshDb('edge');
    setNow(db, feb(26, 22, 45)); // T1 9 h late, T2 8 h 30 min, T3 exactly 8 h
    const r = dispatch(db, { until: feb(26, 22, 45) });
    expect(r.lines.filter((l) => l.includes('NSDA')).map((l) => l.split('  ').slice(1, l.endsWith('missed its run window') ? 4 : 3).join('  '))).toEqual([
      'POLYNOMIAL/MONTGOMERY  NSDA -RT  missed its run window',
      'POLYNOMIAL/NOVEMBER  NSDA -RT  missed its run window',
      'POLYNOMIAL/OCTOBER  NSDA -RT  missed its run window',
      'POLYNOMIAL/MONTGOMERY  NSDA -S  missed its run window',
      'POLYNOMIAL/MONTGOMERY  NSDA -RR',
      'POLYNOMIAL/NOVEMBER  NSDA -RR',
      'POLYNOMIAL/OCTOBER  NSDA -RR',
    ]);
    expect(r.ranT2).toBe(0);
    expect(dispatchLog(db, 'MONTGOMERY').map((l) => `${l.severity} [${l.number}] ${l.text}`)).toEqual([
      'Warning [103] NSDA -RT missed its run window',
      'Warning [103] NSDA -S missed its run window',
      'Status [101] Begin execution NSDA -RR',
      'Status [102] End process NSDA -RR',
    ]);
  });

  it('reports only the latest missed occurrence of each entry; older ones are skipped silently', () => {
    const db = freshDb('weeks');
    setNow(db, mar(19, 23)); // three Saturdays later, 8 h 15 min after the last T3
    const r = dispatch(db, { until: mar(19, 23) });
    expect(r.lines).toHaveLength(7); // 3 entries on MONTGOMERY, 2 on each requestor
    expect(r.lines.every((l) => l.startsWith('Sat Mar 19 23:00:00 1994') && l.endsWith('missed its run window'))).toBe(true);
    expect(lastDone(db, 'NOVEMBER', 1)).toBe(mar(19, 13, 45));
    expect(lastDone(db, 'MONTGOMERY', 2)).toBe(mar(19, 14, 15));
    expect(dispatchLog(db, 'OCTOBER')).toHaveLength(2);
    // Next week runs normally.
    const next = dispatch(db, { cycles: 1 });
    expect(next.lines[0]).toMatch(/^Sat Mar 26 13:45:00 1994 {2}POLYNOMIAL\/MONTGOMERY {2}NSDA -RT {2}ReqTx R=12 \(was 0\)/);
    expect(next.ranT2).toBe(1);
  });
});

describe('dispatch, other cases', () => {
  it('runs a range only: -dN leaves the other postoffices alone and its mail queued', () => {
    const db = freshDb('range');
    const r = dispatch(db, { range: 'N', until: feb(26, 15) });
    expect(r.lines.filter((l) => l.includes('NSDA')).map((l) => l.split('  ').slice(1, 3).join('  '))).toEqual([
      'POLYNOMIAL/NOVEMBER  NSDA -RT',
      'POLYNOMIAL/NOVEMBER  NSDA -RR',
    ]);
    // The DSS is outside the range: NOVEMBER's mail is queued for it and stays there.
    expect(r.lines).toContain('Sat Feb 26 13:50:00 1994  N  EXTERNAL -0  0 delivered, 2 queued');
    expect(dispatchLog(db, 'MONTGOMERY')).toEqual([]);
    expect(lastDone(db, 'MONTGOMERY', 1)).toBe(CLOCK_START);
  });

  it('refuses --cycles when no T2 is scheduled in the range, and an --until in the past', () => {
    const db = freshDb('guard');
    const usageError = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DirsyncError && e.kind === 'usage' ? e.message : `not usage: ${String(e)}`;
      }
      return 'no error';
    };
    expect(usageError(() => dispatch(db, { range: 'N', cycles: 1 }))).toMatch(/no postoffice in range N has a T2/);
    expect(usageError(() => dispatch(db, { cycles: 0 }))).toMatch(/1 or more/);
    expect(usageError(() => dispatch(db, { until: CLOCK_START - 1 }))).toMatch(/before the simulation clock/);
    const empty = freshDb('empty', false);
    expect(usageError(() => dispatch(empty, { cycles: 1 }))).toMatch(/no postoffice in the network has a T2/);
    expect(dispatch(empty, {})).toEqual({ lines: [], ranT2: 0 });
    expect(now(empty)).toBe(CLOCK_START);
    expect(dispatch(empty, { until: feb(26, 9) })).toEqual({ lines: [], ranT2: 0 });
    expect(now(empty)).toBe(feb(26, 9));
  });

  it('logs a process that ends with a fatal error in DISPATCH.LOG and goes on', () => {
    const db = freshDb('fatal');
    // A T2 on a requestor (dssched would refuse it): NSDA -S there cannot run.
    stmt(db, 'insert into process_time (po_id, t, minute, last_done) values (?, 2, ?, ?)').run(poId(db, 'NOVEMBER'), wk(6, 14, 0), CLOCK_START);
    const r = dispatch(db, { until: feb(26, 15) });
    const line = r.lines.find((l) => l.includes('NOVEMBER  NSDA -S'));
    expect(line).toMatch(/^Sat Feb 26 14:00:00 1994 {2}POLYNOMIAL\/NOVEMBER {2}NSDA -S {2}Fatal \[\d+\] /);
    const log = dispatchLog(db, 'NOVEMBER').map((l) => `${l.severity} [${l.number}] ${l.text}`);
    expect(log.slice(2, 5)).toEqual([
      'Status [101] Begin execution NSDA -S',
      expect.stringMatching(/^Fatal \[\d+\] NSDA -S: /),
      'Status [102] End process NSDA -S',
    ]);
    expect(lastDone(db, 'NOVEMBER', 2)).toBe(feb(26, 14));
    // The rest of the cycle went on.
    for (const po of PO) expect(galCount(db, po)).toBe(36);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the clock and dispatch commands', () => {
  const file = dbFile('cli');
  const seed = openDatabase(file);
  loadMsMailSample(seed);
  seed.$client.close();

  it('clock --show prints the ctime and the speed; --json the ISO time, ms and speed', () => {
    expect(cli(file, 'clock')).toEqual({ code: 0, out: 'Sat Feb 26 08:00:00 1994\nspeed 0 (stopped)', err: '' });
    expect(cli(file, 'clock --show').out).toBe('Sat Feb 26 08:00:00 1994\nspeed 0 (stopped)');
    expect(JSON.parse(cli(file, 'clock --json').out)).toEqual({ now: '1994-02-26T08:00:00.000Z', ms: CLOCK_START, speed: 0 });
  });

  it('clock --speed stores the speed', () => {
    expect(cli(file, 'clock --speed 60').out).toBe('speed 60 (1 real second = 60 simulated seconds)');
    expect(cli(file, 'clock').out).toBe('Sat Feb 26 08:00:00 1994\nspeed 60 (1 real second = 60 simulated seconds)');
    expect(cli(file, 'clock --speed 0').out).toBe('speed 0 (stopped)');
    for (const bad of ['-1', 'fast', '']) {
      const r = cli(file, ['clock', '--speed', bad]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });

  it('clock --set moves the clock (UTC), says so when it goes backwards, refuses an unparseable time', () => {
    expect(cli(file, 'clock --set 1994-02-26T12:00').out).toBe('Clock set to Sat Feb 26 12:00:00 1994');
    const back = cli(file, 'clock --set 1994-02-26T09:00Z');
    expect(back.code).toBe(0);
    expect(back.out).toMatch(/^Clock set to Sat Feb 26 09:00:00 1994\nThe clock moved backwards from Sat Feb 26 12:00:00 1994/);
    const bad = cli(file, 'clock --set tomorrow');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^dirsync clock: --set "tomorrow" is not a time: give YYYY-MM-DDTHH:MM/);
    expect(cli(file, 'clock --set 1994-02-26T13:00 --speed 1').code).toBe(2);
    expect(JSON.parse(cli(file, 'clock --set 1994-02-26T08:00 --json').out).ms).toBe(CLOCK_START);
  });

  it('dispatch --until +<n>h / --cycles / --json', () => {
    expect(cli(file, 'dispatch --until +5h')).toEqual({ code: 0, out: 'Nothing was due; the clock is at Sat Feb 26 13:00:00 1994', err: '' });
    const one = cli(file, 'dispatch -dMO --cycles 1');
    expect(one.code).toBe(0);
    expect(one.out.split('\n')[0]).toBe('Sat Feb 26 13:45:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -RT  ReqTx R=12 (was 0), S=0, I=0 12 sent');
    const json = JSON.parse(cli(file, 'dispatch --until 1994-02-26T15:00 --json').out);
    expect(Object.keys(json)).toEqual(['lines']);
    expect(json.lines).toContain('Sat Feb 26 14:45:00 1994  POLYNOMIAL/NOVEMBER  NSDA -RR  GAL rebuilt: 36 names');
    for (const bad of ['dispatch --cycles 0', 'dispatch --cycles two', 'dispatch --until soon', 'dispatch --until 1994-02-26T08:00', 'dispatch -dN --cycles 1']) {
      const r = cli(file, bad);
      expect(r.code, bad).toBe(2);
      expect(r.err.split('\n'), bad).toHaveLength(1);
    }
  });
});
