import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { main } from '@/lib/cli/main';

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
  const code = main([...argv, '--db', file], { out: (t) => out.push(t), err: (t) => err.push(t) });
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
