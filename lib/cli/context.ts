import { usage } from '@/lib/core/errors';
import type { Db } from '@/db/client';
import type { Args } from './args';
import type { CliFiles } from './files-access';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** What a utility did, in words; only the console's prompt listens (the command line prints the protocol's lines). */
  note?: (text: string) => void;
}

/** What a command gets: its arguments, the database (opened on first use), where to print, and the files its options name. */
export interface CommandContext {
  tokens: string[];
  db: () => Db;
  io: Io;
  files: CliFiles;
}

/** The default when a caller lends no files: every file option is refused. */
export const noFiles: CliFiles = {
  read: (_name, option) => {
    throw usage(`${option} names a file, and no files can be reached here`);
  },
  write: (_name, _data, option) => {
    throw usage(`${option} names a file, and no files can be reached here`);
  },
};

export type Command = (ctx: CommandContext) => number;

/** Print a state as text, or as one JSON document with --json. */
export function show(ctx: CommandContext, args: Args, data: unknown, text: () => string): void {
  ctx.io.out(args.long.has('json') ? JSON.stringify(data, null, 2) : text());
}

/** Print a step's lines (or JSON), and turn a fatal result into exit status 1 with its line on stderr. */
export function report(ctx: CommandContext, args: Args, result: { lines: string[]; summary?: string[]; fatal?: { number: number; text: string } }): number {
  for (const s of result.summary ?? []) ctx.io.note?.(s);
  if (args.long.has('json')) ctx.io.out(JSON.stringify(result, null, 2));
  else if (result.lines.length) ctx.io.out(result.lines.join('\n'));
  if (result.fatal) {
    ctx.io.err(`Fatal [${result.fatal.number}] ${result.fatal.text}`);
    return 1;
  }
  return 0;
}
