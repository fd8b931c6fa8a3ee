/**
 * `npm run bench [-- --quick] [-- --only B1,B2]`: the performance benchmarks of
 * the performance bars of docs/benchmarks.md: the engine (B1, B2, B5), the event log (B3), the web console (B4), the
 * resync prediction (B9), Run History and Health (B11; bench/b11-history-health.ts), the Topology page (TOPO: bench/topology-page.ts) and the reliability runs (R). Each measured run is a child process (bench/tasks.ts; B3:
 * bench/b3-events.ts; B4: bench/b4-http.ts, with its own `next start`) on a fresh temporary
 * database file, deleted afterwards. Prints a table and writes bench/results.json. Timings are
 * medians (B3: p50 and p95); nothing here is a test assertion, but the correctness guards inside
 * the runs (every GAL complete, the change everywhere, B3's page equal to the raw SQL's) do fail
 * the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from './tasks';
import type { B3Result, B3Sample } from './b3-events';
import type { TopologyBenchResult } from './topology-page';
import type { B11Result } from './b11-history-health';
import type { B4Target } from './b4-http';
import type { B7View } from './b7-first-load';
import type { Shape } from './lib/network';
import { runColdStart } from './b6-cli-start';
import { ADMIN_PASSWORD as BENCH_ADMIN_PASSWORD } from './lib/network';
import { poSpec } from './lib/names';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);

// ---- options --------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const onlyValue = onlyArg?.includes('=') ? onlyArg.split('=')[1] : onlyArg ? argv[argv.indexOf(onlyArg) + 1] : undefined;
const ALL = ['B1', 'B1S', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10', 'B11', 'TOPO', 'R'] as const;
type Bench = (typeof ALL)[number];
const only = new Set<Bench>(
  onlyValue ? (onlyValue.split(',').map((s) => s.trim().toUpperCase()) as Bench[]) : [...ALL],
);
for (const b of only) if (!ALL.includes(b)) throw new Error(`unknown benchmark ${b}: choose from ${ALL.join(', ')}`);

const scale = quick ? 10 : 1;
const POS = 50;
// B1 and B2 include the Exchange server EXCH01 with 10,000 recipients (a tenth of it in B2's small network).
const B1_SHAPE: Shape = { pos: POS, perPo: 2000 / scale, exchange: 10_000 / scale };
const B2_TENTH: Shape = { pos: POS, perPo: B1_SHAPE.perPo / 10, exchange: B1_SHAPE.exchange! / 10 };
const B5_SHAPE: Shape = { pos: POS, perPo: 2000 / scale };
const runsArg = argv.indexOf('--b1-runs');
// `--b1-runs <n>`: fewer full-size B1 runs on a busy machine (each run is interleaved with its floor).
const B1_RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : quick ? 1 : 3;
// B1S: B1's first sync (MS Mail only) at these numbers of postoffices × 2,000; `--b1s-100` adds 100 (slow: ~4× the rows of 50).
const B1S_POS = argv.includes('--b1s-100') ? [10, 25, 50, 100] : [10, 25, 50];
const B1_SLOW_MS = 180_000; // a full-size B1 run longer than 3 minutes: stop after it
// 40, not fewer: the recording figure is a ratio of medians, and with 9 a side it moved 1.11–1.23× between runs.
const B2_CYCLES = quick ? 5 : 40;
const B5_RUNS = quick ? 1 : 5;
// B9: the same DSS as B5 (50 postoffices, 100,000 addresses), the prediction timed this many times.
const B9_SHAPE: Shape = { pos: POS, perPo: 2000 / scale };
const B9_RUNS = quick ? 5 : 25;
const B3_EVENTS = quick ? 100_000 : 1_000_000;
const B3_RUNS = quick ? 50 : 200;
// B11: Run History over this many runs (each filter timed this many times), Health on B1's network.
const B11_ROWS = quick ? 100_000 : 1_000_000;
const B11_RUNS = quick ? 40 : 200;

// ---- child processes and files --------------------------------------------------------------

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-bench-'));
let serial = 0;
const tempFile = (label: string) => path.join(work, `${label}-${++serial}.db`);

function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

type TaskInput = Task extends infer T ? (T extends Task ? Omit<T, 'out'> : never) : never;

/** Run one task in its own node process (tsx loader, `@/` paths) and return its JSON result. */
function child<R>(task: TaskInput): R {
  const out = path.join(work, `result-${++serial}.json`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'tasks.ts'), JSON.stringify({ ...task, out })], {
    cwd: root,
    env: { ...process.env, DIRSYNC_ROOT: root },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`bench task ${task.kind} failed (exit ${r.status ?? r.signal})`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as R;
  fs.rmSync(out, { force: true });
  return result;
}

// ---- figures ----------------------------------------------------------------------------------

interface Figure {
  benchmark: Bench;
  figure: string;
  value: number;
  unit: 'ms' | 's' | 'MiB' | 'rows' | 'x' | 'bytes';
  /** Upper bound; the figure passes when value <= target. */
  target?: number;
  note?: string;
}
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const notes: string[] = [];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const say = (text: string) => process.stderr.write(`${text}\n`);

// ---- B1 ---------------------------------------------------------------------------------------

interface B1Result {
  wallMs: number;
  cpuMs: number;
  rowsWritten: number;
  peakRssMiB: number;
  galRows: number;
  /** Run history rows the measured run wrote (one per recorded step). */
  runRows: number;
  phases: PhaseFigures;
  fileBytes: number;
  health: { firstMs: number; medianMs: number; findings: number; requestors: number };
}
interface FloorResult {
  wallMs: number;
  cpuMs: number;
  rows: number;
  peakRssMiB: number;
}

/** A network after Export and one full cycle (B1's end state), kept for B2. */
function convergedNetwork(shape: Shape): B1Result & { file: string; setupMs: number } {
  const file = tempFile(`net-${shape.perPo}`);
  const { setupMs } = child<{ setupMs: number }>({ kind: 'setup', file, shape });
  const result = child<B1Result>({ kind: 'b1', file, shape });
  return { ...result, file, setupMs };
}

let b1Converged: string | null = null;

function runB1(): void {
  const shape = B1_SHAPE;
  say(`B1: ${shape.pos} postoffices × ${shape.perPo} mailboxes, Export + one full cycle; up to ${B1_RUNS} run(s)`);
  const runs: (B1Result & { setupMs: number })[] = [];
  const floors: FloorResult[] = [];
  for (let k = 0; k < B1_RUNS; k++) {
    const run = convergedNetwork(shape);
    runs.push(run);
    say(`  run ${k + 1}: setup ${(run.setupMs / 1000).toFixed(1)} s (not measured), measured ${(run.wallMs / 1000).toFixed(1)} s`);
    const last = k === B1_RUNS - 1 || run.wallMs > B1_SLOW_MS;
    if (last && only.has('B2')) b1Converged = run.file;
    else removeDb(run.file);
    // The floor, interleaved with the runs so both see the same machine.
    const floorFile = tempFile('floor');
    const f = child<FloorResult>({ kind: 'floor', file: floorFile, shape });
    removeDb(floorFile);
    floors.push(f);
    say(`  floor ${k + 1}: ${f.rows} GAL rows in ${(f.wallMs / 1000).toFixed(1)} s (CPU ${(f.cpuMs / 1000).toFixed(1)} s)`);
    if (run.wallMs > B1_SLOW_MS && k < B1_RUNS - 1) {
      notes.push(`B1: ${runs.length} run(s), not ${B1_RUNS}: one run took ${(run.wallMs / 60000).toFixed(1)} min (> 3 min)`);
      break;
    }
  }
  const wall = median(runs.map((r) => r.wallMs));
  const floorMs = median(floors.map((f) => f.wallMs));
  const sizeNote = `${shape.pos}×${shape.perPo}, median of ${runs.length}`;
  figures.push(
    { benchmark: 'B1', figure: `wall time, Export + full cycle (${sizeNote})`, value: wall / 1000, unit: 's' },
    { benchmark: 'B1', figure: `floor: ${runs[0].galRows.toLocaleString('en')} GAL rows, one transaction (median of ${floors.length})`, value: floorMs / 1000, unit: 's' },
    // Issue 12: at most twice the floor, peak RSS ≤ 512 MiB.
    { benchmark: 'B1', figure: 'wall time / floor', value: wall / floorMs, unit: 'x', target: 2 },
    {
      benchmark: 'B1',
      figure: 'CPU time / floor CPU time (steadier on a shared machine)',
      value: median(runs.map((r) => r.cpuMs)) / median(floors.map((f) => f.cpuMs)),
      unit: 'x',
      target: 2,
    },
    // The floor's runs swing by up to 1.6× on this kind of machine (CPU time too), which has printed
    // a pass for an unchanged engine: its fastest run over B1's fastest is the cross-check.
    {
      benchmark: 'B1',
      figure: 'cross-check: fastest run / fastest floor',
      value: Math.min(...runs.map((r) => r.wallMs)) / Math.min(...floors.map((f) => f.wallMs)),
      unit: 'x',
    },
    { benchmark: 'B1', figure: 'peak RSS (measured child)', value: median(runs.map((r) => r.peakRssMiB)), unit: 'MiB', target: 512 },
    { benchmark: 'B1', figure: 'rows written (total_changes)', value: median(runs.map((r) => r.rowsWritten)), unit: 'rows' },
    {
      benchmark: 'B1',
      figure: `Health: checkHealth on the converged network, ${runs[0].health.requestors} requestors (median of 20 per run, median of ${runs.length})`,
      value: median(runs.map((r) => r.health.medianMs)),
      unit: 'ms',
      target: 100,
    },
    { benchmark: 'B1', figure: 'Health: first computation (statements not yet prepared)', value: median(runs.map((r) => r.health.firstMs)), unit: 'ms' },
  );
  // CPU time of the measured child, to tell a slow step from a busy machine (other processes on the same cores).
  const cpuRatio = median(runs.map((r) => r.cpuMs)) / median(floors.map((f) => f.cpuMs));
  notes.push(`B1: CPU time ${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(1)} s vs floor ${(median(floors.map((f) => f.cpuMs)) / 1000).toFixed(1)} s (CPU ratio ${cpuRatio.toFixed(2)}×)`);
  details.B1 = { shape, runs, floors, cpuRatio, medianPhases: medianPhases(runs.map((r) => r.phases)) };
}

// ---- B1S: how B1's cost grows --------------------------------------------------------------

/** Least-squares slope of ln y on ln x: the exponent k of y ∝ x^k. */
function fittedExponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

/**
 * B1S (issue 12): B1's Export + first full cycle at 10, 25 and 50 postoffices × 2,000 mailboxes
 * (MS Mail only; `--b1s-100` adds 100), each once in its own child on a fresh file. The rows the
 * model must write grow with the square of the postoffices (every GAL holds every name), so the
 * time is fitted against those rows (`total_changes`): time ∝ rows^k, target k ≤ 1.1.
 */
function runB1S(): void {
  const perPo = 2000 / scale;
  say(`B1S: Export + one full cycle at ${B1S_POS.join(', ')} postoffices × ${perPo} (MS Mail only), one run each`);
  const points: { pos: number; rows: number; wallMs: number; cpuMs: number; peakRssMiB: number; fileBytes: number; importCpuMs: number }[] = [];
  for (const pos of B1S_POS) {
    const shape: Shape = { pos, perPo };
    const file = tempFile(`b1s-${pos}`);
    try {
      child<{ setupMs: number }>({ kind: 'setup', file, shape });
      const r = child<B1Result>({ kind: 'b1', file, shape });
      points.push({ pos, rows: r.rowsWritten, wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMiB: r.peakRssMiB, fileBytes: r.fileBytes, importCpuMs: r.phases['T3 import -q']?.cpuMs ?? 0 });
      say(`  ${pos} × ${perPo}: ${r.rowsWritten.toLocaleString('en')} rows in ${(r.wallMs / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s, ${((r.cpuMs * 1000) / r.rowsWritten).toFixed(2)} µs a row), peak RSS ${r.peakRssMiB.toFixed(0)} MiB, file ${(r.fileBytes / 2 ** 20).toFixed(0)} MiB`);
    } finally {
      removeDb(file);
    }
  }
  const rows = points.map((p) => p.rows);
  const cpuK = fittedExponent(rows, points.map((p) => p.cpuMs));
  const wallK = fittedExponent(rows, points.map((p) => p.wallMs));
  for (const p of points) {
    figures.push({ benchmark: 'B1S', figure: `${p.pos} × ${perPo}: CPU time for ${p.rows.toLocaleString('en')} rows written (wall ${(p.wallMs / 1000).toFixed(1)} s)`, value: p.cpuMs / 1000, unit: 's' });
  }
  figures.push(
    { benchmark: 'B1S', figure: `fitted exponent of CPU time against rows written (${B1S_POS.join(', ')} postoffices)`, value: cpuK, unit: 'x', target: 1.1 },
    { benchmark: 'B1S', figure: 'fitted exponent of wall time against rows written (a shared machine adds its noise)', value: wallK, unit: 'x' },
  );
  details.B1S = { perPo, points, cpuExponent: cpuK, wallExponent: wallK };
}

type PhaseFigures = Record<string, { ms: number; cpuMs: number; rows: number }>;

function medianPhases(list: PhaseFigures[]): PhaseFigures {
  const out: PhaseFigures = {};
  for (const name of Object.keys(list[0] ?? {})) {
    const of = (k: 'ms' | 'cpuMs' | 'rows') => median(list.map((p) => p[name]?.[k] ?? 0));
    out[name] = { ms: of('ms'), cpuMs: of('cpuMs'), rows: of('rows') };
  }
  return out;
}

/** The phases of a benchmark, one line each, under the table. */
function printPhases(title: string, phases: PhaseFigures, unit: 's' | 'ms'): void {
  console.log(`\n${title}`);
  for (const [name, p] of Object.entries(phases)) {
    const v = (ms: number) => (unit === 's' ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
    console.log(`  ${name.padEnd(30)} ${v(p.ms).padStart(10)} wall ${v(p.cpuMs).padStart(10)} CPU ${Math.round(p.rows).toLocaleString('en').padStart(12)} rows`);
  }
}

// ---- B2 ---------------------------------------------------------------------------------------

interface B2Cycle {
  ms: number;
  cpuMs: number;
  rows: number;
  phases: PhaseFigures;
}
interface B2Result {
  networks: Record<string, { cycles: B2Cycle[]; unrecorded: B2Cycle[]; warmMs: number }>;
  peakRssMiB: number;
}

function runB2(): void {
  const sizes: [string, Shape][] = [
    ['full', B1_SHAPE],
    ['tenth', B2_TENTH],
  ];
  const networks: { label: string; file: string; shape: Shape }[] = [];
  try {
    for (const [label, shape] of sizes) {
      if (label === 'full' && b1Converged) {
        networks.push({ label, file: b1Converged, shape }); // B1's last run left exactly this network
        b1Converged = null;
      } else {
        say(`B2: building the converged ${shape.pos} × ${shape.perPo} network (Export + one cycle, not measured)`);
        networks.push({ label, file: convergedNetwork(shape).file, shape });
      }
    }
    say(`B2: ${B2_CYCLES} one-change cycles on each size, taking turns in one process`);
    const result = child<B2Result>({ kind: 'b2', networks, cycles: B2_CYCLES });
    const full = result.networks.full.cycles;
    const tenth = result.networks.tenth.cycles;
    say(`  full:  ${full.map((c) => c.ms.toFixed(0)).join(', ')} ms`);
    say(`  tenth: ${tenth.map((c) => c.ms.toFixed(0)).join(', ')} ms`);
    const fullMs = median(full.map((c) => c.ms));
    const tenthMs = median(tenth.map((c) => c.ms));
    const n = B2_CYCLES;
    figures.push(
      { benchmark: 'B2', figure: `one-change cycle, ${B1_SHAPE.pos}×${B1_SHAPE.perPo} (median of ${n})`, value: fullMs, unit: 'ms', target: quick ? undefined : 200 },
      { benchmark: 'B2', figure: `one-change cycle, ${B2_TENTH.pos}×${B2_TENTH.perPo} (median of ${n})`, value: tenthMs, unit: 'ms' },
      { benchmark: 'B2', figure: 'full / tenth', value: fullMs / tenthMs, unit: 'x', target: 1.5 },
      { benchmark: 'B2', figure: 'rows written per cycle, full size', value: median(full.map((c) => c.rows)), unit: 'rows' },
    );
    const cpuFull = median(full.map((c) => c.cpuMs));
    const cpuTenth = median(tenth.map((c) => c.cpuMs));
    notes.push(`B2: CPU time per cycle ${cpuFull.toFixed(0)} ms full, ${cpuTenth.toFixed(0)} ms tenth (CPU ratio ${(cpuFull / cpuTenth).toFixed(2)}×)`);
    // Run history's cost (issue 13): the same cycles with recording off, taking turns with the measured ones.
    const offFull = result.networks.full.unrecorded;
    const offTenth = result.networks.tenth.unrecorded;
    const cpuOffFull = median(offFull.map((c) => c.cpuMs));
    const cpuOffTenth = median(offTenth.map((c) => c.cpuMs));
    const runRowsPerCycle = median(full.map((c) => c.rows)) - median(offFull.map((c) => c.rows));
    figures.push(
      { benchmark: 'B2', figure: `run history: CPU per cycle recorded / not recorded, full size (${cpuFull.toFixed(1)} vs ${cpuOffFull.toFixed(1)} ms, median of ${n} each)`, value: cpuFull / cpuOffFull, unit: 'x', target: 1.05 },
      { benchmark: 'B2', figure: `run history: the same at one tenth (${cpuTenth.toFixed(1)} vs ${cpuOffTenth.toFixed(1)} ms)`, value: cpuTenth / cpuOffTenth, unit: 'x' },
      { benchmark: 'B2', figure: `run history: wall time recorded / not recorded, full size (${fullMs.toFixed(0)} vs ${median(offFull.map((c) => c.ms)).toFixed(0)} ms)`, value: fullMs / median(offFull.map((c) => c.ms)), unit: 'x' },
    );
    const b1 = details.B1 as { runs: B1Result[] } | undefined;
    if (b1) {
      // B1 records about as many steps as a B2 cycle; their cost is B2's per-row cost times B1's rows.
      const perRowMs = (cpuFull - cpuOffFull) / Math.max(1, runRowsPerCycle);
      const b1Runs = median(b1.runs.map((r) => r.runRows));
      const b1Cpu = median(b1.runs.map((r) => r.cpuMs));
      figures.push({ benchmark: 'B1', figure: `run history: ${b1Runs} rows at B2's ${(perRowMs * 1000).toFixed(0)} µs a row, share of B1's CPU time`, value: 1 + (b1Runs * perRowMs) / b1Cpu, unit: 'x', target: 1.05 });
    }
    if (quick) notes.push('B2 --quick: the 200 ms target is for 50×2000 and is not judged at 50×200');
    details.B2 = Object.fromEntries(
      Object.entries(result.networks).map(([k, r]) => [
        k,
        { ...r, shape: networks.find((x) => x.label === k)?.shape, medianPhases: medianPhases(r.cycles.map((c) => c.phases)), unrecordedPhases: medianPhases(r.unrecorded.map((c) => c.phases)) },
      ]),
    );
  } finally {
    for (const n of networks) removeDb(n.file);
  }
}

// ---- B5 ---------------------------------------------------------------------------------------

interface B5Round {
  generateMs: number;
  copyMs: number;
  applyMs: number;
  bytes: number;
}
interface B5Result {
  addresses: number;
  first: B5Round;
  second: B5Round;
  peakRssMiB: number;
}

function runB5(): void {
  const shape = B5_SHAPE;
  say(`B5: RESYNC.GLB of ${shape.pos * shape.perPo} addresses; ${B5_RUNS} run(s)`);
  const runs: B5Result[] = [];
  for (let k = 0; k < B5_RUNS; k++) {
    const file = tempFile('b5');
    try {
      runs.push(child<B5Result>({ kind: 'b5', file, shape }));
    } finally {
      removeDb(file);
    }
    const r = runs[runs.length - 1];
    say(`  run ${k + 1}: generate ${r.first.generateMs.toFixed(0)} / ${r.second.generateMs.toFixed(0)} ms, apply ${r.first.applyMs.toFixed(0)} / ${r.second.applyMs.toFixed(0)} ms`);
  }
  const gens = runs.flatMap((r) => [r.first.generateMs, r.second.generateMs]);
  const sizeNote = `${runs[0].addresses.toLocaleString('en')} addresses, ${(runs[0].first.bytes / 1e6).toFixed(1)} MB`;
  figures.push(
    { benchmark: 'B5', figure: `generate: resyncExtract (${sizeNote}, median of ${gens.length})`, value: median(gens), unit: 'ms', target: quick ? undefined : 1000 },
    { benchmark: 'B5', figure: `validate + apply: import -q, empty lists (median of ${runs.length})`, value: median(runs.map((r) => r.first.applyMs)), unit: 'ms', target: quick ? undefined : 2000 },
    { benchmark: 'B5', figure: `validate + apply: import -q over full lists (median of ${runs.length})`, value: median(runs.map((r) => r.second.applyMs)), unit: 'ms', target: quick ? undefined : 2000 },
  );
  if (quick) notes.push('B5 --quick: the 1 s / 2 s targets are for 100,000 addresses and are not judged at 10,000');
  details.B5 = { shape, runs };
}

// ---- B9 ---------------------------------------------------------------------------------------

interface B9Result {
  addresses: number;
  requestors: number;
  records: number;
  times: number[];
  peakRssMiB: number;
}

/** B9 (issue 9): predictResync for a DSS with 50 requestors and 100,000 addresses; target ≤ 100 ms. */
function runB9(): void {
  const shape = B9_SHAPE;
  say(`B9: resync prediction for a DSS with ${shape.pos - 1} requestors and ${shape.pos * shape.perPo} addresses; ${B9_RUNS} timed calls`);
  const file = tempFile('b9');
  let r: B9Result;
  try {
    r = child<B9Result>({ kind: 'b9', file, shape, runs: B9_RUNS });
  } finally {
    removeDb(file);
  }
  say(`  ${r.times.map((x) => x.toFixed(1)).join(', ')} ms`);
  figures.push({
    benchmark: 'B9',
    figure: `resync prediction: predictResync, ${r.requestors} requestors, ${r.addresses.toLocaleString('en')} addresses (median of ${r.times.length})`,
    value: median(r.times),
    unit: 'ms',
    target: quick ? undefined : 100,
  });
  if (quick) notes.push('B9 --quick: the 100 ms target is for 100,000 addresses and is not judged at 10,000');
  details.B9 = { shape, ...r };
}

// ---- TOPO -------------------------------------------------------------------------------------

/** Issue 13: the Topology page's server work for B1's 50 postoffices and EXCH01; target ≤ 150 ms. */
function runTopology(): void {
  const shape = B1_SHAPE;
  const runs = quick ? 10 : 30;
  say(`TOPO: the Topology page for ${shape.pos} postoffices and EXCH01 (${shape.pos * shape.perPo} mailboxes); ${runs} timed renders`);
  const file = tempFile('topo');
  const out = path.join(work, `result-${++serial}.json`);
  let r: TopologyBenchResult;
  try {
    const done = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'topology-page.ts'), JSON.stringify({ out, file, shape, runs })], {
      cwd: root,
      // React renders as `next start` runs it, in production mode.
      env: { ...process.env, DIRSYNC_ROOT: root, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (done.status !== 0) throw new Error(`bench TOPO failed (exit ${done.status ?? done.signal})`);
    r = JSON.parse(fs.readFileSync(out, 'utf8')) as TopologyBenchResult;
  } finally {
    removeDb(file);
    fs.rmSync(out, { force: true });
  }
  figures.push(
    {
      benchmark: 'TOPO',
      figure: `Topology page server time: Health + query + layout + SVG and table to HTML, ${r.requestors} requestors, ${r.waiting} messages waiting (median of ${runs})`,
      value: median(r.times),
      unit: 'ms',
      target: 150,
    },
    { benchmark: 'TOPO', figure: `p95 of the same (${Math.round(r.htmlBytes / 1024)} KiB of HTML)`, value: percentile(r.times, 0.95), unit: 'ms' },
  );
  details.TOPO = { shape, ...r };
}

// ---- B3 ---------------------------------------------------------------------------------------

/** The p-th percentile (nearest rank) of a list. */
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
};

function runB3(): void {
  say(`B3: an event log of ${B3_EVENTS.toLocaleString('en')} events, ${B3_RUNS} runs of each query`);
  const file = tempFile('b3');
  const out = path.join(work, `result-${++serial}.json`);
  let result: B3Result;
  try {
    // Its own child process, like the other tasks (bench/b3-events.ts, not bench/tasks.ts).
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'b3-events.ts'), JSON.stringify({ out, file, events: B3_EVENTS, runs: B3_RUNS })], {
      cwd: root,
      env: { ...process.env, DIRSYNC_ROOT: root },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench B3 failed (exit ${r.status ?? r.signal})`);
    result = JSON.parse(fs.readFileSync(out, 'utf8')) as B3Result;
  } finally {
    removeDb(file);
    fs.rmSync(out, { force: true });
  }
  const target = quick ? undefined : 20;
  const summary = (samples: B3Sample[]) => {
    const lib = samples.map((x) => x.lib);
    const raw = samples.map((x) => x.raw);
    return { libP50: percentile(lib, 0.5), libP95: percentile(lib, 0.95), rawP50: percentile(raw, 0.5), rawP95: percentile(raw, 0.95) };
  };
  const filter = summary(result.filter);
  const find = summary(result.find);
  const n = result.filter.length;
  figures.push(
    { benchmark: 'B3', figure: `build: ${result.events.toLocaleString('en')} events with their FTS index, one transaction`, value: result.buildMs / 1000, unit: 's' },
    { benchmark: 'B3', figure: `filter ID + source + dates, first 100: p50 (${n} runs)`, value: filter.libP50, unit: 'ms' },
    { benchmark: 'B3', figure: 'filter ID + source + dates, first 100: p95', value: filter.libP95, unit: 'ms', target },
    { benchmark: 'B3', figure: 'filter: raw SQL p50', value: filter.rawP50, unit: 'ms' },
    { benchmark: 'B3', figure: 'filter: p50 / raw SQL p50', value: filter.libP50 / filter.rawP50, unit: 'x', target: 2 },
    { benchmark: 'B3', figure: `find in descriptions, first 100: p50 (${result.find.length} runs)`, value: find.libP50, unit: 'ms' },
    { benchmark: 'B3', figure: 'find in descriptions, first 100: p95', value: find.libP95, unit: 'ms', target },
    { benchmark: 'B3', figure: 'find: raw SQL p50', value: find.rawP50, unit: 'ms' },
    { benchmark: 'B3', figure: 'find: p50 / raw SQL p50', value: find.libP50 / find.rawP50, unit: 'x', target: 2 },
  );
  notes.push(
    `B3: build ${(result.buildMs / 1000).toFixed(1)} s wall, ${(result.buildCpuMs / 1000).toFixed(1)} s CPU, file ${(result.fileBytes / 2 ** 20).toFixed(0)} MiB; raw SQL p95 ${filter.rawP95.toFixed(1)} ms (filter), ${find.rawP95.toFixed(1)} ms (find)`,
  );
  if (quick) notes.push('B3 --quick: the 20 ms target is for 1,000,000 events and is not judged at 100,000');
  details.B3 = { ...result, summary: { filter, find } };
}

/** B4: the web console under 20 concurrent signed-in clients (bench/b4-http.ts, its own process and server). */
function runB4(): void {
  const seconds = quick ? 5 : 20;
  say(`B4: the console's server (scripts/serve.mjs), 20 concurrent clients for ${seconds} s per page`);
  const file = tempFile('b4');
  const out = path.join(work, `result-${++serial}.json`);
  let targets: B4Target[];
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'b4-http.ts'), JSON.stringify({ out, file, seconds, clients: 20 })], {
      cwd: root,
      env: { ...process.env, DIRSYNC_ROOT: root },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench B4 failed (exit ${r.status ?? r.signal})`);
    targets = (JSON.parse(fs.readFileSync(out, 'utf8')) as { targets: B4Target[] }).targets;
  } finally {
    removeDb(file);
    fs.rmSync(out, { force: true });
  }
  const [staticFile, ...pages] = targets;
  figures.push({ benchmark: 'B4', figure: `${staticFile.label}: p95 (${(staticFile.requests / staticFile.seconds).toFixed(0)} req/s)`, value: staticFile.p95, unit: 'ms' });
  for (const t of pages) {
    figures.push(
      { benchmark: 'B4', figure: `${t.label}: p50 (${(t.requests / t.seconds).toFixed(0)} req/s${t.errors ? `, ${t.errors} errors` : ''})`, value: t.p50, unit: 'ms' },
      { benchmark: 'B4', figure: `${t.label}: p95`, value: t.p95, unit: 'ms', ...(t.information ? {} : { target: t.target ?? 150 }) },
      { benchmark: 'B4', figure: `${t.label}: p99`, value: t.p99, unit: 'ms' },
      { benchmark: 'B4', figure: `${t.label}: p95 / static p95`, value: t.p95 / staticFile.p95, unit: 'x' },
    );
    if (t.cpuMsPerRequest !== undefined) figures.push({ benchmark: 'B4', figure: `${t.label}: server CPU per request (all processes)`, value: t.cpuMsPerRequest, unit: 'ms' });
    if (t.errors) process.exitCode = 1;
  }
  details.B4 = { targets };
}

// ---- table ------------------------------------------------------------------------------------

function formatValue(f: Figure): string {
  switch (f.unit) {
    case 'ms':
      return `${f.value < 10 ? f.value.toFixed(2) : f.value.toFixed(0)} ms`;
    case 's':
      return `${f.value.toFixed(1)} s`;
    case 'MiB':
      return `${f.value.toFixed(0)} MiB`;
    case 'rows':
      return Math.round(f.value).toLocaleString('en');
    case 'x':
      return `${f.value.toFixed(2)}×`;
    default:
      return String(f.value);
  }
}
const formatTarget = (f: Figure) =>
  f.target === undefined ? '—' : `≤ ${f.unit === 'x' ? `${f.target}×` : formatValue({ ...f, value: f.target })}`;

function printTable(): void {
  const rows = figures.map((f) => {
    const ratio = f.target === undefined ? undefined : f.value / f.target;
    return [f.benchmark, f.figure, formatValue(f), formatTarget(f), ratio === undefined ? '—' : ratio.toFixed(2), ratio === undefined ? 'info' : ratio <= 1 ? 'pass' : 'FAIL'];
  });
  const head = ['benchmark', 'figure', 'value', 'target', 'ratio', 'pass/fail'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  console.log('');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('ratio = value / target (≤ 1 passes)');
  for (const n of notes) console.log(`note: ${n}`);
  const b1 = details.B1 as { medianPhases: PhaseFigures } | undefined;
  if (b1) printPhases('B1 by phase (median of the runs):', b1.medianPhases, 's');
  const b2 = details.B2 as Record<string, { medianPhases: PhaseFigures }> | undefined;
  if (b2) printPhases('B2 full size by phase (median per cycle):', b2.full.medianPhases, 'ms');
}

// ---- B6 ---------------------------------------------------------------------------------------

/** A fresh database with the sample network POLYNOMIAL, as `npm start` loads it. */
function sampleDatabase(label: string): string {
  const file = tempFile(label);
  const made = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'prepare-db.ts')], {
    cwd: root,
    env: { ...process.env, DIRSYNC_ROOT: root, DIRSYNC_DB: file, DIRSYNC_EMPTY: '0', DIRSYNC_STORY: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (made.status !== 0) throw new Error(`${label}: could not prepare the sample database`);
  return file;
}

function runB6(): void {
  const runs = quick ? 5 : 20;
  say(`B6: dirsync po list cold start against node -e 0, alternated, ${runs} pairs`);
  const file = sampleDatabase('b6');
  const r = runColdStart(root, file, runs);
  removeDb(file);
  figures.push(
    { benchmark: 'B6', figure: `bin/dirsync.mjs po list / node -e 0 (median of ${runs} pairs; ${r.binMs.toFixed(0)} ms vs ${r.nodeMs.toFixed(0)} ms)`, value: r.binRatio, unit: 'x', target: 2 },
    { benchmark: 'B6', figure: `npx dirsync po list / node -e 0 (npm's own start-up included; ${r.npxMs.toFixed(0)} ms)`, value: r.npxRatio, unit: 'x' },
  );
  details.B6 = r;
}

// ---- B7 ---------------------------------------------------------------------------------------

/** B7 (issue 14, item 10): every view's first look in Chromium, the user's action to rows visible, on the three paths a user takes (bench/b7-first-load.ts). */
function runB7(): void {
  const loads = quick ? 3 : 10;
  say(`B7: every view's first look in Chromium (after sign-in, by a click, by address; a new browser and session each), ${loads} looks a view on each path`);
  const file = sampleDatabase('b7');
  const out = path.join(work, `result-${++serial}.json`);
  let views: B7View[];
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'b7-first-load.ts'), JSON.stringify({ out, file, loads })], {
      cwd: root,
      env: { ...process.env, DIRSYNC_ROOT: root },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench B7 failed (exit ${r.status ?? r.signal})`);
    views = (JSON.parse(fs.readFileSync(out, 'utf8')) as { views: B7View[] }).views;
  } finally {
    removeDb(file);
    fs.rmSync(out, { force: true });
  }
  for (const v of views) {
    if (v.error) {
      notes.push(`B7: ${v.label} (${v.url}) failed: ${v.error}`);
      process.exitCode = 1;
      continue;
    }
    const looks = [...v.signIn, ...v.click, ...v.address];
    const where = `server ${median(v.ttfb).toFixed(0)} ms, parsed ${median(v.dcl).toFixed(0)} ms, load ${median(v.loaded).toFixed(0)} ms`;
    figures.push(
      { benchmark: 'B7', figure: `${v.label}: first look after sign-in, median of ${v.signIn.length}`, value: median(v.signIn), unit: 'ms', target: 500 },
      { benchmark: 'B7', figure: `${v.label}: first look by a click, median of ${v.click.length}`, value: median(v.click), unit: 'ms', target: 500 },
      { benchmark: 'B7', figure: `${v.label}: first look by address, median of ${v.address.length}`, value: median(v.address), unit: 'ms', target: 500 },
      { benchmark: 'B7', figure: `${v.label}: first looks, p95 of all ${looks.length}`, value: percentile(looks, 0.95), unit: 'ms', target: 500 },
      { benchmark: 'B7', figure: `${v.label}: a full load in an empty browser holding a session, median of ${v.empty.length} (${where}; information)`, value: median(v.empty), unit: 'ms' },
    );
  }
  details.B7 = { views };
}

// ---- B8 ---------------------------------------------------------------------------------------

interface B8Result {
  wallMs: number;
  simulatedDays: number;
  lines: number;
  ranT2: number;
  rowsWritten: number;
  events: number;
}

function runB8(): void {
  const runs = quick ? 1 : 5;
  say(`B8: the sample network under Dispatch for 7 simulated days; ${runs} run(s)`);
  const results: B8Result[] = [];
  for (let k = 0; k < runs; k++) {
    const file = sampleDatabase('b8');
    results.push(child<B8Result>({ kind: 'b8', file, days: 7 }));
    removeDb(file);
  }
  const wall = median(results.map((r) => r.wallMs)) / 1000;
  const r = results[0];
  figures.push(
    { benchmark: 'B8', figure: `7 simulated days under Dispatch, wall time (median of ${runs}; ${r.ranT2} T2, ${r.lines} steps, ${r.rowsWritten} rows, ${r.events} events)`, value: wall, unit: 's', target: 1 },
    { benchmark: 'B8', figure: 'simulated days per wall second (target ≥ 7: the figure above ≤ 1 s)', value: 7 / wall, unit: 'x' },
  );
  details.B8 = { runs: results };
}

// ---- B10 --------------------------------------------------------------------------------------

/**
 * B10 (issue 9): the Resync Wizard's walk on B5's network. Each step kind is timed through the
 * wizard, and on an identical network as the same engine verb called in-process (the strict
 * comparison: the wizard's own check and bookkeeping show as the difference), and as the
 * `dirsync` command a user would type for it (whole process, as the issue's target reads).
 */
function runB10(): void {
  const shape = B9_SHAPE;
  say(`B10: the Resync Wizard's walk (MS Mail DSS → ${shape.pos - 1} requestors, ${shape.pos * shape.perPo} addresses) against the engine verbs and the command line`);
  const wizardFile = tempFile('b10-wizard');
  const verbsFile = tempFile('b10-verbs');
  try {
    const wizard = child<{ via: string; times: Record<string, number[]> }>({ kind: 'b10', file: wizardFile, shape, via: 'wizard' });
    const verbs = child<{ via: string; times: Record<string, number[]> }>({ kind: 'b10', file: verbsFile, shape, via: 'verbs' });
    // The same steps again as commands, on the verbs' network (its requestors now import the file a second time).
    const dss = poSpec(0);
    const cli: Record<string, number[]> = {};
    const command = (code: string, ...args: string[]) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [path.join(root, 'bin', 'dirsync.mjs'), ...args, '--db', verbsFile], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      if (r.status !== 0) throw new Error(`B10: dirsync ${args.join(' ')} failed: ${r.stderr}`);
      (cli[code] ??= []).push(performance.now() - t0);
    };
    for (let k = 0; k < (quick ? 3 : 5); k++) {
      const req = poSpec(k + 1);
      command('extract', 'import', 'admin', `-p${BENCH_ADMIN_PASSWORD}`, `-d${dss}`, '-s', '-y');
      command('copy', 'file', 'copy', dss, req, 'RESYNC.GLB');
      command('deleteFromDss', 'file', 'delete', dss, 'RESYNC.GLB');
      command('import', 'import', 'admin', `-p${BENCH_ADMIN_PASSWORD}`, `-d${req}`, '-q', '-y');
      command('rebuild', 'rebuild', '-f', `-d${req}`);
    }
    for (const code of Object.keys(verbs.times)) {
      const w = median(wizard.times[code] ?? []);
      const v = median(verbs.times[code]);
      const c = median(cli[code] ?? []);
      figures.push(
        { benchmark: 'B10', figure: `"${code}": wizard step / dirsync command (${w.toFixed(1)} ms vs ${c.toFixed(0)} ms, whole process)`, value: w / c, unit: 'x', target: 1.5 },
        { benchmark: 'B10', figure: `"${code}": wizard step / the verb in-process (${w.toFixed(1)} ms vs ${v.toFixed(1)} ms; check and bookkeeping)`, value: w / v, unit: 'x' },
      );
    }
    details.B10 = { shape, wizard: wizard.times, verbs: verbs.times, cli };
  } finally {
    removeDb(wizardFile);
    removeDb(verbsFile);
  }
}

// ---- reliability (docs/benchmarks.md: ≥ 50 SIGKILLs, ≥ 10,000 mutated RESYNC.GLB files) ----------------

function runReliability(): void {
  const [kills, mutations] = quick ? [5, 1000] : [50, 10_000];
  say(`R: ${kills} SIGKILLs of a process running cycles, then convergence; ${mutations} mutated RESYNC.GLB files`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'reliability.ts'), '--kills', String(kills), '--mutations', String(mutations)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  notes.push(`reliability (${kills} kills, ${mutations} mutations): ${r.status === 0 ? 'passed' : 'FAILED'}`);
  if (r.status !== 0) process.exitCode = 1;
}

// ---- B11 --------------------------------------------------------------------------------------

/**
 * B11 (issue 13): Run History's first page of a filter over 1,000,000 runs (p95 ≤ 20 ms, each filter;
 * ratio to the same query as raw SQL in the same run), and Health on B1's converged network
 * (≤ 100 ms), also with an import held by the delete guard. bench/b11-history-health.ts.
 */
function runB11(): void {
  say(`B11: Run History over ${B11_ROWS.toLocaleString('en')} runs (${B11_RUNS} pages per filter); Health on B1's network (${B1_SHAPE.pos}×${B1_SHAPE.perPo} + Exchange ${B1_SHAPE.exchange})`);
  const historyFile = tempFile('b11-history');
  const healthFile = tempFile('b11-health');
  const out = path.join(work, `result-${++serial}.json`);
  let r: B11Result;
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(benchDir, 'b11-history-health.ts'), JSON.stringify({ out, historyFile, healthFile, rows: B11_ROWS, runs: B11_RUNS, shape: B1_SHAPE })],
      { cwd: root, env: { ...process.env, DIRSYNC_ROOT: root }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`bench B11 failed (exit ${run.status ?? run.signal})`);
    r = JSON.parse(fs.readFileSync(out, 'utf8')) as B11Result;
  } finally {
    removeDb(historyFile);
    removeDb(healthFile);
    fs.rmSync(out, { force: true });
  }
  const judged = quick ? undefined : 20;
  for (const f of r.filters) {
    figures.push(
      { benchmark: 'B11', figure: `Run History first page, ${f.label}: p95 (p50 ${f.libP50.toFixed(2)} ms, ${B11_RUNS} runs)`, value: f.libP95, unit: 'ms', target: judged },
      { benchmark: 'B11', figure: `  ${f.label}: p95 / raw SQL p95 (${f.rawP95.toFixed(2)} ms)`, value: f.libP95 / f.rawP95, unit: 'x' },
    );
  }
  const h = r.health;
  figures.push(
    { benchmark: 'B11', figure: `Health on B1's network, ${h.requestors} requestors: p50 (${B11_RUNS} runs; first ${h.firstMs.toFixed(1)} ms)`, value: h.p50, unit: 'ms', target: quick ? undefined : 100 },
    { benchmark: 'B11', figure: 'Health: p95', value: h.p95, unit: 'ms', target: quick ? undefined : 100 },
    { benchmark: 'B11', figure: 'Health with an import held by the delete guard: p50', value: h.heldP50, unit: 'ms', target: quick ? undefined : 100 },
    { benchmark: 'B11', figure: 'Health held / Health converged (p50)', value: h.heldP50 / h.p50, unit: 'x' },
  );
  if (quick) notes.push('B11 --quick: the 20 ms and 100 ms targets are for 1,000,000 runs and B1 at full size, and are not judged');
  details.B11 = r;
}

// ---- main -------------------------------------------------------------------------------------

const started = new Date();
say(`dirsync benchmarks${quick ? ' (--quick: one tenth sizes, one run)' : ''}: ${[...only].join(', ')}; ${os.cpus().length} CPUs, node ${process.version}`);
try {
  if (only.has('B1')) runB1();
  if (only.has('B1S')) runB1S();
  if (only.has('B2')) runB2();
  if (only.has('B3')) runB3();
  if (only.has('B4')) runB4();
  if (only.has('B5')) runB5();
  if (only.has('B6')) runB6();
  if (only.has('B7')) runB7();
  if (only.has('B8')) runB8();
  if (only.has('B9')) runB9();
  if (only.has('B10')) runB10();
  if (only.has('B11')) runB11();
  if (only.has('TOPO')) runTopology();
  if (only.has('R')) runReliability();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
printTable();
const results = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  quick,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.platform()} ${os.release()}` },
  figures: figures.map((f) => ({ ...f, ratio: f.target === undefined ? null : f.value / f.target, pass: f.target === undefined ? null : f.value <= f.target })),
  notes,
  details,
};
fs.writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), path.join(benchDir, 'results.json'))}`);
