/**
 * B11 (issue 13): (a) Run History's first page (100 runs, newest first) of a filter over 1,000,000
 * runs, through `queryRuns` and through the same query as one raw prepared statement, in
 * alternation — p50 and p95 per filter; target p95 ≤ 20 ms. (b) Health (`checkHealth`) on the B1
 * network (50 × 2,000 + Exchange 10,000) converged by one full cycle, and again with an import held
 * by the delete guard on one postoffice; target ≤ 100 ms.
 *
 * Run by bench/run.ts as a child process: `node --import tsx bench/b11-history-health.ts '<task JSON>'`
 * with { out, historyFile, healthFile, rows, runs, shape }; writes its figures as JSON to `out`.
 */
import fs from 'node:fs';
import { openDatabase, type Db } from '@/db/client';
import { CLOCK_START } from '@/lib/core/clock';
import { recordHold } from '@/lib/dirsync/delete-guard';
import { requestExport } from '@/lib/dirsync/request-export';
import { step } from '@/lib/core/statements';
import { checkHealth } from '@/lib/health/check-health';
import { queryRuns, RUN_KINDS, type RunFilter } from '@/lib/history/query-runs';
import { INDEX_EVERY, indexRunHistory } from '@/lib/history/record-run';
import { seededRandom } from '../test/fixtures/crash-worker';
import { poSpec } from './lib/names';
import { buildNetwork, checkGals, EXCHANGE_SERVER, exportExchange, fullCycle, PhaseTimer, type Shape } from './lib/network';

export interface B11Task {
  out: string;
  historyFile: string;
  healthFile: string;
  rows: number;
  runs: number;
  shape: Shape;
  /** Time Run History only, on the history already in historyFile when `reuse` (for trying things). */
  historyOnly?: boolean;
  reuse?: boolean;
}

export interface B11Filter {
  label: string;
  libP50: number;
  libP95: number;
  rawP50: number;
  rawP95: number;
  rows: number;
}

export interface B11Result {
  rows: number;
  buildMs: number;
  filters: B11Filter[];
  health: { firstMs: number; p50: number; p95: number; heldP50: number; requestors: number; findingsHeld: number };
}

const log = (text: string) => process.stderr.write(`    ${text}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const TRIGGERS = ['schedule', 'Dispatch', 'service pause', 'console', 'command line', 'wizard'];
const OBJECTS = [...Array.from({ length: 50 }, (_, p) => `BENCH/PO${String(p + 1).padStart(2, '0')}`), EXCHANGE_SERVER, 'EXCH02', 'M-Z'];

/**
 * A run history as months of dirsync leave it: 53 objects, every kind, one run in 50 a Warning and
 * one in 500 an Error, a run every 30 s of simulation time. Inserted in big transactions (the
 * building is not measured).
 */
function buildHistory(db: Db, rows: number): void {
  const rnd = seededRandom(11);
  const insert = db.$client.prepare(
    `insert into run_history (kind, object, trigger, who, group_id, sim_start, sim_end, wall_start, wall_end, txn_in, txn_out, messages,
       outcome, numbers, summary, message_list, log_from, log_to, event_from, event_to)
     values (?, ?, ?, '', null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 1, 0, 1, 0)`,
  );
  const BATCH = 50_000;
  // As recording leaves it (lib/history/record-run.ts): all but the newest runs have their index
  // entries written; the newest INDEX_EVERY - 1 wait for the next batch and are read by id range.
  const indexedTo = rows - (INDEX_EVERY - 1);
  for (let from = 0; from < rows; from += BATCH) {
    step(db, () => {
      for (let k = from; k < Math.min(rows, from + BATCH); k++) {
        if (k === indexedTo) indexRunHistory(db);
        const r = rnd();
        const outcome = r < 0.002 ? 'Error' : r < 0.022 ? 'Warning' : 'OK';
        const at = CLOCK_START + k * 30_000;
        insert.run(
          RUN_KINDS[Math.floor(rnd() * RUN_KINDS.length)],
          OBJECTS[Math.floor(rnd() * OBJECTS.length)],
          TRIGGERS[Math.floor(rnd() * TRIGGERS.length)],
          at,
          at + 1000,
          at,
          at + 5,
          Math.floor(rnd() * 20),
          Math.floor(rnd() * 20),
          Math.floor(rnd() * 3),
          outcome,
          outcome === 'OK' ? '' : outcome === 'Error' ? '133' : '139',
          'ReqTx send 3 updates',
        );
      }
    });
  }
}

/** The filters an administrator uses, each with parameters that vary from call to call. */
function filters(rows: number, rnd: () => number): { label: string; make: () => RunFilter }[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const span = rows * 30_000;
  const day = 86_400_000;
  return [
    { label: 'no filter', make: () => ({}) },
    { label: 'object', make: () => ({ object: pick(OBJECTS) }) },
    { label: 'kind', make: () => ({ kind: pick(RUN_KINDS) }) },
    { label: 'outcome = Error (rare)', make: () => ({ outcome: 'Error' }) },
    { label: 'trigger', make: () => ({ trigger: pick(TRIGGERS) }) },
    { label: 'object + kind', make: () => ({ object: pick(OBJECTS), kind: pick(RUN_KINDS) }) },
    { label: 'object + outcome = Error', make: () => ({ object: pick(OBJECTS), outcome: 'Error' }) },
    {
      label: 'one day, months ago',
      make: () => {
        const since = CLOCK_START + Math.floor(rnd() * (span - day));
        return { since, until: since + day };
      },
    },
    {
      label: 'object + kind + one week',
      make: () => {
        const since = CLOCK_START + Math.floor(rnd() * (span - 7 * day));
        return { object: pick(OBJECTS), kind: pick(RUN_KINDS), since, until: since + 7 * day };
      },
    },
  ];
}

/**
 * The same queries queryRuns makes, as SQL written by hand (prepared per shape): the runs above
 * the indexed mark by id range, then the indexed ones (a time range alone: the blocks of ids it
 * overlaps, newest first), each with all the page's columns.
 */
function rawQuery(db: Db, f: RunFilter) {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.object) (where.push('object = ? collate nocase'), args.push(f.object));
  if (f.kind) (where.push('kind = ? collate nocase'), args.push(f.kind));
  if (f.outcome) (where.push('outcome = ?'), args.push(f.outcome));
  if (f.outcome && f.outcome !== 'OK') where.push("outcome <> 'OK'");
  if (f.trigger) (where.push('trigger = ? collate nocase'), args.push(f.trigger));
  if (f.since !== undefined) (where.push('sim_start >= ?'), args.push(f.since));
  if (f.until !== undefined) (where.push('sim_start <= ?'), args.push(f.until));
  const mark = db.$client.prepare('select indexed_to from run_history_settings where id = 1').pluck().get() as number;
  const cond = where.map((w) => ` and ${w}`).join('');
  const cols = 'id, kind, object, trigger, who, group_id, sim_start, sim_end, wall_start, wall_end, txn_in, txn_out, messages, outcome, numbers, summary';
  const page = db.$client.prepare(`select ${cols} from run_history where id > ?${cond} order by id desc limit 101`).all(mark, ...args);
  if (page.length > 100) return page;
  if (f.object || f.outcome || (f.since === undefined && f.until === undefined)) {
    return page.concat(db.$client.prepare(`select ${cols} from run_history where indexed = 1 and id <= ?${cond} order by id desc limit ?`).all(mark, ...args, 101 - page.length));
  }
  const blocks = db.$client
    .prepare('select first_id as lo, last_id as hi from run_history_block where first_id <= ? and sim_max >= ? and sim_min <= ? order by first_id desc')
    .all(mark, f.since ?? Number.MIN_SAFE_INTEGER, f.until ?? Number.MAX_SAFE_INTEGER) as { lo: number; hi: number }[];
  const inBlock = db.$client.prepare(`select ${cols} from run_history where id between ? and ?${cond} order by id desc limit ?`);
  for (const b of blocks) {
    if (page.length > 100) break;
    page.push(...inBlock.all(b.lo, b.hi, ...args, 101 - page.length));
  }
  return page;
}

function history(t: B11Task): { filters: B11Filter[]; buildMs: number } {
  if (!t.reuse) fs.rmSync(t.historyFile, { force: true });
  const db = openDatabase(t.historyFile);
  const t0 = performance.now();
  if (!t.reuse) buildHistory(db, t.rows);
  db.$client.exec('analyze');
  const buildMs = performance.now() - t0;
  log(`run history of ${t.rows.toLocaleString('en')} runs built in ${(buildMs / 1000).toFixed(1)} s`);
  const rnd = seededRandom(7);
  const out: B11Filter[] = [];
  for (const f of filters(t.rows, rnd)) {
    const lib: number[] = [];
    const raw: number[] = [];
    let rows = 0;
    for (let k = 0; k < t.runs; k++) {
      const filter = f.make();
      // Alternate which goes first, so neither always finds the pages warm.
      const order = k % 2 ? ['raw', 'lib'] : ['lib', 'raw'];
      for (const which of order) {
        const s = performance.now();
        if (which === 'lib') rows += queryRuns(db, { ...filter, limit: 100 }).runs.length;
        else rawQuery(db, filter);
        (which === 'lib' ? lib : raw).push(performance.now() - s);
      }
    }
    const r = { label: f.label, libP50: pct(lib, 50), libP95: pct(lib, 95), rawP50: pct(raw, 50), rawP95: pct(raw, 95), rows: rows / t.runs };
    log(`${f.label}: p50 ${r.libP50.toFixed(2)} ms, p95 ${r.libP95.toFixed(2)} ms (raw SQL p95 ${r.rawP95.toFixed(2)} ms), ${r.rows.toFixed(0)} rows`);
    out.push(r);
  }
  db.$client.close();
  return { filters: out, buildMs };
}

function health(t: B11Task): B11Result['health'] {
  buildNetwork(t.healthFile, t.shape);
  const db = openDatabase(t.healthFile);
  const timer = new PhaseTimer(db);
  for (let p = 0; p < t.shape.pos; p++) requestExport(db, poSpec(p));
  exportExchange(db, t.shape);
  fullCycle(db, t.shape, timer);
  checkGals(db, t.shape);
  log('B1 network converged; timing Health');
  const time = (n: number) => {
    const xs: number[] = [];
    for (let k = 0; k < n; k++) {
      const s = performance.now();
      checkHealth(db);
      xs.push(performance.now() - s);
    }
    return xs;
  };
  let s = performance.now();
  const first = checkHealth(db);
  const firstMs = performance.now() - s;
  if (first.findings.length) throw new Error(`B11: Health found ${first.findings.length} problem(s) on a converged network: ${first.findings.map((f) => f.title).join('; ')}`);
  const xs = time(t.runs);
  // One postoffice with an import held by the delete guard: its finding is there, at the same cost.
  const heldPo = db.$client.prepare('select id from postoffice where network || \'/\' || name = ?').pluck().get(poSpec(7)) as number;
  step(db, () => recordHold(db, heldPo, 'SRVTRANS', { removed: 1800, gal: 100_000, limit: 500 }));
  s = performance.now();
  const held = checkHealth(db);
  if (!held.findings.some((f) => f.check === 'delete-guard-held')) throw new Error('B11: the held import is not among the findings');
  const heldTimes = [performance.now() - s, ...time(Math.max(5, t.runs >> 2))];
  db.$client.close();
  return { firstMs, p50: pct(xs, 50), p95: pct(xs, 95), heldP50: pct(heldTimes, 50), requestors: first.requestors.length, findingsHeld: held.findings.length };
}

const task = JSON.parse(process.argv[2]) as B11Task;
const h = history(task);
const result: B11Result = { rows: task.rows, ...h, health: task.historyOnly ? { firstMs: 0, p50: 0, p95: 0, heldP50: 0, requestors: 0, findingsHeld: 0 } : health(task) };
fs.writeFileSync(task.out, JSON.stringify(result));
