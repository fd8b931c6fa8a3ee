import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { now, setNow } from '@/lib/core/clock';
import { step } from '@/lib/core/statements';
import { INDEX_EVERY, indexRunHistory, recordRun, runsIndexedTo, withTrigger } from '@/lib/history/record-run';
import { allRuns, queryRuns, type RunFilter } from '@/lib/history/query-runs';
import { setRunRetention } from '@/lib/history/retention';
import { checkHealth } from '@/lib/health/check-health';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { exchangeDssCycle, exchangeDssNetwork, exchangeRequestorCycle, exchangeRequestorNetwork, smallNetwork, tempDbFile } from './helpers';

/**
 * Run history's batch-written indexes (docs/engine.md, "Run history"): a recorded step writes its
 * row alone; every INDEX_EVERY runs one batch writes the index entries of the runs since the last
 * one. Whatever part of the history is indexed, a filter selects exactly the runs a plain reading
 * of every row selects, newest first — also when the clock was set back (sim_start not in id
 * order) and after a purge.
 */
const OBJECTS = ['POLY/MONT', 'POLY/NOV', 'POLY/OCT', 'EXCH01'];
const KINDS = ['T1', 'T2 receive', 'T3 receive', 'DXA T1'];
const TRIGGERS = ['schedule', 'console', 'command line'];
const MINUTE = 60_000;

/** n runs, one a simulated minute apart, on objects, kinds, triggers and outcomes that vary. */
function record(db: Db, n: number, seed: number): void {
  for (let k = 0; k < n; k++) {
    const j = seed + k;
    setNow(db, now(db) + MINUTE);
    withTrigger(db, { trigger: TRIGGERS[j % 3] }, () =>
      recordRun(
        db,
        KINDS[(j * 7) % 4],
        () => OBJECTS[(j * 5) % 4].toLowerCase().replace('poly', j % 2 ? 'POLY' : 'poly'),
        () => (j % 11 === 0 ? { fatal: { number: 133, text: 'no such postoffice' } } : { lines: [`run ${j}`] }),
      ),
    );
  }
}

interface Row {
  id: number;
  kind: string;
  object: string;
  trigger: string;
  outcome: string;
  simStart: number;
}
/** The runs a filter selects, read from every row with no index at all: what queryRuns must return. */
function reference(db: Db, f: RunFilter): number[] {
  const rows = db.$client
    .prepare('select id, kind, object, trigger, outcome, sim_start as simStart from run_history not indexed order by id desc')
    .all() as Row[];
  const same = (a: string, b: string | undefined) => b === undefined || a.toLowerCase() === b.toLowerCase();
  return rows
    .filter(
      (r) =>
        same(r.object, f.object) &&
        same(r.kind, f.kind) &&
        same(r.trigger, f.trigger) &&
        (f.outcome === undefined || r.outcome === f.outcome) &&
        (f.since === undefined || r.simStart >= f.since) &&
        (f.until === undefined || r.simStart <= f.until) &&
        (f.before === undefined || r.id < f.before),
    )
    .map((r) => r.id);
}

function filtersOver(db: Db): RunFilter[] {
  const { lo, hi } = db.$client.prepare('select min(sim_start) as lo, max(sim_start) as hi from run_history').get() as { lo: number; hi: number };
  const mid = Math.floor((lo + hi) / 2);
  const top = db.$client.prepare('select max(id) from run_history').pluck().get() as number;
  const times: RunFilter[] = [{ since: mid - 90 * MINUTE, until: mid + 90 * MINUTE }, { since: hi - 30 * MINUTE }, { until: lo + 45 * MINUTE }];
  const out: RunFilter[] = [{}, ...times];
  for (const object of OBJECTS) {
    out.push({ object }, { object: object.toLowerCase(), kind: 't1' }, { object, outcome: 'Error' });
    for (const t of times) out.push({ object, ...t }, { object, kind: 'T3 receive', ...t });
  }
  for (const kind of KINDS) out.push({ kind }, { kind, ...times[0] });
  out.push({ trigger: 'console' }, { outcome: 'Error' }, { outcome: 'OK', ...times[0] }, { trigger: 'schedule', ...times[1] });
  // Keyset paging from below, inside and above the indexed mark.
  const mark = runsIndexedTo(db);
  for (const before of [mark - 40, mark + 1, mark + 3, top - 5]) out.push({ before }, { before, object: 'POLY/NOV' }, { before, ...times[1] }, { before, ...times[0] });
  return out;
}

function expectExact(db: Db): void {
  for (const f of filtersOver(db)) {
    for (const limit of [1, 7, 100]) {
      const page = queryRuns(db, { ...f, limit });
      const want = reference(db, f);
      expect(page.runs.map((r) => r.id), JSON.stringify({ ...f, limit })).toEqual(want.slice(0, limit));
      expect(page.next).toBe(want.length > limit ? want[limit - 1] : null);
    }
    expect([...allRuns(db, f)].map((r) => r.id)).toEqual(reference(db, f));
  }
}

describe('run history: indexes written in batches', () => {
  it('a step writes its row unindexed; every INDEX_EVERY runs a batch indexes all the runs before', () => {
    const db = openDatabase(tempDbFile('hist-batch'));
    record(db, INDEX_EVERY - 1, 0);
    const unindexed = () => db.$client.prepare('select count(*) from run_history where indexed = 0').pluck().get();
    expect(unindexed()).toBe(INDEX_EVERY - 1);
    expect(runsIndexedTo(db)).toBe(0);
    record(db, 1, INDEX_EVERY - 1);
    expect(unindexed()).toBe(0);
    expect(runsIndexedTo(db)).toBe(INDEX_EVERY);
    // Its block: the ids it indexed with the earliest and latest start among them.
    expect(db.$client.prepare('select first_id as firstId, last_id as lastId, sim_max - sim_min as span from run_history_block').all()).toEqual([
      { firstId: 1, lastId: INDEX_EVERY, span: (INDEX_EVERY - 1) * MINUTE },
    ]);
    record(db, 3, INDEX_EVERY);
    expect(unindexed()).toBe(3);
    expect(runsIndexedTo(db)).toBe(INDEX_EVERY);
    db.$client.close();
  });

  it('filters return exactly what every row says, with part of the history indexed, the clock set back, and after a purge', () => {
    const db = openDatabase(tempDbFile('hist-exact'));
    record(db, 2 * INDEX_EVERY + 40, 0);
    expect(runsIndexedTo(db)).toBe(2 * INDEX_EVERY);
    expectExact(db);
    // The clock set back a day (dirsync clock --set): later runs start before earlier ones.
    setNow(db, now(db) - 2 * 24 * 60 * MINUTE);
    record(db, INDEX_EVERY, 1000);
    const order = db.$client.prepare('select count(*) from run_history a join run_history b on b.id = a.id + 1 where b.sim_start < a.sim_start').pluck().get() as number;
    expect(order).toBeGreaterThan(0);
    expect(runsIndexedTo(db)).toBe(3 * INDEX_EVERY);
    expectExact(db);
    // ... and set forward past where it was, so the time ranges overlap both stretches.
    setNow(db, now(db) + 3 * 24 * 60 * MINUTE);
    record(db, 77, 2000);
    expectExact(db);
    // A purge removes the oldest runs, indexed or not; what is left is selected exactly.
    const removed = step(db, () => setRunRetention(db, 300)).removed;
    expect(removed).toBeGreaterThan(INDEX_EVERY);
    expectExact(db);
    record(db, INDEX_EVERY, 3000);
    expectExact(db);
    db.$client.close();
  });

  it('an index batch run by hand (as the benchmark builds its history) changes no result', () => {
    const db = openDatabase(tempDbFile('hist-hand'));
    record(db, 100, 0);
    const filters = filtersOver(db);
    const before = filters.map((f) => queryRuns(db, { ...f, limit: 50 }).runs.map((r) => r.id));
    step(db, () => indexRunHistory(db));
    expect(runsIndexedTo(db)).toBe(100);
    expect(filters.map((f) => queryRuns(db, { ...f, limit: 50 }).runs.map((r) => r.id))).toEqual(before);
    db.$client.close();
  });
});

describe('Health reads the last runs on both sides of the indexed mark', () => {
  it("a requestor's last T1 is the newest one, indexed or not", () => {
    const file = tempDbFile('hist-health');
    smallNetwork(file, { M: [['MAX', 'Max Mont']], N: [['NINA', 'Nina N']], O: [['OLGA', 'Olga O']] });
    const lastT1 = (db: Db) =>
      db.$client.prepare("select max(sim_end) from run_history where object = 'POLY/NOV' and kind = 'T1'").pluck().get() as number;
    const lastSent = (db: Db) => checkHealth(db).requestors.find((r) => r.requestor === 'POLY/NOV')!.lastSent;
    const db = openDatabase(file);
    reqmainTransmit(db, 'POLY/NOV');
    step(db, () => indexRunHistory(db)); // the first T1 now indexed, nothing above the mark
    expect(lastSent(db)).toBe(lastT1(db));
    const first = lastT1(db);
    setNow(db, now(db) + 60 * MINUTE);
    reqmainTransmit(db, 'POLY/NOV');
    expect(lastT1(db)).toBeGreaterThan(first); // the second T1 is above the mark
    expect(lastSent(db)).toBe(lastT1(db));
    db.$client.close();
  });

  it("every requestor's last T1 and last reply are the same whichever side of the mark their runs are", () => {
    const table = (db: Db) => checkHealth(db).requestors.map((r) => ({ requestor: r.requestor, lastSent: r.lastSent, lastReceived: r.lastReceived }));
    for (const [file, cycle] of [
      [exchangeRequestorNetwork('hist-xreq'), exchangeRequestorCycle],
      [exchangeDssNetwork('hist-xdss'), exchangeDssCycle],
    ] as const) {
      cycle(file);
      let db = openDatabase(file);
      const unindexed = table(db); // every run above the mark
      expect(unindexed.some((r) => r.lastSent !== null) && unindexed.some((r) => r.lastReceived !== null)).toBe(true);
      step(db, () => indexRunHistory(db));
      expect(table(db)).toEqual(unindexed); // every run indexed
      db.$client.close();
      cycle(file);
      db = openDatabase(file);
      const split = table(db); // the second cycle above the mark, the first below
      expect(split).not.toEqual(unindexed);
      step(db, () => indexRunHistory(db));
      expect(table(db)).toEqual(split);
      db.$client.close();
    }
  });
});
