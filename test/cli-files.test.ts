import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ok, tempDbFile, dump } from './helpers';

// `file copy|delete|list|export|import`: RESYNC.GLB between places and the real file system.

const PW = 'admin -pSECRET';

const db = tempDbFile('files');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-files-'));
  for (const line of [
    'po create POLY/MONT --password SECRET',
    'po create POLY/NOV --password SECRET',
    'po create POLY/OCT --password SECRET',
    'ds server -dM on',
    'ds requestor create -dM POLY/NOV --password NOVPW',
    'ds register -dN POLY/MONT --password NOVPW',
    'user add -dM PAUL "Paul"',
    'user add -dN ANN "Ann Arbor"',
  ])
    ok(db, line);
  ok(db, `import ${PW} -dM -s -y`);
});

/** A usage error: exit 2, nothing on stdout, one line on stderr matching `message`, nothing changed. */
function refused(line: string | string[], message: RegExp): void {
  const before = dump(db);
  const r = cli(db, line);
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).toMatch(message);
  expect(dump(db)).toEqual(before);
}

describe('file list', () => {
  it('lists RESYNC.GLB in the GLB directory of the DSS after import -s', () => {
    const size = (JSON.parse(ok(db, 'file list POLY/MONT --json')) as { size: number }[])[0].size;
    expect(ok(db, 'file list POLY/MONT')).toBe(`RESYNC.GLB   ${String(size).padStart(10)}  Sat Feb 26 08:00:00 1994`);
    // A drive letter names the same place.
    expect(ok(db, 'file list M')).toBe(ok(db, 'file list POLY/MONT'));
  });

  it('says so when a place has no files', () => {
    expect(ok(db, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
    expect(JSON.parse(ok(db, 'file list n --json'))).toEqual([]);
  });
});

describe('file export / file import', () => {
  it('carries RESYNC.GLB through a real file, byte for byte', () => {
    const out = path.join(dir, 'resync.glb');
    const exported = ok(db, ['file', 'export', 'POLY/MONT', 'RESYNC.GLB', out]);
    const bytes = fs.readFileSync(out);
    expect(exported).toBe(`RESYNC.GLB written to ${out} (${bytes.length} bytes)`);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('RESYNCGL');
    expect(ok(db, ['file', 'import', out, 'POLY/NOV', 'resync.glb'])).toBe(`${out} placed in POLY/NOV as RESYNC.GLB (${bytes.length} bytes)`);
    const back = path.join(dir, 'resync-back.glb');
    ok(db, ['file', 'export', 'N', 'RESYNC.GLB', back]);
    expect(fs.readFileSync(back).equals(bytes)).toBe(true);
    // LISTQ reads the copy the same as the original.
    expect(ok(db, `listq ${PW} -dN -fresync -t`)).toBe(ok(db, `listq ${PW} -dM -fresync -t`));
  });

  it('the imported file is processed by import -q like a copied one', () => {
    ok(db, 'file delete POLY/MONT RESYNC.GLB');
    expect(ok(db, `import ${PW} -dN -q -y`)).toContain('RESYNC.GLB');
    expect(ok(db, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
  });

  it('refuses a missing source file, a directory, and a path it cannot write', () => {
    refused(['file', 'import', path.join(dir, 'missing.glb'), 'POLY/NOV', 'RESYNC.GLB'], /^dirsync file: cannot read the file .*missing\.glb: check the path given with the path of the file to import$/);
    refused(['file', 'import', dir, 'POLY/NOV', 'RESYNC.GLB'], /^dirsync file: cannot read /);
    ok(db, `import ${PW} -dM -s -y`);
    refused(['file', 'export', 'POLY/MONT', 'RESYNC.GLB', path.join(dir, 'no-dir', 'x.glb')], /^dirsync file: cannot write .*x\.glb \(ENOENT\): check the path given with the export path$/);
    refused(['file', 'export', 'POLY/OCT', 'RESYNC.GLB', path.join(dir, 'x.glb')], /^dirsync file: there is no RESYNC\.GLB in POLY\/OCT/);
    expect(fs.existsSync(path.join(dir, 'x.glb'))).toBe(false);
  });
});

describe('file copy / file delete', () => {
  it('copies RESYNC.GLB from one postoffice to another and deletes it', () => {
    expect(ok(db, 'file copy POLY/MONT POLY/OCT RESYNC.GLB')).toBe('RESYNC.GLB copied from POLY/MONT to POLY/OCT');
    expect(ok(db, 'file list POLY/OCT').split(/\s+/)[0]).toBe('RESYNC.GLB');
    expect(ok(db, 'file list POLY/OCT')).toBe(ok(db, 'file list POLY/MONT'));
    expect(ok(db, 'file delete POLY/OCT RESYNC.GLB')).toBe('RESYNC.GLB deleted from POLY/OCT');
    expect(ok(db, 'file list POLY/OCT')).toBe('No files in POLY/OCT');
    // The source is untouched by the copy and by deleting the copy.
    expect(ok(db, 'file list POLY/MONT')).toMatch(/^RESYNC\.GLB /);
  });

  it('accepts drive letters and any case for the places and the name', () => {
    expect(ok(db, 'file copy m o resync.glb')).toBe('RESYNC.GLB copied from POLY/MONT to POLY/OCT');
    expect(ok(db, 'file delete poly/oct Resync.Glb')).toBe('RESYNC.GLB deleted from POLY/OCT');
  });

  it('--json reports what was done', () => {
    expect(JSON.parse(ok(db, 'file copy POLY/MONT POLY/OCT RESYNC.GLB --json'))).toEqual({ copied: 'RESYNC.GLB', from: 'POLY/MONT', to: 'POLY/OCT' });
    expect(JSON.parse(ok(db, 'file delete POLY/OCT RESYNC.GLB --json'))).toEqual({ deleted: 'RESYNC.GLB', at: 'POLY/OCT' });
  });

  it('refuses other names than RESYNC.GLB', () => {
    refused('file copy POLY/MONT POLY/OCT REQCONF.GLB', /^dirsync file: REQCONF\.GLB is one of the postoffice.s own files, kept by the MS Mail utilities: only RESYNC\.GLB and files you place there/);
    refused('file delete POLY/MONT MSTTRANS.GLB', /^dirsync file: [A-Z]+\.(GLB|NME) is one of the postoffice.s own files/);
    refused(['file', 'export', 'POLY/MONT', 'GAL.NME', path.join(dir, 'gal.nme')], /^dirsync file: [A-Z]+\.(GLB|NME) is one of the postoffice.s own files/);
    refused(['file', 'import', path.join(dir, 'resync.glb'), 'POLY/OCT', 'SRVTRANS.GLB'], /^dirsync file: [A-Z]+\.(GLB|NME) is one of the postoffice.s own files/);
  });

  it('refuses unknown places', () => {
    refused('file copy POLY/MONT POLY/NOPE RESYNC.GLB', /^dirsync file: postoffice POLY\/NOPE does not exist/);
    refused('file copy POLY/NOPE POLY/OCT RESYNC.GLB', /^dirsync file: postoffice POLY\/NOPE does not exist/);
    refused('file list Q', /^dirsync file: no postoffice on drive Q/);
    refused('file list EXSRV:Dxadata', /^dirsync file: there is no Exchange server EXSRV: create it with "dirsync exchange create"$/);
    refused('file list nowhere', /^dirsync file: "nowhere" is neither a drive letter nor NET\/PO$/);
  });

  it('refuses to copy or delete a file that is not there', () => {
    refused('file copy POLY/NOV POLY/OCT RESYNC.GLB', /^dirsync file: there is no RESYNC\.GLB in POLY\/NOV: "dirsync file list POLY\/NOV" shows what is there$/);
    refused('file delete POLY/OCT RESYNC.GLB', /^dirsync file: there is no RESYNC\.GLB in POLY\/OCT/);
  });

  it('refuses a wrong number of words and unknown verbs', () => {
    refused('file list', /^dirsync file: file list takes <place>: NET\/PO or SERVER:Dxadata$/);
    refused('file copy POLY/MONT RESYNC.GLB', /^dirsync file: file copy takes <from> <to> RESYNC\.GLB$/);
    refused('file move POLY/MONT POLY/OCT RESYNC.GLB', /^dirsync file: unknown file command "move"/);
    refused('file', /^dirsync file: file needs a command: copy, delete, list, export or import$/);
  });
});
