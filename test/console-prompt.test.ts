import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { loadSampleNetwork, SAMPLE } from '@/db/seed';
import { maskPasswords } from '@/lib/console/mask';
import { PROMPT_FREE_FAILURES } from '@/lib/console/prompt-password';
import { runPostofficeCommand } from '@/lib/console/run-command';
import { placeDirectory } from '@/lib/dirsync/place-directory';
import { placeFile } from '@/lib/dirsync/place-file';
import { readStoredFile } from '@/lib/dirsync/stored-files';
import { snapshotOf, tempDbFile } from './helpers';

const NET = SAMPLE.network;
const DSS = `${NET}/${SAMPLE.dss}`;
const NOV = `${NET}/NOVEMBER`;
const PW = `admin -p${SAMPLE.adminPassword}`;
let db: Db;

beforeAll(() => {
  db = openDatabase(tempDbFile('console-prompt'));
  loadSampleNetwork(db);
});

const run = (po: string, line: string, account = 'admin', now?: number) => runPostofficeCommand(db, po, line, { account, now });

describe('the prompt says what the utility did (issue 14 item 6)', () => {
  it('help lists the utilities and the prompt\'s own commands', () => {
    const r = run(DSS, 'help');
    expect(r.exitCode).toBe(0);
    for (const u of ['reqmain', 'srvmain', 'nsda', 'import', 'rebuild', 'listds', 'listq', 'dssched', 'external', 'copy', 'del', 'forcedos']) expect(r.out).toMatch(new RegExp(`^  ${u} `, 'm'));
    expect(r.out).toContain('POLYNOMIAL/MONTGOMERY (drive M:)');
  });

  it('srvmain with nothing to do says so in words, not "(no output)"', () => {
    const r = run(DSS, 'srvmain -r');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.out).toBe('No ReqTx waits in the SYSTEM mailbag of POLYNOMIAL/MONTGOMERY: nothing received (run reqmain -t on the requestors, then external)');
  });

  it('reqmain -t says it queued two messages, whatever the update count of the subject', () => {
    const r = run(NOV, 'forcedos reqmain -t');
    expect(r.exitCode, r.err).toBe(0);
    const n = /^ReqTx R=\d+ \(was \d+\), S=\d+, I=\d+ (\d+) sent$/.exec(r.out.split('\n')[1])![1];
    expect(r.out.split('\n').at(-1)).toBe(`Queued 2 messages for the dirsync server POLYNOMIAL/MONTGOMERY: ReqStat, and ReqTx with ${n} updates; External delivers them`);
  });

  it('a command run with another postoffice\'s drive says where it ran', () => {
    const r = run(DSS, 'reqmain -t -dO');
    expect(r.ranFor).toBe(`${NET}/OCTOBER`);
    expect(r.out.split('\n')[0]).toBe('Ran for POLYNOMIAL/OCTOBER (drive O:), not for POLYNOMIAL/MONTGOMERY (drive M:)');
    expect(run(DSS, 'reqmain -t').out).not.toMatch(/^Ran for/);
  });
});

describe('copy and del as the documents type them, on the model\'s drives', () => {
  it('copies RESYNC.GLB from the DSS to a requestor and deletes it from the DSS', () => {
    expect(run(DSS, `import ${PW} -s`).exitCode).toBe(0);
    expect(placeDirectory(db, DSS).warnings.join()).toMatch(/RESYNC.GLB is still in the GLB directory of the dirsync server/);
    const c = run(DSS, 'copy M:\\GLB\\RESYNC.GLB N:\\GLB');
    expect(c.exitCode, c.err).toBe(0);
    expect(c.out).toMatch(/^ {8}1 file\(s\) copied\nRESYNC.GLB copied from POLYNOMIAL\/MONTGOMERY \(M:\\GLB\) to POLYNOMIAL\/NOVEMBER \(N:\\GLB\) \(\d+ bytes\)$/);
    expect(readStoredFile(db, NOV, 'RESYNC.GLB')).toEqual(readStoredFile(db, DSS, 'RESYNC.GLB'));
    const d = run(DSS, 'del M:\\GLB\\RESYNC.GLB');
    expect(d.out).toBe('RESYNC.GLB deleted from POLYNOMIAL/MONTGOMERY (M:\\GLB)');
    expect(readStoredFile(db, DSS, 'RESYNC.GLB')).toBeUndefined();
    expect(placeDirectory(db, DSS).warnings).toEqual([]);
  });

  it('refuses host paths, unknown drives and the postoffice\'s own files, changing nothing', () => {
    const before = snapshotOf(db);
    for (const [line, message] of [
      ['copy /etc/passwd N:\\GLB', /is not a DOS path/],
      ['copy ..\\..\\x N:\\GLB', /climbs out of a directory/],
      ['copy N:\\GLB\\RESYNC.GLB C:\\TEMP', /no postoffice on drive C/],
      ['copy N:\\GLB\\RESYNC.GLB N:\\WINDOWS', /is not in the GLB directory of N:/],
      ['del N:\\GLB\\REQCONF.GLB', /REQCONF.GLB is one of the postoffice's own files/],
      ['del M:\\GLB\\RESYNC.GLB', /there is no RESYNC.GLB in POLYNOMIAL\/MONTGOMERY/],
      ['copy N:\\GLB\\RESYNC.GLB N:\\GLB', /cannot be copied onto itself/],
    ] as const) {
      const r = run(DSS, line);
      expect(r.exitCode, line).toBe(2);
      expect(r.err, line).toMatch(message);
    }
    expect(snapshotOf(db)).toEqual(before);
  });
});

describe('postoffice passwords at the prompt', () => {
  it('are masked in the line the prompt returns (and so in the audit trail)', () => {
    expect(run(DSS, `listds ${PW} -r`).line).toBe('listds admin -p**** -r -dPOLYNOMIAL/MONTGOMERY');
    expect(maskPasswords('import admin -p SECRET -q')).toBe('import admin -p **** -q');
    expect(maskPasswords('ds register --password=abc --password def')).toBe('ds register --password=**** --password ****');
  });

  it('wrong guesses are slowed per account and postoffice; the right one clears them', () => {
    const t0 = Date.UTC(2026, 0, 1);
    for (let k = 0; k < PROMPT_FREE_FAILURES; k++) {
      const r = run(NOV, 'listds admin -pGUESS -r', 'mallory', t0 + k);
      expect(r.err).toMatch(/wrong administrator password/);
    }
    // The next try, even with the right password, must wait.
    const waiting = run(NOV, `listds ${PW} -r`, 'mallory', t0 + 10);
    expect(waiting.exitCode).toBe(2);
    expect(waiting.err).toMatch(/^listds: too many wrong passwords for POLYNOMIAL\/NOVEMBER: try again in 1 second$/);
    expect(waiting.out).toBe('');
    // Another account, or another postoffice, is not held up.
    expect(run(NOV, `listds ${PW} -r`, 'admin', t0 + 10).exitCode).toBe(0);
    expect(run(DSS, `listds ${PW} -r`, 'mallory', t0 + 10).exitCode).toBe(0);
    // After the wait the right password goes through and forgets the failures.
    expect(run(NOV, `listds ${PW} -r`, 'mallory', t0 + 2000).exitCode).toBe(0);
    expect(run(NOV, 'listds admin -pGUESS -r', 'mallory', t0 + 2001).err).toMatch(/wrong administrator password/);
  });
});

describe('uploads are checked before they are stored', () => {
  it('a damaged RESYNC.GLB (a length field that lies) and a binary text file are refused', () => {
    const before = snapshotOf(db);
    const good = readStoredFile(db, NOV, 'RESYNC.GLB')!;
    const lying = good.slice();
    // The first record's text length (offset 48 + 10) claims more than the file holds.
    lying[58] = 0xff;
    lying[59] = 0xff;
    expect(() => placeFile(db, DSS, 'RESYNC.GLB', lying)).toThrow(/Error processing RESYNC.GLB/);
    expect(() => placeFile(db, DSS, 'NAMES.TXT', new Uint8Array([65, 0, 66]))).toThrow(/NAMES.TXT is not a text file \(byte 00 at offset 1\)/);
    expect(() => placeFile(db, DSS, 'BIG.TXT', new Uint8Array(600 * 1024).fill(65))).toThrow(/BIG.TXT is 614400 bytes; the limit is 524288/);
    expect(() => placeFile(db, DSS, '../X.TXT', new Uint8Array([65]))).toThrow(/is not a DOS file name/);
    expect(snapshotOf(db)).toEqual(before);
  });
});
