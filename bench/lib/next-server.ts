/**
 * The console's production server for the HTTP and browser benchmarks (B4, B7): `next build` into
 * its own directory (.next-bench) when a source is newer than the last build, then the server
 * `npm start` runs (scripts/serve.mjs) on loopback against a benchmark database.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
export const DIST = '.next-bench';
const log = (t: string) => process.stderr.write(`    ${t}\n`);

/** The newest modification time under the folders a build is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const dir of ['app', 'components', 'lib', 'db', 'public']) walk(path.join(root, dir));
  for (const file of ['next.config.ts', 'proxy.ts', 'package-lock.json']) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/** `next build` into .next-bench unless a build newer than every source file is there. */
export function buildNext(): void {
  const id = path.join(root, DIST, 'BUILD_ID');
  if (fs.existsSync(id) && fs.statSync(id).mtimeMs > newestSource()) return;
  log('next build (into .next-bench)…');
  // A build into another directory adds it to tsconfig.json's include list: put the file back.
  const tsconfig = path.join(root, 'tsconfig.json');
  const saved = fs.readFileSync(tsconfig, 'utf8');
  const r = spawnSync('npx', ['next', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.writeFileSync(tsconfig, saved);
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

export interface Server {
  stop: () => void;
  /** The process ids of the server: the primary and its workers. */
  pids: () => number[];
}

/** The console's server as `npm start` runs it (scripts/serve.mjs), with `processes` workers, with or without its page cache. */
export async function startServer(file: string, port: number, processes: number, pageCache = true): Promise<Server> {
  const server = spawn('node', ['scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: DIST, DIRSYNC_DB: file, NEXT_TELEMETRY_DISABLED: '1', WEB_CONCURRENCY: String(processes), DIRSYNC_PAGE_CACHE: pageCache ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  await waitReady(`http://127.0.0.1:${port}/robots.txt`);
  return {
    stop: () => {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    },
    // The primary and its workers (cluster), whose CPU is the server's; with one process the primary serves alone.
    pids: () => [server.pid!, ...spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number)],
  };
}

async function waitReady(url: string): Promise<void> {
  for (let k = 0; k < 600; k++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('next start did not answer within 60 s');
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
