/**
 * The console's production server: Next's own request handler (what `next start` runs), in one
 * process per core. One Node process renders one page at a time, and a page of this console costs
 * ~7–12 ms of CPU however little it shows (docs/benchmarks.md, B4), so 20 administrators at once
 * queue behind each other on one core. SQLite in WAL mode lets the processes share the database:
 * every engine step is one transaction, and schedules and the clock live in the database, not in a
 * process.
 *
 * Unchanged pages are answered from a per-session cache until the database changes
 * (scripts/page-cache.mjs; DIRSYNC_PAGE_CACHE=0 turns it off).
 *
 * It listens on 127.0.0.1 only, unless `-H` or `HOST` names another address (e.g. HOST=0.0.0.0 to
 * serve the network: then set DIRSYNC_ALLOWED_ORIGINS to the names browsers use, README).
 *
 * Every request gets the client address its socket came from in `x-dirsync-client-address`
 * (overwriting any such header a client sent): sign-in throttling keys on it. `X-Forwarded-Host`
 * and `X-Forwarded-For` are dropped, since any client can send them, unless DIRSYNC_TRUST_PROXY=1
 * says a reverse proxy in front sets them (then the address is the last X-Forwarded-For entry).
 *
 * Usage: node scripts/serve.mjs [-H host] [-p port]   (HOST, PORT, WEB_CONCURRENCY from the environment)
 */
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { withPageCache } from './page-cache.mjs';
import { serveOptions, withClientAddress } from './serve-options.mjs';

/**
 * A counter that moves whenever anyone commits to the database (PRAGMA data_version on a
 * read-only connection of its own): what the page cache checks before answering from memory.
 * The file is the one the console opens (db/client.ts databasePath).
 */
async function databaseVersion() {
  const { default: Database } = await import('better-sqlite3');
  const file = process.env.DIRSYNC_DB ?? path.join(process.env.DIRSYNC_ROOT ?? process.cwd(), 'data', 'dirsync.db');
  const watcher = new Database(file, { readonly: true, fileMustExist: true });
  const read = watcher.prepare('pragma data_version').pluck();
  return () => read.get();
}

const { hostname, port } = serveOptions(process.argv.slice(2), process.env);
// The proxy allows changes from the loopback names on this port only (lib/auth/origins.ts).
process.env.DIRSYNC_PORT = String(port);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let k = 0; k < workers; k++) cluster.fork();
  // A worker that dies is replaced: the others keep serving meanwhile.
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`console worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  // What `next start` sets: React and Next run their production builds.
  process.env.NODE_ENV = 'production';
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer(
    withClientAddress(process.env.DIRSYNC_TRUST_PROXY === '1', process.env.DIRSYNC_PAGE_CACHE === '0' ? (req, res) => handle(req, res) : withPageCache(handle, { version: await databaseVersion() })),
  );
  server.listen(port, hostname, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Dirsync Console ready on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port} (${workers} process${workers === 1 ? '' : 'es'})`);
  });
  // Without the primary there is nobody to hand out connections: end with it.
  process.on('disconnect', () => process.exit(0));
}
