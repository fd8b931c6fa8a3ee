/**
 * B6 (docs/benchmarks.md): the `dirsync` command's cold start, whole process, against a bare `node -e 0`,
 * alternated run by run so drift on a shared machine hits both alike. The command is
 * `dirsync po list` on a migrated sample database, started as a user starts it: through the bin
 * (the prebuilt bundle) and through `npx dirsync`. The ratio is taken pair by pair; its median is
 * the figure.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface B6Result {
  runs: number;
  nodeMs: number;
  binMs: number;
  npxMs: number;
  binRatio: number;
  npxRatio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`B6: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}): ${r.stderr}`);
  return ms;
}

export function runColdStart(root: string, database: string, runs: number): B6Result {
  const env = { ...process.env, DIRSYNC_DB: database };
  const bin = path.join(root, 'bin', 'dirsync.mjs');
  const npx = path.join(path.dirname(process.execPath), 'npx');
  // First runs build the bundle if needed and warm the file cache; not counted.
  timed(process.execPath, [bin, 'po', 'list'], env, root);
  timed(npx, ['--no-install', 'dirsync', 'po', 'list'], env, root);
  const node: number[] = [];
  const binMs: number[] = [];
  const npxMs: number[] = [];
  const binRatio: number[] = [];
  const npxRatio: number[] = [];
  for (let k = 0; k < runs; k++) {
    const a = timed(process.execPath, ['-e', '0'], env, root);
    const b = timed(process.execPath, [bin, 'po', 'list'], env, root);
    const c = timed(npx, ['--no-install', 'dirsync', 'po', 'list'], env, root);
    node.push(a);
    binMs.push(b);
    npxMs.push(c);
    binRatio.push(b / a);
    npxRatio.push(c / a);
  }
  return { runs, nodeMs: median(node), binMs: median(binMs), npxMs: median(npxMs), binRatio: median(binRatio), npxRatio: median(npxRatio) };
}
