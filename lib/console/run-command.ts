import type { Db } from '@/db/client';
import { main } from '@/lib/cli/main';
import { usage } from '@/lib/dirsync/errors';

/** The MS Mail utilities the console's command prompt runs for a postoffice. */
export const PROMPT_COMMANDS = ['reqmain', 'srvmain', 'nsda', 'import', 'rebuild', 'listds', 'listq', 'dssched', 'external'] as const;

export interface CommandOutput {
  line: string;
  exitCode: number;
  out: string;
  err: string;
}

/** Words of a command line; "quoted words" stay together. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

/**
 * A command typed at a postoffice's command prompt, run by the `dirsync` command on the console's
 * own database: only the MS Mail utilities, `-d<NET/PO>` of this postoffice added when no `-d` is
 * given, and no `--db`. Output and exit status as the command line would show them.
 */
export function runPostofficeCommand(db: Db, po: string, line: string): CommandOutput {
  const argv = words(line.trim());
  const name = argv[0]?.toLowerCase();
  if (!name) throw usage('Type a command, e.g. reqmain -t');
  if (!(PROMPT_COMMANDS as readonly string[]).includes(name)) {
    throw usage(`"${argv[0]}" is not one of the MS Mail utilities this prompt runs: ${PROMPT_COMMANDS.join(', ')}`);
  }
  if (argv.some((w) => w.toLowerCase().startsWith('--db'))) throw usage('--db is not allowed here: the prompt runs on the console\'s own database');
  if (name !== 'external' && !argv.some((w) => /^-d/i.test(w))) argv.push(`-d${po}`);
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, () => db, { closeDb: false });
  return { line: argv.join(' '), exitCode, out: out.join('\n'), err: err.join('\n') };
}
