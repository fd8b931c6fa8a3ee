import type { Db } from '@/db/client';
import { main } from '@/lib/cli/main';
import { copyFile } from '@/lib/dirsync/copy-file';
import { deleteFile } from '@/lib/dirsync/delete-file';
import { resolveDosPath } from '@/lib/dirsync/dos-path';
import { DirsyncError, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { verifyPassword } from '@/lib/core/password';
import { resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { maskPasswords } from './mask';
import { modelFiles } from './model-files';
import { promptWaitSeconds, recordPromptPassword } from './prompt-password';

/** The MS Mail utilities the console's command prompt runs for a postoffice. */
export const PROMPT_COMMANDS = ['reqmain', 'srvmain', 'nsda', 'import', 'rebuild', 'listds', 'listq', 'dssched', 'external'] as const;
/** The prompt's own commands: DOS `copy` and `del` on the model's drives, `forcedos`, `help`. */
export const PROMPT_BUILTINS = ['copy', 'del', 'forcedos', 'help'] as const;
/** The utilities that take `admin -p<password>`: their wrong guesses are slowed. */
const PASSWORD_COMMANDS = ['import', 'listds', 'listq', 'dssched'];

export interface CommandOutput {
  /** The command as run, passwords masked. */
  line: string;
  exitCode: number;
  out: string;
  err: string;
  /** The postoffice it ran for (`NET/PO`). */
  ranFor: string;
}

export interface PromptOptions {
  /** The signed-in account: wrong `-p` passwords are counted per account and postoffice. */
  account?: string;
  now?: number;
}

/** Words of a command line; "quoted words" stay together. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

/** The value of a one-letter option, `-dM` or `-d M`. */
function optionValue(argv: string[], letter: string): string | undefined {
  for (let k = 1; k < argv.length; k++) {
    const w = argv[k];
    if (w.length > 2 && w[0] === '-' && w[1].toLowerCase() === letter && !w.startsWith('--')) return w.slice(2);
    if (w.toLowerCase() === `-${letter}` && argv[k + 1] !== undefined && !argv[k + 1].startsWith('-')) return argv[k + 1];
  }
  return undefined;
}

const where = (po: PoRow) => `${poKey(po)}${po.drive ? ` (drive ${po.drive}:)` : ''}`;

export function promptHelp(here: PoRow): string {
  return [
    `The MS Mail utilities this prompt runs for ${where(here)}:`,
    '  reqmain -t | -r                 T1: send the requestor\'s updates / T3: receive the replies',
    '  srvmain -r | -t                 T2 on the dirsync server: receive / send the replies',
    '  nsda -rt | -s | -rr             T1, T2 or T3 as Dispatch runs them',
    '  import admin -p<pw> -q          T3: process SRVTRANS.GLB (and RESYNC.GLB) into the lists',
    '  import admin -p<pw> -s          write RESYNC.GLB on the dirsync server',
    '  import admin -p<pw> -f<file>    import a text file of addresses (-e: into REQTRANS; -x: extract to it)',
    '  rebuild -f                      rebuild the Global Address List',
    '  listds admin -p<pw> -s | -r     show SRVCONF.GLB / REQCONF.GLB',
    '  listq admin -p<pw> -f<queue>    dump reqtrans, srvtrans, msttrans or resync (-t dates, -c check CRCs)',
    '  dssched admin -p<pw>            show the PROCESS times (-i<file> import, -x<file> export)',
    '  external -0                     one External pass: carry the queued messages',
    '  copy <from> <to>                copy a file between drives, e.g. copy M:\\GLB\\RESYNC.GLB N:\\GLB',
    '  del <file>                      delete a file, e.g. del M:\\GLB\\RESYNC.GLB',
    '  forcedos <utility> …            as typed under Windows NT: runs the utility',
    '  help                            this list',
    'Without -d<drive> a utility runs for this postoffice; -d<drive> runs it for another one.',
    `Files named with -f, -i and -x are in the GLB directory of ${poKey(here)} (e.g. -fNAMES.TXT): see its Files view.`,
  ].join('\n');
}

/** DOS `copy` and `del` on the model's drives: never the host's files. */
function fileCommand(db: Db, here: string, name: 'copy' | 'del', argv: string[]): { out: string } {
  const label = (p: string) => {
    const po = /^[^:]+\/[^:]+$/.test(p) ? resolvePo(db, p) : undefined;
    return po?.drive ? `${p} (${po.drive}:\\GLB)` : p;
  };
  if (name === 'copy') {
    if (argv.length !== 3) throw usage('copy takes a file and where to copy it: copy M:\\GLB\\RESYNC.GLB N:\\GLB');
    const from = resolveDosPath(db, argv[1], here);
    if (!from.name) throw usage(`name the file to copy, e.g. copy ${argv[1].replace(/\\$/, '')}\\RESYNC.GLB N:\\GLB`);
    const to = resolveDosPath(db, argv[2], here);
    const done = copyFile(db, from.place, to.place, from.name, to.name ?? from.name);
    return { out: `        1 file(s) copied\n${from.name} copied from ${label(from.place)} to ${label(to.place)}${done.name !== from.name ? ` as ${done.name}` : ''} (${done.size} bytes)` };
  }
  if (argv.length !== 2) throw usage('del takes one file: del M:\\GLB\\RESYNC.GLB');
  const at = resolveDosPath(db, argv[1], here);
  if (!at.name) throw usage('name the file to delete, e.g. del M:\\GLB\\RESYNC.GLB');
  const gone = deleteFile(db, at.place, at.name);
  return { out: `${gone} deleted from ${label(at.place)}` };
}

/**
 * A command typed at a postoffice's command prompt, run by the `dirsync` command on the console's
 * own database: only the MS Mail utilities (and `copy`, `del`, `forcedos`, `help`), `-d<NET/PO>` of
 * this postoffice added when no `-d` is given, no `--db`, and files only of this postoffice's GLB
 * directory in the model (lib/console/model-files.ts). Output and exit status as the command line
 * would show them, with what the utility did in words.
 */
export function runPostofficeCommand(db: Db, po: string, line: string, opts: PromptOptions = {}): CommandOutput {
  const here = resolvePo(db, po);
  const hereKey = poKey(here);
  let argv = words(line.trim());
  // Under Windows NT the documents run each utility through FORCEDOS: it changes nothing here.
  if (argv[0]?.toLowerCase() === 'forcedos') {
    argv = argv.slice(1);
    if (!argv.length) throw usage('forcedos needs the utility to run, e.g. forcedos reqmain -t');
  }
  const name = argv[0]?.toLowerCase();
  if (!name) throw usage('Type a command, e.g. reqmain -t (help lists them)');
  const shown = maskPasswords(argv.join(' '));
  if (name === 'help' || name === '?') return { line: shown, exitCode: 0, out: promptHelp(here), err: '', ranFor: hereKey };
  if (name === 'copy' || name === 'del') {
    try {
      return { line: shown, exitCode: 0, ...fileCommand(db, hereKey, name, argv), err: '', ranFor: hereKey };
    } catch (e) {
      if (!(e instanceof DirsyncError)) throw e;
      return { line: shown, exitCode: e.kind === 'fatal' ? 1 : 2, out: '', err: `${name}: ${e.message}`, ranFor: hereKey };
    }
  }
  if (!(PROMPT_COMMANDS as readonly string[]).includes(name)) {
    throw usage(`"${argv[0].slice(0, 40)}" is not one of the MS Mail utilities this prompt runs: ${PROMPT_COMMANDS.join(', ')}; and copy, del, help`);
  }
  if (argv.some((w) => w.toLowerCase().startsWith('--db'))) throw usage('--db is not allowed here: the prompt runs on the console\'s own database');
  if (name !== 'external' && optionValue(argv, 'd') === undefined) argv.push(`-d${hereKey}`);

  // Which postoffice it runs for: said when it is not this one.
  let target: PoRow | undefined;
  try {
    target = name === 'external' ? undefined : resolvePo(db, optionValue(argv, 'd') ?? hereKey);
  } catch {
    target = undefined; // the utility itself says what is wrong with -d
  }
  const notes: string[] = [];
  if (target && target.id !== here.id) notes.push(`Ran for ${where(target)}, not for ${where(here)}`);

  // Wrong postoffice passwords are slowed per account and postoffice, as sign-in is.
  const password = PASSWORD_COMMANDS.includes(name) ? optionValue(argv, 'p') : undefined;
  if (password !== undefined && target && opts.account) {
    const now = opts.now ?? Date.now();
    const wait = promptWaitSeconds(db, opts.account, poKey(target), now);
    if (wait > 0) {
      const err = `${name}: too many wrong passwords for ${poKey(target)}: try again in ${wait} second${wait === 1 ? '' : 's'}`;
      return { line: maskPasswords(argv.join(' ')), exitCode: 2, out: '', err, ranFor: poKey(target) };
    }
    recordPromptPassword(db, opts.account, poKey(target), verifyPassword(password, target.adminPasswordHash), now);
  }

  const out: string[] = [];
  const err: string[] = [];
  const said: string[] = [];
  const exitCode = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), note: (t) => said.push(t) }, () => db, {
    closeDb: false,
    files: modelFiles(db, hereKey, here.drive),
  });
  const text = [...notes, ...out, ...said];
  return { line: maskPasswords(argv.join(' ')), exitCode, out: text.join('\n'), err: err.join('\n'), ranFor: target ? poKey(target) : hereKey };
}
