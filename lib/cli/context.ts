import fs from 'node:fs';
import { usage } from '@/lib/dirsync/errors';
import type { Db } from '@/db/client';
import type { Args } from './args';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What a command gets: its arguments, the database (opened on first use), and where to print. */
export interface CommandContext {
  tokens: string[];
  db: () => Db;
  io: Io;
}

export type Command = (ctx: CommandContext) => number;

/** Print a state as text, or as one JSON document with --json. */
export function show(ctx: CommandContext, args: Args, data: unknown, text: () => string): void {
  ctx.io.out(args.long.has('json') ? JSON.stringify(data, null, 2) : text());
}

/** Print a step's lines (or JSON), and turn a fatal result into exit status 1 with its line on stderr. */
export function report(ctx: CommandContext, args: Args, result: { lines: string[]; fatal?: { number: number; text: string } }): number {
  if (args.long.has('json')) ctx.io.out(JSON.stringify(result, null, 2));
  else if (result.lines.length) ctx.io.out(result.lines.join('\n'));
  if (result.fatal) {
    ctx.io.err(`Fatal [${result.fatal.number}] ${result.fatal.text}`);
    return 1;
  }
  return 0;
}

/** Write a file the user named; a path that cannot be written is a usage error (exit 2), not a crash. */
export function writeTextFile(file: string, data: string | Uint8Array, option: string, encoding: BufferEncoding = 'latin1'): void {
  try {
    if (typeof data === 'string') fs.writeFileSync(file, data, encoding);
    else fs.writeFileSync(file, data);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? ` (${(e as NodeJS.ErrnoException).code})` : '';
    throw usage(`cannot write ${file}${why}: check the path given with ${option}`);
  }
}
