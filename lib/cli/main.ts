import { openDatabase, type Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { noFiles, type Command, type Io } from './context';
import type { CliFiles } from './files-access';
import { external, nsdaCommand, rebuild, reqmain, srvmain } from './commands/msmail-steps';
import { importCommand } from './commands/import';
import { dssched, listds, listq } from './commands/inspect';
import { po, user } from './commands/admin';
import { ds } from './commands/ds';
import { file, log } from './commands/files';
import { clockCommand, dispatchCommand } from './commands/schedule';
import { exchange } from './commands/exchange';
import { service } from './commands/service';
import { account } from './commands/account';
import { events } from './commands/events';
import { reg } from './commands/reg';
import { history } from './commands/history';
import { resync } from './commands/resync';
import { health } from './commands/health';

const commands: Record<string, Command> = {
  reqmain,
  srvmain,
  nsda: nsdaCommand,
  external,
  import: importCommand,
  rebuild,
  listds,
  listq,
  dssched,
  dispatch: dispatchCommand,
  po,
  user,
  ds,
  file,
  log,
  clock: clockCommand,
  exchange,
  service,
  account,
  events,
  reg,
  history,
  resync,
  health,
};

export const USAGE = `usage: dirsync <command> [options] [--db <file>] [--json]
MS Mail utilities: reqmain, srvmain, nsda, external, import, rebuild, listds, listq, dssched, dispatch
Administration:    po, user, ds, file, log, clock, resync
Exchange:          exchange, service, reg, events
Monitoring:        history, health
Console:           account
See docs/cli.md for every command and its options.`;

/**
 * Run one `dirsync` command. Exit status: 0 success, 1 a fatal error the utility reported, 2 bad usage.
 * `files` is how options that name files (`-f`, `-i`, `-x`, `file import/export`) reach them: the
 * command line lends the host's (host-files.ts), the console the model's; without it they are refused.
 */
export function main(argv: string[], io: Io, openDb: (file?: string) => Db = openDatabase, opts: { closeDb?: boolean; files?: CliFiles } = {}): number {
  // The global options --db <file> and --json may also come before the command name.
  let k = 0;
  while (k < argv.length && (argv[k] === '--json' || argv[k] === '--db' || argv[k].startsWith('--db='))) k += argv[k] === '--db' ? 2 : 1;
  const name = argv[k];
  const tokens = [...argv.slice(k + 1), ...argv.slice(0, k)];
  if (!name) {
    io.err('dirsync: no command given: run "dirsync help" for the list of commands');
    return 2;
  }
  if (name === '--help' || name === '-?' || name === 'help') {
    io.out(USAGE);
    return 0;
  }
  const command = commands[name.toLowerCase()];
  if (!command) {
    io.err(`dirsync: unknown command "${name}": run "dirsync help" for the list`);
    return 2;
  }
  const dbAt = tokens.findIndex((t) => t === '--db' || t.startsWith('--db='));
  const dbFile = dbAt < 0 ? undefined : tokens[dbAt].includes('=') ? tokens[dbAt].slice(5) : tokens[dbAt + 1];
  let db: Db | undefined;
  try {
    return command({ tokens, io, db: () => (db ??= openDb(dbFile)), files: opts.files ?? noFiles });
  } catch (e) {
    if (e instanceof DirsyncError) {
      if (e.kind === 'fatal') {
        io.err(`Fatal [${e.number}] ${e.message}${e.details.length ? `: ${e.details[0]}` : ''}`);
        return 1;
      }
      io.err(`dirsync ${name}: ${e.message}`);
      return 2;
    }
    io.err(`dirsync ${name}: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    // The console's command prompt lends its shared connection: it stays open.
    if (opts.closeDb !== false) db?.$client.close();
  }
}
