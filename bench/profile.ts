/**
 * Where the time of a B1 or B2 cycle goes, statement by statement: `tsx bench/profile.ts
 * [--per 200] [--pos 50] [--b2 3]`. Builds a network in a temporary file, times every prepared
 * statement the engine runs (calls, total, µs per call) during Export + one full cycle (and, with
 * --b2 n, n one-change cycles after it), and prints each hot statement's EXPLAIN QUERY PLAN.
 * With --b5: the B5 path instead (resyncExtract, then import -q of the copy on a requestor, twice).
 * Experiments: --cache <MiB> (page cache), --autocheckpoint <pages> (WAL checkpoint threshold).
 * Not part of `npm run bench`; a tool for finding the cause when a target is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '@/db/client';
import { modifyMailbox } from '@/lib/dirsync/modify-mailbox';
import { requestExport } from '@/lib/dirsync/request-export';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { readStoredFile, writeStoredFile } from '@/lib/dirsync/stored-files';
import { address, fullName, mailboxName, poSpec } from './lib/names';
import { buildNetwork, createPostoffices, fullCycle, PhaseTimer, registerAll, type Shape } from './lib/network';

const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const shape: Shape = { pos: arg('pos', 50), perPo: arg('per', 200) };
const b2Cycles = arg('b2', 0);
const b5 = process.argv.includes('--b5');
/** `--cache <MiB>`: try a larger SQLite page cache than the engine's (an experiment, not the engine's setting). */
const cacheMiB = arg('cache', 0);
/** `--autocheckpoint <pages>`: try another WAL auto-checkpoint threshold (0 = none during the run). */
const autocheckpoint = arg('autocheckpoint', -1);
const withPragmas = (db: Db) => {
  if (cacheMiB > 0) db.$client.pragma(`cache_size = -${cacheMiB * 1024}`);
  if (autocheckpoint >= 0) db.$client.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  return db;
};

interface Stat {
  calls: number;
  ms: number;
  rows: number;
}
const stats = new Map<string, Stat>();
let recording = true;

/** Wrap the connection's prepare so every statement the engine caches reports its time. */
function instrument(db: Db): void {
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  (client as { prepare: unknown }).prepare = (sql: string) => {
    const s = prepare(sql);
    const timed = (method: 'run' | 'get' | 'all') => {
      const original = (s[method] as (...a: unknown[]) => unknown).bind(s);
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const out = original(...args);
        const ms = performance.now() - t0;
        if (recording) {
          const st = stats.get(sql) ?? { calls: 0, ms: 0, rows: 0 };
          st.calls += 1;
          st.ms += ms;
          if (method === 'run') st.rows += (out as Database.RunResult).changes;
          else if (method === 'all') st.rows += (out as unknown[]).length;
          stats.set(sql, st);
        }
        return out;
      };
    };
    return Object.assign(s, { run: timed('run'), get: timed('get'), all: timed('all') });
  };
}

function report(title: string, phases: PhaseTimer['phases'], client: Database.Database): void {
  console.log(`\n== ${title}`);
  const u = process.resourceUsage();
  console.log(`process so far: user ${(u.userCPUTime / 1e6).toFixed(1)} s, system ${(u.systemCPUTime / 1e6).toFixed(1)} s, peak RSS ${(u.maxRSS / 1024).toFixed(0)} MiB`);
  for (const [name, p] of Object.entries(phases)) {
    console.log(`${name.padEnd(30)} ${p.ms.toFixed(1).padStart(10)} ms wall ${p.cpuMs.toFixed(0).padStart(8)} ms CPU ${String(p.rows).padStart(10)} rows`);
  }
  const top = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  const total = [...stats.values()].reduce((s, v) => s + v.ms, 0);
  console.log(`\nstatements: ${total.toFixed(0)} ms in total; the 15 costliest:`);
  for (const [sql, s] of top) {
    console.log(
      `${s.ms.toFixed(0).padStart(8)} ms ${String(s.calls).padStart(9)} calls ${((s.ms * 1000) / s.calls).toFixed(1).padStart(8)} µs/call ${String(s.rows).padStart(9)} rows  ${sql.replace(/\s+/g, ' ').slice(0, 150)}`,
    );
    if (/^\s*(select|update|delete|insert)/i.test(sql) && !/returning/i.test(sql)) {
      try {
        const plan = client.prepare(`explain query plan ${sql}`).all(...new Array(countParams(sql)).fill(0)) as { detail: string }[];
        for (const p of plan) console.log(`${' '.repeat(20)}plan: ${p.detail}`);
      } catch {
        /* a plan needing typed parameters: skip */
      }
    }
  }
  stats.clear();
}

const countParams = (sql: string) => (sql.match(/\?/g) ?? []).length;

function profileB5(file: string): void {
  const db = withPragmas(openDatabase(file));
  createPostoffices(db, shape);
  registerAll(db, shape);
  const dssId = (db.$client.prepare("select id from postoffice where name = 'PO01'").get() as { id: number }).id;
  const insert = db.$client.prepare(
    'insert into master_entry (dss_po_id, origin, list_key, address_key, full_name, address, template) values (?, ?, ?, ?, ?, ?, ?)',
  );
  db.$client.transaction(() => {
    for (let p = 0; p < shape.pos; p++) {
      for (let i = 0; i < shape.perPo; i++) insert.run(dssId, poSpec(p), `PCM:${poSpec(p)}`, address(p, i).toUpperCase(), fullName(p, i), address(p, i), '');
    }
  })();
  instrument(db);
  for (const round of ['empty lists', 'over full lists']) {
    const timer = new PhaseTimer(db);
    timer.run('generate (resyncExtract)', () => resyncExtract(db, poSpec(0)));
    const bytes = readStoredFile(db, poSpec(0), 'RESYNC.GLB')!;
    timer.run('copy (writeStoredFile)', () => writeStoredFile(db, poSpec(1), 'RESYNC.GLB', bytes));
    timer.run('validate + apply (import -q)', () => importSrvtrans(db, poSpec(1)));
    timer.run('rebuild -f', () => rebuildGal(db, poSpec(1)));
    report(`B5 ${round}: ${shape.pos * shape.perPo} addresses`, timer.phases, db.$client);
  }
  db.$client.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-profile-'));
const file = path.join(dir, 'dirsync.db');
function profileCycles(file: string): void {
  console.log(`building ${shape.pos} × ${shape.perPo} in ${file}`);
  buildNetwork(file, shape);
  const db = withPragmas(openDatabase(file));
  instrument(db);
  const timer = new PhaseTimer(db);
  timer.run('Export (requestExport) all', () => {
    for (let p = 0; p < shape.pos; p++) requestExport(db, poSpec(p));
  });
  fullCycle(db, shape, timer);
  report('B1: Export + one full cycle', timer.phases, db.$client);
  if (b2Cycles > 0) {
    recording = false;
    fullCycle(db, shape, new PhaseTimer(db));
    recording = true;
    const t2 = new PhaseTimer(db);
    for (let k = 0; k < b2Cycles; k++) {
      const p = (3 + 7 * k) % shape.pos;
      const i = (11 + 37 * k) % shape.perPo;
      modifyMailbox(db, poSpec(p), mailboxName(i), { fullName: `Changed ${k} ${fullName(p, i)}`.slice(0, 30) });
      fullCycle(db, shape, t2);
    }
    report(`B2: ${b2Cycles} one-change cycles (totals)`, t2.phases, db.$client);
  }
  db.$client.close();
}

try {
  if (b5) profileB5(file);
  else profileCycles(file);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
