/**
 * B4 (docs/benchmarks.md): `next start` on loopback, 20 concurrent clients for 20 s against the
 * Connections list, a property sheet and the Event Viewer's first page, each signed in; requests/s
 * and p50/p95 latency, with the ratio of p95 to a static file of the same app served the same way.
 * The server is the one `npm start` runs (scripts/serve.mjs: Next's handler, one process per core,
 * unchanged pages answered from its page cache); two last rows show the Connections list rendered
 * on every request (no page cache) by all processes and by one, for comparison.
 * Usage: `node --import tsx bench/b4-http.ts '<{"out","file","seconds","clients"}>'` (bench/run.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { createAccount } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { logEvent } from '@/lib/exchange/events/log-event';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { step } from '@/lib/core/statements';
import { setNow, now } from '@/lib/core/clock';

export interface B4Target {
  label: string;
  url: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** A row for comparison, not measured against the target. */
  information?: boolean;
}

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const input = JSON.parse(process.argv[2]) as { out: string; file: string; seconds: number; clients: number };
const PORT = 3190;
const DIST = '.next-bench';
const log = (t: string) => process.stderr.write(`    ${t}\n`);

/** The sample network, a session per client of one Admin, and an Application log of 10,000 PC MTA and DX events. */
function prepare(): string[] {
  const db = openDatabase(input.file);
  loadSampleNetwork(db);
  const admin = createAccount(db, { name: 'bench', password: 'bench password', role: 'admin' }, { firstRun: true });
  const server = resolveServer(db, 'EXCH01');
  db.$client.prepare("update diagnostics_level set level = 5, effective_level = 5 where server_id = ?").run(server.id);
  db.$client.prepare("update event_log_settings set max_kb = 65536 where computer = 'EXCH01'").run();
  step(db, () => {
    const t0 = now(db);
    for (let k = 0; k < 10_000; k++) {
      setNow(db, t0 + k * 1000);
      const sent = k % 2 === 0;
      logEvent(db, server, {
        service: 'MSExchangePCMTA',
        source: 'Microsoft PC MTA',
        category: sent ? 'Sent' : 'Moved In',
        eventId: sent ? 4395 : 4355,
        type: 'Information',
        significance: 5,
        description: `${sent ? 'Mail sent from \\\\EXCH01\\MAILDAT$' : 'Mail received on \\\\FS-MONTGOMERY\\MAILDATA'}\nFROM: POLYNOMIAL/HQ/SYSTEM1\nTO: POLYNOMIAL/MONTGOMERY/$SYSTEM\nMessage ID: ${k.toString(16).padStart(8, '0').toUpperCase()}`,
      });
    }
  });
  // One session per client: 20 administrators, not one refreshing 20 times.
  const tokens = Array.from({ length: input.clients }, () => createSession(db, admin.id).token);
  db.$client.close();
  return tokens;
}

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
function build(): void {
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

/** The console's server as `npm start` runs it (scripts/serve.mjs), with `processes` workers, with or without its page cache. */
async function startServer(file: string, processes: number, pageCache = true): Promise<() => void> {
  const server = spawn('node', ['scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: DIST, DIRSYNC_DB: file, NEXT_TELEMETRY_DISABLED: '1', WEB_CONCURRENCY: String(processes), DIRSYNC_PAGE_CACHE: pageCache ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  await waitReady(`http://127.0.0.1:${PORT}/robots.txt`);
  return () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
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

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? NaN;
};

/** Keep-alive connections, one per client, like browsers that stay on the page. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One GET on a kept-alive connection: node:http rather than fetch, whose own CPU cost per request
 * would be taken from the server on this 2-core machine. Asks for gzip as a browser does.
 */
function get(url: string, cookie: string): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve({ ms: performance.now() - t, ok: response.statusCode === 200 }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** `clients` loops, each issuing the next request when the last one finished, for `seconds`. */
async function load(label: string, url: string, cookies: string[]): Promise<B4Target> {
  const hit = (client = 0) => get(url, cookies[client % cookies.length]);
  for (let k = 0; k < 10; k++) await hit(k); // warm: compile caches, statement caches
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + input.seconds * 1000;
  await Promise.all(
    Array.from({ length: input.clients }, async (_, client) => {
      while (performance.now() < end) {
        const r = await hit(client);
        if (r.ok) times.push(r.ms);
        else errors++;
      }
    }),
  );
  log(`${label}: ${times.length} requests, ${errors} errors, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
  return { label, url, requests: times.length, errors, seconds: input.seconds, p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
}

/**
 * Run `measure` while another connection logs a PC MTA event every second, as a running network
 * does: every commit makes the server render each session's page anew.
 */
async function whileLogging<T>(measure: () => Promise<T>): Promise<T> {
  const db = openDatabase(input.file);
  const server = resolveServer(db, 'EXCH01');
  let k = 0;
  const timer = setInterval(() => {
    step(db, () => logEvent(db, server, { service: 'MSExchangePCMTA', source: 'Microsoft PC MTA', category: 'Sent', eventId: 4395, type: 'Information', significance: 5, description: `Mail sent while measuring (${++k})` }));
  }, 1000);
  try {
    return await measure();
  } finally {
    clearInterval(timer);
    db.$client.close();
  }
}

async function main(): Promise<void> {
  const tokens = prepare();
  build();
  const base = `http://127.0.0.1:${PORT}`;
  const cookie = tokens.map((t) => `dirsync_session=${t}`);
  const targets: B4Target[] = [];
  let stop = await startServer(input.file, os.availableParallelism());
  try {
    targets.push(await load('static file (/robots.txt)', `${base}/robots.txt`, cookie));
    targets.push(await load('Connections list', `${base}/exchange/EXCH01/connections`, cookie));
    targets.push(await load('property sheet (MS Mail Connector, General)', `${base}/exchange/EXCH01/connector/general`, cookie));
    targets.push(await load('Event Viewer, first page (10,000 events)', `${base}/exchange/EXCH01/events`, cookie));
    targets.push({ ...(await whileLogging(() => load('Event Viewer, an event logged every second', `${base}/exchange/EXCH01/events`, cookie))), information: true });
  } finally {
    stop();
  }
  // For comparison: every page rendered anew (no page cache), by all processes and by one.
  for (const [processes, label] of [
    [os.availableParallelism(), `Connections list, rendered every time (${os.availableParallelism()} processes, no page cache)`],
    [1, 'Connections list, rendered every time (one process, no page cache)'],
  ] as const) {
    await new Promise((r) => setTimeout(r, 500));
    stop = await startServer(input.file, processes, false);
    try {
      targets.push({ ...(await load(label, `${base}/exchange/EXCH01/connections`, cookie)), information: true });
    } finally {
      stop();
    }
  }
  fs.writeFileSync(input.out, JSON.stringify({ targets }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
