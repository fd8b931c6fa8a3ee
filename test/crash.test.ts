import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { convergenceProblems, fullCycle, invariantProblems, networkOf, runCrashScenario } from './fixtures/crash-worker';

/**
 * docs/benchmarks.md, "Reliability" — Crash: a child process running random mailbox changes and full
 * cycles is killed with SIGKILL at random moments and restarted on the same database. Every change
 * is one transaction with its T0 REQTRANS entry and every step is one transaction, so whatever the
 * kill interrupted, two clean cycles afterwards must converge with no address lost or doubled.
 * Timing decides only where the kills land, never whether the test passes.
 *
 * "A handful" of kills here; the benchmark suite calls `runCrashScenario` with 50 or more.
 */
export const CRASH_KILLS = 8;
/** Seed of the kill delays and of the workers' changes; `CRASH_SEED=<n>` replays another run. */
export const CRASH_SEED = Number(process.env.CRASH_SEED ?? 1994);

describe('SIGKILL at random moments while cycles run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-crash-'));
  const file = path.join(dir, 'dirsync.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`converges after ${CRASH_KILLS} kills (seed ${CRASH_SEED})`, async () => {
    const setup = openDatabase(file);
    loadSampleNetwork(setup);
    setup.$client.close();

    const delays = await runCrashScenario(file, { kills: CRASH_KILLS, seed: CRASH_SEED });
    expect(delays).toHaveLength(CRASH_KILLS);

    const db = openDatabase(file);
    try {
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      // Whatever step was cut short, the state between steps is consistent.
      expect(invariantProblems(db)).toEqual([]);
      // Run history is written in each step's own transaction: every step that committed (its
      // "End process" log line is there) has its row, and no step that was cut short has one.
      const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
      expect(count("select count(*) from run_history where kind in ('T1', 'DXA T1')")).toBe(count("select count(*) from log_line where text = 'End process REQMAIN -T'"));
      expect(count("select count(*) from run_history where kind = 'T2 receive'")).toBe(count("select count(*) from log_line where text = 'End process SRVMAIN -R'"));
      expect(count("select count(*) from run_history where kind like 'T3 import%'")).toBe(count("select count(*) from log_line where text like 'End process IMPORT -Q%'"));
      expect(count("select count(*) from run_history where kind = 'T3 import'")).toBeGreaterThan(0);
      // How far the workers got depends on the machine's speed, so it is reported, not asserted.
      const { cycle } = db.$client.prepare('select cycle from srvconf').get() as { cycle: number };

      const net = networkOf(db);
      fullCycle(db, net);
      fullCycle(db, net);
      expect(convergenceProblems(db), `seed ${CRASH_SEED}, kill delays ${delays.join(', ')} ms, ${cycle} T2 cycles before the kills`).toEqual(
        [],
      );
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.$client.close();
    }
  }, 120_000);
});
