/**
 * The child-process side of `npm run bench`: one task per process, so each measured run has its
 * own heap and its own peak RSS. Usage: `node --import tsx bench/tasks.ts '<task JSON>'`; the
 * result is written as JSON to `task.out`. Progress goes to stderr.
 */
import fs from 'node:fs';
import { openDatabase, type Db } from '@/db/client';
import { modifyMailbox } from '@/lib/dirsync/modify-mailbox';
import { requestExport } from '@/lib/dirsync/request-export';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { readStoredFile, writeStoredFile } from '@/lib/dirsync/stored-files';
import { decodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { predictResync } from '@/lib/resync/predict-resync';
import { step, stmt } from '@/lib/core/statements';
import { now } from '@/lib/core/clock';
import { dispatch } from '@/lib/scheduler/dispatch';
import { checkHealth } from '@/lib/health/check-health';
import { createWizard } from '@/lib/resync/wizard-state';
import { runWizardStep } from '@/lib/resync/run-wizard-step';
import { deleteStoredFile } from '@/lib/dirsync/stored-files';
import { withoutRunHistory } from '@/lib/history/record-run';
import { address, fullName, mailboxName, poSpec } from './lib/names';
import { buildNetwork, checkGals, cpuMs, createPostoffices, exportExchange, fullCycle, PhaseTimer, registerAll, totalChanges, type Shape } from './lib/network';

export type Task =
  | { kind: 'setup'; out: string; file: string; shape: Shape }
  | { kind: 'b1'; out: string; file: string; shape: Shape }
  | { kind: 'floor'; out: string; file: string; shape: Shape }
  | { kind: 'b2'; out: string; networks: { label: string; file: string; shape: Shape }[]; cycles: number }
  | { kind: 'b5'; out: string; file: string; shape: Shape }
  | { kind: 'b8'; out: string; file: string; days: number }
  | { kind: 'b9'; out: string; file: string; shape: Shape; runs: number }
  | { kind: 'b10'; out: string; file: string; shape: Shape; via: 'wizard' | 'verbs' };

const log = (text: string) => process.stderr.write(`    ${text}\n`);
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB on Linux

function setup(t: Extract<Task, { kind: 'setup' }>) {
  const t0 = performance.now();
  buildNetwork(t.file, t.shape);
  return { setupMs: performance.now() - t0 };
}

/**
 * B10: the Resync Wizard's whole walk (MS Mail DSS → its MS Mail requestors) on B5's network, each
 * step timed through the wizard (runWizardStep: revision and order checks, the step, its check,
 * the stored outcome) or, on an identical network, through the same engine verbs called directly
 * as the command line calls them. Times are per step kind, in ms.
 */
function b10(t: Extract<Task, { kind: 'b10' }>) {
  const db = masterNetwork(t.file, t.shape);
  const dss = poSpec(0);
  const requestors = Array.from({ length: t.shape.pos - 1 }, (_, k) => poSpec(k + 1));
  const times: Record<string, number[]> = {};
  const timed = (code: string, f: () => unknown) => {
    const t0 = performance.now();
    f();
    (times[code] ??= []).push(performance.now() - t0);
  };
  if (t.via === 'wizard') {
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss, requestors }, 'bench');
    const steps = stmt(db, 'select position, code from resync_wizard_step where wizard_id = ? order by position').all(id) as { position: number; code: string }[];
    for (const s of steps) {
      let status = '';
      timed(s.code, () => (status = runWizardStep(db, { id, position: s.position, by: 'bench' }).status));
      if (status !== 'done') throw new Error(`B10: wizard step ${s.position} (${s.code}) ${status}`);
    }
  } else {
    timed('extract', () => resyncExtract(db, dss));
    const bytes = readStoredFile(db, dss, 'RESYNC.GLB')!;
    for (const r of requestors) timed('copy', () => step(db, () => writeStoredFile(db, r, 'RESYNC.GLB', bytes)));
    timed('deleteFromDss', () => deleteStoredFile(db, dss, 'RESYNC.GLB'));
    for (const r of requestors) {
      timed('import', () => {
        if (importSrvtrans(db, r).fatal) throw new Error(`B10: import -q refused on ${r}`);
      });
      timed('rebuild', () => rebuildGal(db, r));
    }
  }
  db.$client.close();
  return { via: t.via, times };
}

/**
 * B8: the sample network under Dispatch for `days` simulated days, as `dispatch --until +<n>d`
 * does: every scheduled T1/T2/T3, External pass and PC MTA poll, with the logs and events they write.
 */
function b8(t: Extract<Task, { kind: 'b8' }>) {
  const db = openDatabase(t.file);
  const rows0 = totalChanges(db);
  const from = now(db);
  const t0 = performance.now();
  const r = dispatch(db, { until: from + t.days * 86_400_000 });
  const wallMs = performance.now() - t0;
  const rowsWritten = totalChanges(db) - rows0;
  const events = db.$client.prepare('select count(*) from event').pluck().get() as number;
  const simulatedDays = (now(db) - from) / 86_400_000;
  db.$client.close();
  return { wallMs, simulatedDays, lines: r.lines.length, ranT2: r.ranT2, rowsWritten, events };
}

/** B1: Export everywhere, then one full cycle, on a network straight from setup. */
function b1(t: Extract<Task, { kind: 'b1' }>) {
  const db = openDatabase(t.file);
  const timer = new PhaseTimer(db);
  const rows0 = totalChanges(db);
  const c0 = cpuMs();
  const t0 = performance.now();
  timer.run('Export (requestExport) all', () => {
    for (let p = 0; p < t.shape.pos; p++) requestExport(db, poSpec(p));
  });
  timer.run('Export Exchange (export container)', () => exportExchange(db, t.shape));
  fullCycle(db, t.shape, timer);
  const wallMs = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const rowsWritten = totalChanges(db) - rows0;
  const peakRssMiB = maxRssMiB();
  log(`Export + cycle ${(wallMs / 1000).toFixed(1)} s (CPU ${(cpu / 1000).toFixed(1)} s), ${rowsWritten} rows, peak RSS ${peakRssMiB.toFixed(0)} MiB; checking GALs`);
  checkGals(db, t.shape);
  const health = measureHealth(db);
  log(`Health on the converged network: first ${health.firstMs.toFixed(1)} ms, median ${health.medianMs.toFixed(1)} ms, ${health.findings} finding(s)`);
  // Every GAL row, and the Exchange server's imported custom recipients (its share of the address lists).
  const runRows = db.$client.prepare('select count(*) from run_history').pluck().get() as number;
  const galRows = (db.$client.prepare('select sum(gal_count) from postoffice').pluck().get() as number) +
    (db.$client.prepare('select count(*) from recipient where imported_by is not null').pluck().get() as number);
  db.$client.close();
  return { wallMs, cpuMs: cpu, rowsWritten, peakRssMiB, galRows, runRows, phases: timer.phases, fileBytes: fileSize(t.file), health };
}

/**
 * Health (lib/health/check-health.ts) on the network B1 just converged: the first computation (cold
 * statements) and the median of 20 more. Its findings must be none: the cycle left nothing wrong.
 */
function measureHealth(db: Db) {
  let t0 = performance.now();
  const first = checkHealth(db);
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let k = 0; k < 20; k++) {
    t0 = performance.now();
    checkHealth(db);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  if (first.findings.length) throw new Error(`Health found ${first.findings.length} problem(s) on a converged network: ${first.findings.map((f) => `${f.object}: ${f.title}`).join('; ')}`);
  return { firstMs, medianMs: times[times.length >> 1], findings: first.findings.length, requestors: first.requestors.length };
}

/**
 * The floor: one transaction inserting as many rows as all the GALs hold, with a prepared
 * statement, into a GAL-shaped table with the GAL's sort index, in a fresh file with the same pragmas.
 */
function floor(t: Extract<Task, { kind: 'floor' }>) {
  // openDatabase gives the file exactly the engine's pragmas (WAL, synchronous NORMAL, …), whatever they become.
  const client = openDatabase(t.file).$client;
  client.exec(`create table gal (id integer primary key, po_id integer not null, full_name text not null, address text not null);
    create index gal_order on gal (po_id, full_name collate nocase, address collate nocase);`);
  const { pos, perPo } = t.shape;
  const exchange = t.shape.exchange ?? 0;
  // The rows' text is made before the clock starts: the floor is the database's cost alone.
  const names: string[] = [];
  const addrs: string[] = [];
  for (let o = 0; o < pos; o++) for (let i = 0; i < perPo; i++) names.push(fullName(o, i)), addrs.push(address(o, i));
  const mailboxRows = names.length;
  for (let i = 0; i < exchange; i++) names.push(fullName(99, i)), addrs.push(`ms:BENCH/HQ/X${String(i + 1).padStart(5, '0')}`);
  const insert = client.prepare('insert into gal (po_id, full_name, address) values (?, ?, ?)');
  const c0 = cpuMs();
  const t0 = performance.now();
  client.transaction(() => {
    // Every MS Mail GAL holds every mailbox and every exported recipient; the Exchange server holds every mailbox.
    for (let p = 0; p < pos; p++) for (let k = 0; k < names.length; k++) insert.run(p + 1, names[k], addrs[k]);
    if (exchange) for (let k = 0; k < mailboxRows; k++) insert.run(pos + 1, names[k], addrs[k]);
  })();
  const wallMs = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const rows = client.prepare('select count(*) from gal').pluck().get() as number;
  client.close();
  return { wallMs, cpuMs: cpu, rows, peakRssMiB: maxRssMiB() };
}

interface B2Cycle {
  ms: number;
  cpuMs: number;
  rows: number;
  phases: PhaseTimer['phases'];
}

/**
 * B2: on converged networks (full size and one tenth, both open in this one process), `cycles`
 * times each: change one mailbox's full name, run one full cycle. The sizes take turns cycle by
 * cycle, so a busy moment on a shared machine falls on both and their ratio stays fair.
 */
function b2(t: Extract<Task, { kind: 'b2' }>) {
  const nets = t.networks.map((n) => ({ ...n, db: openDatabase(n.file), cycles: [] as B2Cycle[], unrecorded: [] as B2Cycle[], warmMs: 0 }));
  for (const n of nets) {
    // One clean cycle first (not measured): statement cache and page cache warm, nothing pending.
    const warm = new PhaseTimer(n.db);
    fullCycle(n.db, n.shape, warm);
    n.warmMs = Object.values(warm.phases).reduce((sum, p) => sum + p.ms, 0);
  }
  // Each turn runs the measured cycle and, beside it, the same kind of cycle with run history
  // switched off (withoutRunHistory): their ratio is what recording costs (issue 13: ≤ 5 %).
  let turn = 0;
  for (let k = 0; k < t.cycles; k++) {
    for (const n of k % 2 ? [...nets].reverse() : nets) {
      for (const recorded of (turn++ % 2 ? [false, true] : [true, false])) {
        const p = (3 + 7 * k + (recorded ? 0 : 1)) % n.shape.pos;
        const i = (11 + 37 * k) % n.shape.perPo;
        const newName = `Changed ${k}${recorded ? '' : 'u'} ${fullName(p, i)}`.slice(0, 30);
        modifyMailbox(n.db, poSpec(p), mailboxName(i), { fullName: newName });
        const timer = new PhaseTimer(n.db);
        const rows0 = totalChanges(n.db);
        const c0 = cpuMs();
        const t0 = performance.now();
        if (recorded) fullCycle(n.db, n.shape, timer);
        else withoutRunHistory(n.db, () => fullCycle(n.db, n.shape, timer));
        const ms = performance.now() - t0;
        (recorded ? n.cycles : n.unrecorded).push({ ms, cpuMs: cpuMs() - c0, rows: totalChanges(n.db) - rows0, phases: timer.phases });
        checkChangeEverywhere(n.db, n.shape, address(p, i).toUpperCase(), newName);
      }
    }
  }
  const out: Record<string, { cycles: B2Cycle[]; unrecorded: B2Cycle[]; warmMs: number }> = {};
  for (const n of nets) {
    checkGals(n.db, n.shape);
    n.db.$client.close();
    out[n.label] = { cycles: n.cycles, unrecorded: n.unrecorded, warmMs: n.warmMs };
  }
  return { networks: out, peakRssMiB: maxRssMiB() };
}

/**
 * Correctness guard for B2: the new full name is in every GAL, once. Read through the indexes
 * (postoffice first, then list_entry's key / list_entry_retired), never by scanning list_entry: a
 * scan of millions of rows between two measured cycles would empty the page cache and the next
 * cycle would measure cold reads instead of its own work.
 */
function checkChangeEverywhere(db: Db, shape: Shape, key: string, name: string): void {
  const live = db.$client
    .prepare(
      `select count(*) from postoffice p cross join list_entry e on e.po_id = p.id and e.address_key = ? and e.removed_gen = 0
       where e.full_name = ? and e.added_gen <= p.gal_gen`,
    )
    .pluck()
    .get(key, name) as number;
  const retiring = db.$client
    .prepare(
      `select count(*) from postoffice p cross join list_entry e on e.po_id = p.id and e.removed_gen > 0 and e.removed_gen > p.gal_gen
       where e.address_key = ? and e.full_name = ?`,
    )
    .pluck()
    .get(key, name) as number;
  const n = live + retiring;
  if (n !== shape.pos) throw new Error(`B2: ${key} shows "${name}" in ${n} GALs, expected ${shape.pos}`);
}

/**
 * B5: a DSS whose master lists hold pos × perPo addresses (rows inserted as applyToMaster writes
 * them). Generate = resyncExtract. Validate + apply = importSrvtrans on a requestor holding the
 * copied file, first with empty lists, then again (a fresh extract) over the lists the first left.
 */
/** A DSS (postoffice 0) with every other postoffice registered and pos × perPo addresses in its master lists. */
function masterNetwork(file: string, shape: Shape): Db {
  const db = openDatabase(file);
  createPostoffices(db, shape);
  registerAll(db, shape);
  const dssId = (stmt(db, 'select id from postoffice where name = ?').get('PO01') as { id: number }).id;
  step(db, () => {
    const insert = db.$client.prepare(
      'insert into master_entry (dss_po_id, origin, list_key, address_key, full_name, address, template) values (?, ?, ?, ?, ?, ?, ?)',
    );
    for (let p = 0; p < shape.pos; p++) {
      for (let i = 0; i < shape.perPo; i++) {
        const a = address(p, i);
        insert.run(dssId, poSpec(p), `PCM:${poSpec(p)}`, a.toUpperCase(), fullName(p, i), a, '');
      }
    }
  });
  return db;
}

function b5(t: Extract<Task, { kind: 'b5' }>) {
  const db = masterNetwork(t.file, t.shape);
  const dss = poSpec(0);
  const requestor = poSpec(1);
  const expected = (t.shape.pos - 1) * t.shape.perPo; // the requestor's own list is not imported
  const timed = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now();
    const out = fn();
    return [out, performance.now() - t0];
  };
  const round = () => {
    const [, generateMs] = timed(() => resyncExtract(db, dss));
    const bytes = readStoredFile(db, dss, 'RESYNC.GLB')!;
    const [, copyMs] = timed(() => writeStoredFile(db, requestor, 'RESYNC.GLB', bytes));
    const [r, applyMs] = timed(() => importSrvtrans(db, requestor));
    if (r.fatal) throw new Error(`B5 import -q: fatal ${r.fatal.number} ${r.fatal.text}`);
    const rebuilt = rebuildGal(db, requestor);
    const count = db.$client.prepare("select gal_count from postoffice where name = 'PO02'").pluck().get() as number;
    if (count !== expected) throw new Error(`B5: the requestor's GAL holds ${count} names after resync, expected ${expected} (${rebuilt.lines})`);
    return { generateMs, copyMs, applyMs, bytes: bytes.length };
  };
  const first = round();
  const second = round();
  db.$client.close();
  return { addresses: t.shape.pos * t.shape.perPo, first, second, peakRssMiB: maxRssMiB() };
}

/**
 * B9: the resync prediction (predictResync) for the DSS of B5's network and its pos − 1 requestors:
 * the header maxima and the record count, without building the body. Guard: it equals the header
 * of the file resyncExtract then writes.
 */
function b9(t: Extract<Task, { kind: 'b9' }>) {
  const db = masterNetwork(t.file, t.shape);
  const input = { dss: poSpec(0), requestors: Array.from({ length: t.shape.pos - 1 }, (_, k) => poSpec(k + 1)) };
  predictResync(db, input); // warm: statement cache and page cache
  const times: number[] = [];
  let p = predictResync(db, input);
  for (let k = 0; k < t.runs; k++) {
    const t0 = performance.now();
    p = predictResync(db, input);
    times.push(performance.now() - t0);
  }
  resyncExtract(db, input.dss);
  const f = decodeResyncGlb(readStoredFile(db, input.dss, 'RESYNC.GLB')!);
  const made = { impSeq: f.impSeq, reqSeq: f.reqSeq, srvSeq: f.srvSeq, records: f.records.length, dss: f.dss };
  if (JSON.stringify(p.header) !== JSON.stringify(made)) throw new Error(`B9: predicted header ${JSON.stringify(p.header)}, the extract wrote ${JSON.stringify(made)}`);
  if (p.verdicts.length !== input.requestors.length || !p.verdicts.every((v) => v.applies)) throw new Error('B9: every requestor should be predicted to apply');
  db.$client.close();
  return { addresses: t.shape.pos * t.shape.perPo, requestors: input.requestors.length, records: made.records, times, peakRssMiB: maxRssMiB() };
}

function fileSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}

const task = JSON.parse(process.argv[2]) as Task;
const result =
  task.kind === 'setup'
    ? setup(task)
    : task.kind === 'b1'
      ? b1(task)
      : task.kind === 'floor'
        ? floor(task)
        : task.kind === 'b2'
          ? b2(task)
          : task.kind === 'b5'
            ? b5(task)
            : task.kind === 'b8'
              ? b8(task)
              : task.kind === 'b9'
                ? b9(task)
                : b10(task);
fs.writeFileSync(task.out, JSON.stringify(result));
