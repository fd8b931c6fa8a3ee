/**
 * What the least possible run history would cost (issue 13's 5 % bar), with
 * bench/proposals/recording-floor.patch applied: on a converged network, one-change cycles taking
 * turns recorded and not recorded, N of each, for each way of recording —
 *   full        the run history as it is;
 *   bookkeeping the step's frame, clock reads and notes, but no row;
 *   bare-row    the same and a row of one integer in a table of its own (no index, no batch).
 * Prints the median CPU time a cycle each way and their ratio.
 *
 * Usage: PER=2000 EXCH=10000 N=120 npx tsx bench/recording-floor.ts full bookkeeping bare-row full
 * (the first run builds the converged network under /tmp, ~2 minutes at full size).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@/db/client';
import { modifyMailbox } from '@/lib/dirsync/modify-mailbox';
import { requestExport } from '@/lib/dirsync/request-export';
import { withoutRunHistory } from '@/lib/history/record-run';
import { fullName, mailboxName, poSpec } from './lib/names';
import { buildNetwork, cpuMs, exportExchange, fullCycle, PhaseTimer } from './lib/network';

const shape = { pos: 50, perPo: Number(process.env.PER ?? 2000), exchange: Number(process.env.EXCH ?? 10000) };
const N = Number(process.env.N ?? 120);
const base = path.join(os.tmpdir(), `recording-floor-${shape.perPo}.db`);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

if (process.argv[2] === '--one') {
  const file = path.join(os.tmpdir(), 'recording-floor-run.db');
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  fs.copyFileSync(base, file);
  const db = openDatabase(file);
  db.$client.exec('create table if not exists run_floor (id integer primary key)');
  fullCycle(db, shape, new PhaseTimer(db)); // warm: statements and pages
  const on: number[] = [];
  const off: number[] = [];
  for (let k = 0; k < 2 * N; k++) {
    const recorded = k % 2 === (k >> 1) % 2; // on, off, off, on, …: neither way always goes first
    const p = (3 + 7 * k) % shape.pos;
    const i = (11 + 37 * k) % shape.perPo;
    modifyMailbox(db, poSpec(p), mailboxName(i), { fullName: `Changed ${k} ${fullName(p, i)}`.slice(0, 30) });
    const c0 = cpuMs();
    if (recorded) fullCycle(db, shape, new PhaseTimer(db));
    else withoutRunHistory(db, () => fullCycle(db, shape, new PhaseTimer(db)));
    (recorded ? on : off).push(cpuMs() - c0);
  }
  console.log(`${process.env.DIRSYNC_RECORDING_FLOOR || 'full'}: ${median(on).toFixed(1)} vs ${median(off).toFixed(1)} ms CPU a cycle, ${(median(on) / median(off)).toFixed(3)}×`);
  db.$client.close();
} else {
  const patched = fs.readFileSync(fileURLToPath(new URL('../lib/history/record-run.ts', import.meta.url)), 'utf8').includes('DIRSYNC_RECORDING_FLOOR');
  if (!patched && process.argv.slice(2).some((way) => way !== 'full')) {
    console.error('bookkeeping and bare-row need the engine patched: git apply bench/proposals/recording-floor.patch (and git apply -R after)');
    process.exit(2);
  }
  if (!fs.existsSync(base)) {
    buildNetwork(base, shape);
    const db = openDatabase(base);
    for (let p = 0; p < shape.pos; p++) requestExport(db, poSpec(p));
    exportExchange(db, shape);
    fullCycle(db, shape, new PhaseTimer(db));
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
  }
  // Each way in a process of its own, so one's heap and statement cache do not carry into the next.
  for (const way of process.argv.slice(2)) {
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one'], {
      stdio: 'inherit',
      env: { ...process.env, DIRSYNC_RECORDING_FLOOR: way === 'full' ? '' : way },
    });
  }
}
