import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { decodeResyncGlb, encodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { cli, manualCycle, ok, smallNetwork, snapshot, tempDbFile } from './helpers';

const pw = 'admin -pSECRET';
const people = {
  M: [['PAUL', 'Paul Allen'], ['APPLE', 'Apple Orchard']] as [string, string][],
  N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow'], ['CAT', 'Cat Cole']] as [string, string][],
  O: [['DAN', 'Dan Dee'], ['EVE', 'Eve Eng']] as [string, string][],
};

function converged(): string {
  const file = tempDbFile('resync');
  smallNetwork(file, people);
  manualCycle(file, 'M', ['N', 'O'], 'SECRET');
  return file;
}

const readResync = (file: string, place: string) => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resync-')), 'RESYNC.GLB');
  ok(file, `file export ${place} RESYNC.GLB ${out}`);
  return fs.readFileSync(out);
};

const reqconf = (file: string, po: string) => {
  const db = openDatabase(file);
  try {
    return db.$client.prepare("select req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync from reqconf r join postoffice p on p.id = r.po_id where p.network || '/' || p.name = ?").get(po);
  } finally {
    db.$client.close();
  }
};

describe('RESYNC.GLB on an MS Mail DSS', () => {
  let file: string;
  beforeEach(() => {
    file = converged();
  });

  it('import -s is refused on a requestor with Fatal 67', () => {
    const r = cli(file, `import ${pw} -dN -s -y`);
    expect(r.code).toBe(1);
    expect(r.err).toBe('Fatal [67] Resync extract can be performed only at a Directory Synchronization Server');
    expect(ok(file, 'log -dN')).toContain('Fatal [67]');
  });

  it('import -s writes the header maxima and every list', () => {
    ok(file, `import ${pw} -dM -s -y`);
    const glb = decodeResyncGlb(readResync(file, 'POLY/MONT'));
    const records = JSON.parse(ok(file, `listds ${pw} -dM -s --json`)).records as { reqSync: number; impSync: number; srvSync: number; requestor: string }[];
    expect(glb.reqSeq).toBe(Math.max(...records.map((r) => r.reqSync)));
    expect(glb.reqSeq).toBe(3);
    expect(glb.impSeq).toBe(0);
    expect(glb.srvSeq).toBe(records.find((r) => r.requestor === 'POLY/MONT')!.srvSync);
    expect(glb.dss).toBe('POLY/MONT');
    expect(glb.records.map((r) => r.text)).toEqual([
      'R PCM:POLY/MONT', 'A Apple Orchard\tPCM:POLY/MONT/APPLE', 'A Paul Allen\tPCM:POLY/MONT/PAUL',
      'R PCM:POLY/NOV', 'A Ann Arbor\tPCM:POLY/NOV/ANN', 'A Ben Bow\tPCM:POLY/NOV/BEN', 'A Cat Cole\tPCM:POLY/NOV/CAT',
      'R PCM:POLY/OCT', 'A Dan Dee\tPCM:POLY/OCT/DAN', 'A Eve Eng\tPCM:POLY/OCT/EVE',
    ]);
    expect(ok(file, `listq ${pw} -dM -fresync`).split('\n')).toHaveLength(11);
  });

  it('applying it on the DSS itself is Fatal 14 and changes nothing', () => {
    ok(file, `import ${pw} -dM -s -y`);
    const before = snapshot(file);
    const r = cli(file, `import ${pw} -dM -q -y`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Fatal \[14\] Error processing RESYNC.GLB: .*dirsync server/);
    expect(snapshot(file)).toEqual(before);
    expect(ok(file, 'file list POLY/MONT')).toContain('RESYNC.GLB');
  });

  it('a requestor whose numbers went wrong is repaired: numbers set, pending changes renumbered, lists replaced', () => {
    ok(file, `import ${pw} -dM -s -y`);
    ok(file, 'file copy POLY/MONT POLY/NOV RESYNC.GLB');
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    // NOV loses its numbers (a reset), and has a change waiting.
    ok(file, `listds ${pw} -dN -r -z`);
    ok(file, 'user add -dN DOT "Dot Dash"');
    const pendingBefore = ok(file, `listq ${pw} -dN -freqtrans`).split('\n').slice(1);
    expect(pendingBefore).toHaveLength(1);
    const out = ok(file, `import ${pw} -dN -q -y`);
    expect(out).toContain('RESYNC.GLB processed: ReqSync = 3');
    expect(reqconf(file, 'POLY/NOV')).toEqual({ reqSync: 3, srvSync: 7, impSync: 0 });
    const pending = ok(file, `listq ${pw} -dN -freqtrans`).split('\n').slice(1);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatch(/ 000004 A Dot Dash\tPCM:POLY\/NOV\/DOT$/);
    expect(ok(file, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
    // The next cycle carries DOT to everyone; the DSS accepts it as new.
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    expect(ok(file, 'rebuild -f -dO')).toBe('GAL rebuilt: 8 names');
  });

  it('a damaged file is Fatal 14, stays in place and changes nothing', () => {
    ok(file, `import ${pw} -dM -s -y`);
    const bytes = readResync(file, 'POLY/MONT');
    bytes[bytes.length - 3] ^= 0x20;
    const damaged = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resync-')), 'RESYNC.GLB');
    fs.writeFileSync(damaged, bytes);
    ok(file, `file import ${damaged} POLY/OCT RESYNC.GLB`);
    const before = snapshot(file);
    const r = cli(file, `import ${pw} -dO -q -y`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Fatal \[14\] Error processing RESYNC.GLB: the file is damaged/);
    expect(snapshot(file)).toEqual(before);
    expect(ok(file, 'log -dO')).toMatch(/Fatal \[14\] Error processing RESYNC.GLB/);
  });

  it.each([
    ['REQSEQ', { reqSeq: 1, impSeq: 5 }, /REQSEQ 1 is below this requestor's ReqSync 3/],
    ['IMPSEQ', { reqSeq: 9, impSeq: 0 }, /IMPSEQ 0 is below this requestor's ImpSync 1/],
  ])('a file whose %s is below the requestor’s is Fatal 14 and changes nothing', (_, seqs, reason) => {
    // NOV asked for an Import once, so its ImpSync is 1; its ReqSync is 3.
    ok(file, 'ds import -dN');
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    expect(reqconf(file, 'POLY/NOV')).toMatchObject({ reqSync: 3, impSync: 1 });
    const glb = encodeResyncGlb({ ...seqs, srvSeq: 7, createdAt: Date.UTC(1994, 1, 26), dss: 'POLY/MONT', records: [{ stamp: Date.UTC(1994, 1, 26), sync: 1, text: 'R PCM:POLY/OCT' }] });
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resync-')), 'RESYNC.GLB');
    fs.writeFileSync(f, glb);
    ok(file, `file import ${f} POLY/NOV RESYNC.GLB`);
    const before = snapshot(file);
    const r = cli(file, `import ${pw} -dN -q -y`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(reason);
    expect(snapshot(file)).toEqual(before);
  });
});
