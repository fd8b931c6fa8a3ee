import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { main } from '@/lib/cli/main';
import { hostFiles } from '@/lib/cli/host-files';
import { DirsyncError } from '@/lib/core/errors';

/** A fresh database file under the system temp directory, unique per call. */
export function tempDbFile(label = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dirsync-${label}-`));
  return path.join(dir, 'dirsync.db');
}

export function tempDb(label = 'test'): { db: Db; file: string } {
  const file = tempDbFile(label);
  return { db: openDatabase(file), file };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Run the `dirsync` command in-process against a database file. */
export function cli(file: string, line: string | string[]): CliResult {
  const argv = Array.isArray(line) ? line : splitLine(line);
  const out: string[] = [];
  const err: string[] = [];
  const code = main([...argv, '--db', file], { out: (t) => out.push(t), err: (t) => err.push(t) }, undefined, { files: hostFiles });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Like `cli`, but fails the test when the command does not exit 0. */
export function ok(file: string, line: string | string[]): string {
  const r = cli(file, line);
  if (r.code !== 0) throw new Error(`dirsync ${line} exited ${r.code}: ${r.err || r.out}`);
  return r.out;
}

/** Split a command line on spaces, keeping "quoted words" together. */
export function splitLine(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/**
 * Every table's rows: what "nothing changed" compares. Log lines and the run history are left out
 * unless asked for, because a refused step still writes its Fatal line and its run.
 */
export function snapshotOf(db: Db, withLogs = false): Record<string, unknown[]> {
  const tables = (
    db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like '__drizzle%' and name not like 'event_fts%' order by name")
      .all() as { name: string }[]
  )
    .map((t) => t.name)
    // The security log records refusals on purpose (a refused change is worth an Admin's look).
    // run_history_block is derived from run_history (its blocks' start bounds) and goes with it.
    .filter((t) => t !== 'security_event' && (withLogs || (t !== 'log_line' && t !== 'run_history' && t !== 'run_history_block')));
  return Object.fromEntries(tables.map((t) => [t, db.$client.prepare(`select * from ${t} order by ${orderOf(db, t)}`).all()]));
}

/** A table's storage order: its rowid, or the key of a table WITHOUT ROWID (list_entry). */
function orderOf(db: Db, table: string): string {
  const { wr } = db.$client.prepare("select wr from pragma_table_list where schema = 'main' and name = ?").get(table) as { wr: number };
  if (!wr) return 'rowid';
  const key = db.$client.prepare('select name from pragma_table_info(?) where pk > 0 order by pk').pluck().all(table) as string[];
  return key.join(', ');
}

export function snapshot(file: string, withLogs = false): Record<string, unknown[]> {
  const db = openDatabase(file);
  try {
    return snapshotOf(db, withLogs);
  } finally {
    db.$client.close();
  }
}

/** One full manual cycle of the documents (KB Q96060) over the given drives, the DSS first. */
export function manualCycle(file: string, dss: string, requestors: string[], password: string): void {
  const all = [dss, ...requestors];
  for (const d of all) ok(file, `reqmain -t -d${d}`);
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, `srvmain -r -d${dss}`);
  ok(file, `srvmain -t -d${dss}`);
  ok(file, 'external -0');
  ok(file, 'external -0');
  for (const d of all) {
    ok(file, `reqmain -r -d${d}`);
    ok(file, `import admin -p${password} -d${d} -q -y`);
    ok(file, `rebuild -f -d${d}`);
  }
}

/** A small network on drives M (DSS POLY/MONT), N (POLY/NOV), O (POLY/OCT), admin password SECRET. */
export function smallNetwork(file: string, mailboxes: Record<string, [string, string][]>): void {
  for (const po of ['MONT', 'NOV', 'OCT']) ok(file, `po create POLY/${po} --password SECRET`);
  ok(file, 'ds server -dM on');
  for (const po of ['NOV', 'OCT']) {
    ok(file, `ds requestor create -dM POLY/${po} --password ${po}PW`);
    ok(file, `ds register -dPOLY/${po} POLY/MONT --password ${po}PW`);
  }
  for (const [drive, list] of Object.entries(mailboxes)) for (const [m, f] of list) ok(file, ['user', 'add', `-d${drive}`, m, f]);
}

/**
 * EXCH01 (POLYNOMIAL/HQ) as the dirsync server of POLY/NOV (drive M, ALICE) over a LAN connection
 * with a PC MTA polling every minute; POLY/OCT (drive N, OLGA) connected but not a requestor; the
 * Exchange recipient PAT. Its DSS schedule is Never: T2 runs when DX is paused (exchangeDssCycle).
 */
export function exchangeDssNetwork(label = 'xdss'): string {
  const file = tempDbFile(label);
  for (const po of ['NOV', 'OCT']) ok(file, `po create POLY/${po} --password SECRET`);
  ok(file, 'user add -dM ALICE "Alice Walker"');
  ok(file, 'user add -dN OLGA "Olga Roberts"');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  for (const po of ['NOV', 'OCT']) ok(file, `exchange connection add EXCH01 POLY/${po}`);
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV,POLY/OCT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'exchange dss EXCH01 --schedule never');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients');
  ok(file, 'ds register -dM POLYNOMIAL/HQ --password NOVPW');
  return file;
}

/**
 * The sample's shape in small: DSS POLY/MONT (M, PAUL) with POLY/NOV (N, ALICE) and POLY/OCT, and
 * EXCH01 (POLYNOMIAL/HQ, 5.5 SP3) connected to MONT with a PC MTA polling every minute, registered
 * on MONT as the requestor POLYNOMIAL/HQ (password HQPW). The Dirsync Requestor object is the test's.
 */
export function exchangeRequestorNetwork(label = 'xrules'): string {
  const file = tempDbFile(label);
  smallNetwork(file, { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker']] });
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5sp3');
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password HQPW');
  return file;
}

/** One cycle with EXCH01 a requestor of the DSS on M (N an MS Mail requestor): T1 everywhere (DX by pause), transport, T2, transport, T3. */
export function exchangeRequestorCycle(file: string): void {
  for (const d of ['M', 'N']) ok(file, `reqmain -t -d${d}`);
  ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  ok(file, 'nsda -s -dM');
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  for (const d of ['M', 'N']) ok(file, `nsda -rr -d${d}`);
}

/** One cycle with EXCH01 as the dirsync server: NOV's T1, the PC MTA, T2 on pause, the reply home and T3. Returns the pause's output. */
export function exchangeDssCycle(file: string): string {
  ok(file, 'reqmain -t -dM');
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  const t2 = ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'dispatch --until +1m');
  ok(file, 'nsda -rr -dM');
  return t2;
}

/** Every row of every table, log lines included (a usage error writes nothing at all). */
export const dump = (file: string) => snapshot(file, true);

export interface EventJson {
  source: string;
  type: string;
  category: string;
  eventId: number;
  computer: string;
  description: string;
}

/** The Application log through `dirsync events --json` (newest first), with extra filter options. */
export function events(file: string, args = ''): EventJson[] {
  const data = JSON.parse(ok(file, `events --limit 1000 --json ${args}`));
  return Array.isArray(data) ? data : data.events;
}

/** The engine error a call throws (its kind and message); fails the test when it does not throw one. */
export function refusal(f: () => unknown): { kind: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof DirsyncError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('expected the call to be refused');
}
