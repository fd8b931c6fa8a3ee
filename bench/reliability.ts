/**
 * The reliability part of the benchmark suite (docs/benchmarks.md), too long for `npm test`:
 * at least 50 SIGKILLs of a process running cycles, then convergence; and at least 10,000 mutated
 * RESYNC.GLB files, each decoding or giving Fatal 14 — nothing else. `tsx bench/reliability.ts
 * [--kills n] [--mutations n]`. Exits 1 when a check fails; prints what it did.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { DirsyncError } from '@/lib/core/errors';
import { decodeResyncGlb, encodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { convergenceProblems, fullCycle, invariantProblems, networkOf, runCrashScenario, seededRandom } from '../test/fixtures/crash-worker';

const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};

async function crashes(kills: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-reliability-'));
  const file = path.join(dir, 'dirsync.db');
  try {
    const setup = openDatabase(file);
    loadSampleNetwork(setup);
    setup.$client.close();
    const t0 = performance.now();
    await runCrashScenario(file, { kills, seed: 5355 });
    const db = openDatabase(file);
    try {
      const problems = [...invariantProblems(db)];
      if (db.$client.pragma('integrity_check', { simple: true }) !== 'ok') problems.push('integrity_check failed');
      const net = networkOf(db);
      fullCycle(db, net);
      fullCycle(db, net);
      problems.push(...convergenceProblems(db));
      console.log(`crash: ${kills} SIGKILLs in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${problems.length ? 'FAILED' : 'converged, nothing lost or doubled'}`);
      return problems;
    } finally {
      db.$client.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function mutations(count: number): string[] {
  const random = seededRandom(4395);
  const stamp = Date.UTC(1994, 1, 26);
  const valid = encodeResyncGlb({
    impSeq: 3, reqSeq: 17, srvSeq: 80, createdAt: stamp, dss: 'POLY/MONT',
    records: Array.from({ length: 40 }, (_, k) => ({ stamp, sync: k + 1, text: k % 10 === 0 ? `R PCM:POLY/PO${k}` : `A User ${k}\tPCM:POLY/PO${k - (k % 10)}/U${k}` })),
  });
  const problems: string[] = [];
  let refused = 0;
  for (let n = 0; n < count; n++) {
    let bytes = new Uint8Array(valid);
    for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
      const at = Math.floor(random() * bytes.length);
      const kind = Math.floor(random() * 4);
      if (kind === 0) bytes[at] ^= 1 << Math.floor(random() * 8);
      else if (kind === 1) bytes = bytes.slice(0, at);
      else if (kind === 2) bytes = new Uint8Array([...bytes.slice(0, at), Math.floor(random() * 256), ...bytes.slice(at)]);
      else if (at + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(at, Math.floor(random() * 2 ** 32), true);
    }
    try {
      decodeResyncGlb(bytes);
    } catch (e) {
      if (e instanceof DirsyncError && e.number === 14) refused++;
      else problems.push(`mutation ${n}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`RESYNC.GLB: ${count} mutated files, ${refused} refused with Fatal 14, ${count - refused - problems.length} still valid, ${problems.length} other outcomes`);
  return problems;
}

const problems = [...(await crashes(arg('kills', 50))), ...mutations(arg('mutations', 10_000))];
for (const p of problems) console.error(p);
process.exitCode = problems.length ? 1 : 0;
