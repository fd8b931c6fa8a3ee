import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ok, splitLine, tempDbFile, dump } from './helpers';

// Exit status (docs/cli.md): 0 success, 1 the utility reported a fatal error, 2 bad usage — and one
// clear line on stderr for every error, with nothing changed.

const db = tempDbFile('usage');

beforeAll(() => {
  for (const line of [
    'po create POLY/MONT --password SECRET',
    'po create POLY/NOV --password SECRET',
    'ds server -dM on',
    'ds requestor create -dM POLY/NOV --password NOVPW',
    'ds register -dN POLY/MONT --password NOVPW',
    'user add -dM PAUL "Paul"',
    'user add -dN ANN "Ann Arbor"',
  ])
    ok(db, line);
});

describe('usage errors: exit 2, exactly one stderr line, nothing changed', () => {
  const cases: [string, string | string[], RegExp][] = [
    ['no command', [], /^dirsync: no command given: run "dirsync help" for the list of commands$/],
    ['an unknown command', 'nosuch -dM', /^dirsync: unknown command "nosuch": run "dirsync help" for the list$/],
    ['an unknown option', 'reqmain -t -dM -z', /^dirsync reqmain: unknown option -z$/],
    ['an unknown long option', 'po list --bogus', /^dirsync po: unknown option --bogus$/],
    ['a flag written with a value', 'listq admin -pSECRET -dM -freqtrans -tx', /^dirsync listq: unknown option -tx$/],
    ['a missing -d', 'reqmain -t', /^dirsync reqmain: name the postoffice with -d<drive> or -d<NET\/PO>$/],
    ['a missing -d (admin utility)', 'listq admin -pSECRET -freqtrans', /^dirsync listq: name the postoffice with -d/],
    ['-d without a value', 'reqmain -t -d', /^dirsync reqmain: -d needs a value, e.g. -dM$/],
    ['a bad drive', 'reqmain -t -d1', /^dirsync reqmain: "1" is neither a drive letter nor NET\/PO$/],
    ['a drive with no postoffice', 'reqmain -t -dQ', /^dirsync reqmain: no postoffice on drive Q: run "dirsync po list" to see the drives$/],
    ['an unknown postoffice', 'listds admin -pSECRET -dPOLY/NOPE -r', /^dirsync listds: postoffice POLY\/NOPE does not exist/],
    ['a bad postoffice name', 'rebuild -f -dPOLY/TOOLONGNAME1', /^dirsync rebuild: "POLY\/TOOLONGNAME1" is not a postoffice name/],
    ['a wrong admin password', 'listq admin -pWRONG -dM -freqtrans', /^dirsync listq: wrong administrator password for POLY\/MONT/],
    ['no admin password', 'import -dN -q -y', /^dirsync import: this utility needs "admin -p<password>" for POLY\/NOV$/],
    ['reqmain with both -t and -r', 'reqmain -t -r -dN', /^dirsync reqmain: reqmain needs exactly one of -t \(transmit, T1\) or -r \(receive, T3\)$/],
    ['reqmain with neither', 'reqmain -dN', /^dirsync reqmain: reqmain needs exactly one of/],
    ['srvmain with both', 'srvmain -r -t -dM', /^dirsync srvmain: srvmain needs exactly one of/],
    ['nsda with two processes', 'nsda -rt -rr -dN', /^dirsync nsda: nsda needs exactly one of/],
    ['listds with both -s and -r', 'listds admin -pSECRET -dM -s -r', /^dirsync listds: listds needs exactly one of -s/],
    ['listds -s -z', 'listds admin -pSECRET -dM -s -z', /^dirsync listds: -z resets a requestor record: use it with -r$/],
    ['listds -r -z on the DSS', 'listds admin -pSECRET -dM -r -z', /^dirsync listds: POLY\/MONT is the dirsync server: -z resets requestors only/],
    ['listq without -f', 'listq admin -pSECRET -dM', /^dirsync listq: listq needs -f with one of reqtrans, srvtrans, msttrans, resync$/],
    ['listq of an unknown file', 'listq admin -pSECRET -dM -fmaster', /^dirsync listq: listq needs -f/],
    ['a second dirsync server on the network', 'ds server -dN on', /^dirsync ds: network POLY already has a dirsync server, POLY\/MONT: turn it off there first$/],
    ['import with no mode', 'import admin -pSECRET -dN', /^dirsync import: import needs -q/],
    ['rebuild without -f', 'rebuild -dN', /^dirsync rebuild: rebuild needs -f/],
    ['external without -0', 'external -dMN', /^dirsync external: external needs -0/],
    ['a backwards drive range', 'external -0 -dNM', /^dirsync external: drive range NM runs backwards/],
    ['an unknown log', 'log -dM nosuch', /^dirsync log: unknown log "nosuch"/],
    ['an unknown ds command', 'ds frobnicate -dM', /^dirsync ds: unknown ds command "frobnicate"/],
    ['ds without a command', 'ds -dM', /^dirsync ds: ds needs a command: server, requestor/],
    ['ds keep without a number', 'ds keep -dM many', /^dirsync ds: ds keep needs a number of cycles from 1 to 999, not "many"/],
    ['ds server without on|off', 'ds server -dM maybe', /^dirsync ds: ds server needs on or off/],
    ['a bad clock time', 'clock --set yesterday', /^dirsync clock: --set "yesterday" is not a time/],
  ];

  for (const [what, line, message] of cases) {
    it(what, () => {
      const before = dump(db);
      const r = cli(db, line);
      expect(r.code, r.err).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
      expect(dump(db)).toEqual(before);
    });
  }
});

describe('fatal errors of the utilities: exit 1 and one "Fatal [n]" line', () => {
  it('listds -s on a postoffice that is not the DSS', () => {
    const before = dump(db);
    const r = cli(db, 'listds admin -pSECRET -dN -s');
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toBe('Fatal [10] LISTDS -S runs only on the Directory Synchronization Server; POLY/NOV is not one');
    expect(dump(db)).toEqual(before);
  });

  it('listq -fmsttrans on a postoffice that is not the DSS', () => {
    const r = cli(db, 'listq admin -pSECRET -dN -fmsttrans');
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toBe('Fatal [10] LISTQ -FMSTTRANS runs only on the Directory Synchronization Server; POLY/NOV is not one');
  });

  it('import -s on a requestor (67), logged in DIRSYNC.LOG', () => {
    const r = cli(db, 'import admin -pSECRET -dN -s -y');
    expect(r.code).toBe(1);
    expect(r.err).toBe('Fatal [67] Resync extract can be performed only at a Directory Synchronization Server');
    expect(ok(db, 'log -dN dirsync').split('\n').at(-1)).toMatch(/ Fatal \[67\] Resync extract can be performed only at a Directory Synchronization Server$/);
  });
});

describe('-d and option spelling', () => {
  const expected = ['Examining POLY/MONT Requestor Configuration Record', '', 'Dir-Sync Server: POLY/MONT', 'ReqSync = 0, SrvSync = 0'].join('\n');
  for (const d of ['-dM', '-d M', '-dm', '-d m', '-dPOLY/MONT', '-dpoly/mont', '-d POLY/MONT', '-DM', '-Dm']) {
    it(`listds -r ${d}`, () => {
      expect(ok(db, `listds admin -pSECRET ${d} -r`)).toBe(expected);
    });
  }

  it('option letters are case-insensitive; values keep their case', () => {
    expect(ok(db, 'LISTDS ADMIN -PSECRET -DM -R')).toBe(expected);
    expect(cli(db, 'listds admin -Psecret -dM -r').code).toBe(2);
    expect(ok(db, 'listq admin -pSECRET -Dm -FREQTRANS -T').split('\n')[0]).toBe('CRC  Date stamp               Sync#  Transaction');
    expect(ok(db, 'reqmain -T -Dn')).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
    expect(ok(db, 'nsda -RT -dM')).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
  });

  it('--db and --json may come before the command', () => {
    const r = cli(db, ['--json', 'po', 'list']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { name: string }[]).map((p) => p.name)).toEqual(['POLY/MONT', 'POLY/NOV']);
  });

  it('help prints the usage on stdout with exit 0', () => {
    const r = cli(db, 'help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: dirsync <command>/);
    expect(r.err).toBe('');
  });
});

describe('the real binary', () => {
  const root = path.resolve(__dirname, '..');
  const run = (line: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, 'bin', 'dirsync.mjs'), ...splitLine(line)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    });

  it('runs a command against --db and propagates the exit status', () => {
    const file = tempDbFile('bin');
    const created = run(`po create POLY/MONT --password SECRET --db ${file}`);
    expect([created.status, created.stdout, created.stderr]).toEqual([0, 'Postoffice POLY/MONT created on drive M\n', '']);
    const list = run(`po list --db ${file}`);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')[0]).toBe('Drive  Postoffice             Mailboxes  GAL  Role');
    expect(list.stdout).toContain('POLY/MONT');

    const unknown = run(`nosuch --db ${file}`);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('dirsync: unknown command "nosuch": run "dirsync help" for the list\n');

    const fatal = run(`listds admin -pSECRET -dM -s --db ${file}`);
    expect(fatal.status).toBe(1);
    expect(fatal.stderr).toMatch(/^Fatal \[10\] /);
  });

  it('takes the database from $DIRSYNC_DB', () => {
    const file = tempDbFile('bin-env');
    expect(run('po create POLY/NOV --password SECRET', { DIRSYNC_DB: file }).status).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    const r = run('po list --json', { DIRSYNC_DB: file });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((p) => p.name)).toEqual(['POLY/NOV']);
  });
});
