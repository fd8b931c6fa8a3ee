import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { loadSampleNetwork, SAMPLE } from '@/db/seed';
import { PROMPT_COMMANDS, runPostofficeCommand } from '@/lib/console/run-command';
import { DirsyncError } from '@/lib/core/errors';
import { placeFile } from '@/lib/dirsync/place-file';
import { readStoredFile } from '@/lib/dirsync/stored-files';
import { cli, ok, snapshotOf, tempDbFile } from './helpers';

/**
 * Issue 10 item 1: the console's command prompt administers the model, not the host. Every file
 * an option names (`-f`, `-i`, `-x`) is a file of the postoffice's GLB directory in the model;
 * host paths, absolute or relative, are refused with nothing read or written.
 */

const PO = `${SAMPLE.network}/${SAMPLE.dss}`;
const PW = `admin -p${SAMPLE.adminPassword}`;
const SECRET_LINE = 'TOP-SECRET-HOST-LINE';
let db: Db;
let dir: string;
let secret: string;
let secretBefore: { content: string; mtimeMs: number };

beforeAll(() => {
  db = openDatabase(tempDbFile('console-files'));
  loadSampleNetwork(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-host-'));
  secret = path.join(dir, 'secret.txt');
  fs.writeFileSync(secret, `T1 Sat 13:45\n${SECRET_LINE}\nPCM:NET/PO/X\tX\n`);
  const st = fs.statSync(secret);
  secretBefore = { content: fs.readFileSync(secret, 'utf8'), mtimeMs: st.mtimeMs };
});

/** Run a prompt line; a refusal thrown before the utility runs counts as exit 2. */
function prompt(line: string): { exitCode: number; text: string } {
  try {
    const r = runPostofficeCommand(db, PO, line, { account: 'admin' });
    return { exitCode: r.exitCode, text: `${r.out}\n${r.err}` };
  } catch (e) {
    if (e instanceof DirsyncError) return { exitCode: 2, text: e.message };
    throw e;
  }
}

describe('the command prompt never reaches host files', () => {
  const hostPaths = () => {
    const relative = path.relative(process.cwd(), secret);
    const climbing = `${'../'.repeat(12)}${secret.replace(/^\//, '')}`;
    return [secret, relative, climbing, dir + '/', 'C:\\WINDOWS\\WIN.INI', '\\\\server\\share\\x.txt', '/etc/hostname'];
  };
  const targets = () => [path.join(dir, 'written.txt'), path.relative(process.cwd(), path.join(dir, 'written-rel.txt'))];

  it('refuses -f, -i and -x host paths for every utility, reading and writing nothing', () => {
    const before = snapshotOf(db);
    const lines: string[] = [];
    for (const util of PROMPT_COMMANDS) {
      for (const p of [secret, path.relative(process.cwd(), secret), ...targets()]) for (const opt of ['-f', '-i', '-x']) lines.push(`${util} ${PW} ${opt}${p}`);
    }
    // The forms that read or write: every kind of host path.
    for (const p of hostPaths()) lines.push(`dssched ${PW} -i${p}`, `import ${PW} -a -c -f${p}`);
    for (const p of targets()) lines.push(`dssched ${PW} -x${p}`, `import ${PW} -x -f${p}`, `dssched ${PW} -i ${p}`, `import ${PW} -e -f${p}`);
    for (const line of lines) {
      const r = prompt(line);
      expect(r.exitCode, line).not.toBe(0);
      expect(r.text, line).not.toContain(SECRET_LINE);
      // "cannot read/write … (ENOENT)" would tell which host paths exist.
      expect(r.text, line).not.toMatch(/ENOENT|EACCES|EISDIR/);
    }
    for (const t of targets()) expect(fs.existsSync(path.resolve(t)), t).toBe(false);
    expect(fs.readFileSync(secret, 'utf8')).toBe(secretBefore.content);
    expect(fs.statSync(secret).mtimeMs).toBe(secretBefore.mtimeMs);
    expect(snapshotOf(db)).toEqual(before);
  }, 180_000);

  it('says why: a host path is not a file of the model', () => {
    expect(prompt(`dssched ${PW} -i${secret}`).text).toMatch(/-i must name a file in the GLB directory of POLYNOMIAL\/MONTGOMERY.*the console does not reach the host's files/);
    expect(prompt(`import ${PW} -x -f../../etc/passwd`).text).toMatch(/-f must name a file in the GLB directory.*climbs out of a directory/);
    expect(prompt(`dssched ${PW} -xN:\\GLB\\SCHED.TXT`).text).toMatch(/is in POLYNOMIAL\/NOVEMBER, and this prompt reaches only its own postoffice's files/);
  });

  it('reads and writes the files of the postoffice in the model instead', () => {
    placeFile(db, PO, 'SCHED.TXT', new Uint8Array(Buffer.from('T1 Mon 08:00\nT2 Mon 09:00\nT3 Mon 10:00\n', 'latin1')));
    const r = prompt(`dssched ${PW} -iSCHED.TXT -xM:\\GLB\\OUT.TXT`);
    expect(r.exitCode, r.text).toBe(0);
    expect(r.text).toContain('T2 Mon 09:00');
    expect(Buffer.from(readStoredFile(db, PO, 'OUT.TXT')!).toString('latin1')).toBe('T1 Mon 08:00\nT2 Mon 09:00\nT3 Mon 10:00\n');
    const x = prompt(`import ${PW} -x -fNAMES.TXT`);
    expect(x.exitCode, x.text).toBe(0);
    expect(x.text).toMatch(/addresses extracted to M:\\GLB\\NAMES.TXT/);
    expect(Buffer.from(readStoredFile(db, PO, 'NAMES.TXT')!).toString('latin1')).toContain('PAUL');
    expect(prompt(`dssched ${PW} -iMISSING.TXT`).text).toMatch(/there is no MISSING.TXT in the GLB directory of POLYNOMIAL\/MONTGOMERY/);
    // The postoffice's own files are not overwritten by an export.
    expect(prompt(`dssched ${PW} -xREQCONF.GLB`).text).toMatch(/REQCONF.GLB is one of the postoffice's own files/);
  });
});

describe('the command line guards every file it reads', () => {
  const file = tempDbFile('cli-guards');
  beforeAll(() => {
    ok(file, 'po create POLY/MONT --password SECRET');
  });

  it('dssched -i and import -f refuse what is not a regular file (a named pipe would stall the process)', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const target of [fifo, dir, '/dev/zero']) {
      for (const line of [['dssched', 'admin', '-pSECRET', '-dM', `-i${target}`], ['import', 'admin', '-pSECRET', '-dM', '-a', `-f${target}`]]) {
        const r = cli(file, line);
        expect(r.code, line.join(' ')).toBe(2);
        expect(r.err).toMatch(/cannot read the (schedule|import) file .*: check the path given with -[if]$/);
      }
    }
  });

  it('dssched -i refuses a file over its size limit without reading it', () => {
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, 'x'.repeat(400 * 1024));
    const r = cli(file, ['dssched', 'admin', '-pSECRET', '-dM', `-i${big}`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the schedule file .*big\.txt is 409600 bytes; the limit is 65536$/);
    expect(r.out).toBe('');
  });

  it('lists at most 50 bad lines, each cut short, and says how many more there were', () => {
    const bad = path.join(dir, 'bad.txt');
    // Within the size limit: 1,000 short bad lines, the first one long.
    fs.writeFileSync(bad, Array.from({ length: 1000 }, (_, k) => `bad line ${k} ${'y'.repeat(k === 0 ? 400 : 30)}`).join('\n'));
    const r = cli(file, ['dssched', 'admin', '-pSECRET', '-dM', `-i${bad}`]);
    expect(r.code).toBe(2);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toBe('… and 950 more bad line(s) not shown');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(200);
    expect(r.err).toBe('dirsync dssched: the schedule file has 1000 bad line(s); nothing was changed');
  });
});

describe('no console code path imports the file system', () => {
  const root = path.resolve(__dirname, '..');
  /** The modules allowed to import node:fs, and why. */
  const ALLOWED = new Map([
    // Opens (and creates the directory of) the one database file the server was started with; no browser input reaches it.
    ['db/client.ts', 'the database file'],
    // Reads the build's own manifests once (every page's, whatever was asked): the sign-in page's `next` only looks up the table they make.
    ['app/login/view-scripts.ts', "the build's manifests"],
  ]);
  const CONSOLE_ROOTS = ['app', 'components', 'lib/console', 'lib/actions', 'lib/queries'];
  const FS_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](?:node:)?fs(?:\/promises)?['"]/;

  const resolveImport = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : undefined;
    if (!base) return undefined;
    for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
      if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    }
    return undefined;
  };
  const filesUnder = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(d, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(d, e.name)] : []));

  it('walks every module the console reaches: none but the allowed ones imports fs', () => {
    const seen = new Set<string>();
    const queue = CONSOLE_ROOTS.flatMap((r) => filesUnder(path.join(root, r)));
    const offenders: string[] = [];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const source = fs.readFileSync(f, 'utf8');
      const rel = path.relative(root, f);
      if (FS_IMPORT.test(source) && !ALLOWED.has(rel)) offenders.push(rel);
      for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const next = resolveImport(f, m[1]);
        if (next && !seen.has(next)) queue.push(next);
      }
    }
    // The walk really follows the prompt into the command line's commands.
    expect([...seen].map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['lib/cli/main.ts', 'lib/cli/commands/inspect.ts', 'lib/console/run-command.ts']));
    expect(offenders).toEqual([]);
  });

  it('the host file access of the command line is reached only from its own entry point', () => {
    // bin/dirsync.mjs runs the bundle of lib/cli/bundle-entry.ts, which alone exports the host's files.
    expect(fs.readFileSync(path.join(root, 'lib/cli/bundle-entry.ts'), 'utf8')).toContain("from './host-files'");
    expect(fs.readFileSync(path.join(root, 'bin/dirsync.mjs'), 'utf8')).toContain('{ files: hostFiles }');
    const importers = execFileSync('grep', ['-rlE', "from '[^']*host-files'", 'app', 'components', 'lib'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    expect(importers).toEqual(['lib/cli/bundle-entry.ts']);
    expect(fs.readFileSync(path.join(root, 'lib/console/run-command.ts'), 'utf8')).toContain('modelFiles(');
  });
});
