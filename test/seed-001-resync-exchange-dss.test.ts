import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeResyncGlb, type ResyncFile } from '@/lib/dirsync/resync-glb';
import { cli, ok, snapshot, tempDbFile } from './helpers';

/**
 * The troubleshooting documents (seed 001) on RESYNC.GLB from an Exchange dirsync server: KB Q150976
 * (KB Q150976: ResyncConnectionRDNs naming Remote Dirsync Requestor objects, restart
 * MSExchangeDX, Resync.glb appears in Dxadata and the value is removed; copy it to the requestor's
 * GLB and run Import -q) and KB Q215505 (000_*.txt: the DXA takes the highest IMPSEQ, SRVSEQ and
 * REQSEQ only over the requestors named, so another requestor with a higher ReqSync gets "Fatal
 * error 14: Error processing Resync.glb"; GlobalMaxSeqInResync = 1 with DXA 5.5 SP3 (build 2524)
 * takes them over every registered requestor). docs/engine.md, "The documents the code follows".
 */

const PW = 'admin -pPW';

const tmpPath = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed001-')), name);

/** Export a place's RESYNC.GLB to the real file system and decode it. */
function readGlb(file: string, place: string): ResyncFile {
  const out = tmpPath('RESYNC.GLB');
  ok(file, `file export ${place} RESYNC.GLB ${out}`);
  return decodeResyncGlb(fs.readFileSync(out));
}

interface Remote {
  name: string;
  postoffice: string;
  reqSync: number;
  srvSync: number;
  impSync: number;
}

const remotes = (file: string) => JSON.parse(ok(file, 'exchange remote-requestor list EXCH01 --json')) as Remote[];
const remote = (file: string, po: string) => remotes(file).find((r) => r.postoffice === po)!;

function listds(file: string, po: string): { reqSync: number; srvSync: number; impSync: number } {
  const r = JSON.parse(ok(file, `listds ${PW} -d${po} -r --json`));
  return { reqSync: r.reqSync, srvSync: r.srvSync, impSync: r.impSync };
}

/** The addresses of a postoffice's list of another postoffice, as Import -x extracts them. */
function listOf(file: string, po: string, of: string): string[] {
  const out = tmpPath('list.txt');
  ok(file, `import ${PW} -d${po} -f${out} -x${of}`);
  return fs
    .readFileSync(out, 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('A '))
    .sort();
}

/** T2 on the Exchange DSS by pausing DX, with the PC MTA carrying requests in and replies out. */
function dssCycle(file: string, requestors: string[]): string {
  for (const po of requestors) ok(file, `reqmain -t -dPOLY/${po}`);
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  const t2 = ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'dispatch --until +1m');
  for (const po of requestors) ok(file, `nsda -rr -dPOLY/${po}`);
  return t2;
}

/**
 * EXCH01 (org POLYNOMIAL, site HQ) the dirsync server, with Remote Dirsync Requestors NOV (display
 * name NOV) and OCT (display name "October Office"). Cycle 1: NOV sends 3 addresses, OCT 1. Cycle
 * 2: only OCT (it adds EVE), so NOV has not heard of EVE. NOV then adds DOT, which waits in its
 * REQTRANS. Numbers: NOV ReqSync 3, OCT ReqSync 2 — NOV's is the higher.
 */
function network(version: string): string {
  const file = tempDbFile('seed001');
  for (const po of ['NOV', 'OCT']) ok(file, `po create POLY/${po} --password PW`);
  for (const [m, f] of [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow'], ['CAT', 'Cat Cole']]) ok(file, ['user', 'add', '-dPOLY/NOV', m, f]);
  ok(file, 'user add -dPOLY/OCT DAN "Dan Dee"');
  ok(file, `exchange create POLYNOMIAL HQ EXCH01 --version ${version}`);
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  for (const po of ['NOV', 'OCT']) ok(file, `exchange connection add EXCH01 POLY/${po}`);
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV,POLY/OCT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'exchange dss EXCH01 --schedule never');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/OCT --name "October Office" --password OCTPW --export-containers Recipients');
  ok(file, 'ds register -dPOLY/NOV POLYNOMIAL/HQ --password NOVPW');
  ok(file, 'ds register -dPOLY/OCT POLYNOMIAL/HQ --password OCTPW');

  const t2 = dssCycle(file, ['NOV', 'OCT']);
  expect(t2).toContain('POLY/NOV: 3 of 3 updates accepted');
  expect(t2).toContain('POLY/OCT: 1 of 1 updates accepted');
  ok(file, 'user add -dPOLY/OCT EVE "Eve Eng"');
  expect(dssCycle(file, ['OCT'])).toContain('POLY/OCT: 1 of 1 updates accepted');
  ok(file, 'user add -dPOLY/NOV DOT "Dot Dash"');

  expect(listds(file, 'POLY/NOV')).toMatchObject({ reqSync: 3, impSync: 0 });
  expect(listds(file, 'POLY/OCT')).toMatchObject({ reqSync: 2, impSync: 0 });
  expect(remote(file, 'POLY/NOV')).toMatchObject({ name: 'NOV', reqSync: 3 });
  expect(remote(file, 'POLY/OCT')).toMatchObject({ name: 'October Office', reqSync: 2 });
  expect(remote(file, 'POLY/OCT').srvSync).toBeGreaterThan(remote(file, 'POLY/NOV').srvSync);
  expect(listOf(file, 'POLY/NOV', 'POLY/OCT').join('\n')).not.toContain('Eve Eng');
  return file;
}

/** Set ResyncConnectionRDNs and restart DX: the output of the restart. */
function makeResync(file: string, ...names: string[]): string {
  ok(file, ['reg', 'set', 'EXCH01', 'ResyncConnectionRDNs', ...names]);
  return ok(file, 'service restart EXCH01 MSExchangeDX');
}

/** Copy Dxadata\Resync.glb to NOV's GLB and run Import -q there, expecting Fatal 14 and no change. */
function expectFatal14OnNov(file: string, reason: RegExp): void {
  ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');
  const before = snapshot(file);
  const r = cli(file, `import ${PW} -dPOLY/NOV -q -y`);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^Fatal \[14\] Error processing RESYNC\.GLB/);
  expect(r.err).toMatch(reason);
  expect(snapshot(file)).toEqual(before);
  expect(ok(file, 'file list POLY/NOV')).toMatch(/^RESYNC\.GLB\s/);
  expect(ok(file, 'log -dPOLY/NOV').split('\n').pop()).toMatch(/Fatal \[14\] Error processing RESYNC\.GLB/);
}

describe('Resync.glb from an Exchange DSS (KB Q150976)', () => {
  it('ResyncConnectionRDNs + restart writes Dxadata\\Resync.glb with the named requestor’s maxima and removes the value', () => {
    const file = network('5.5');
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe('No files in EXCH01:Dxadata');
    const out = makeResync(file, 'October Office');
    expect(out).toContain('The Microsoft Exchange Directory Synchronization service was started successfully.');
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s+\d+\s/);
    // "In addition, the KEY that was added to the registry is removed."
    const gone = cli(file, 'reg get EXCH01 ResyncConnectionRDNs');
    expect(gone.code).toBe(2);
    expect(gone.err).toContain('has no value ResyncConnectionRDNs');
    expect(JSON.parse(ok(file, 'reg list EXCH01 --json'))).toEqual([]);

    const oct = remote(file, 'POLY/OCT');
    const glb = readGlb(file, 'EXCH01:Dxadata');
    expect({ reqSeq: glb.reqSeq, impSeq: glb.impSeq, srvSeq: glb.srvSeq }).toEqual({ reqSeq: oct.reqSync, impSeq: oct.impSync, srvSeq: oct.srvSync });
    expect(glb.reqSeq).toBe(2);
    expect(glb.dss).toBe('POLYNOMIAL/HQ');
    // The body: the master lists, an R and the A's of every origin.
    const texts = glb.records.map((r) => r.text);
    expect(texts).toEqual(
      expect.arrayContaining(['R PCM:POLY/NOV', 'A Ann Arbor\tPCM:POLY/NOV/ANN', 'R PCM:POLY/OCT', 'A Dan Dee\tPCM:POLY/OCT/DAN', 'A Eve Eng\tPCM:POLY/OCT/EVE']),
    );
    expect(texts.filter((t) => t.startsWith('A Pat Lee\t'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('R '))).toHaveLength(3);
    // listq -fresync on the requestor dumps it like any other queue.
    ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');
    const dumped = ok(file, `listq ${PW} -dPOLY/NOV -fresync`).split('\n');
    expect(dumped[0]).toBe('CRC  Sync#  Transaction');
    expect(dumped.slice(1).map((l) => l.replace(/^[0-9A-F]{4} \d{6} /, ''))).toEqual(texts);

    // A restart without the value writes nothing new.
    const stamp = ok(file, 'file list EXCH01:Dxadata');
    expect(ok(file, 'service restart EXCH01 MSExchangeDX')).not.toContain('Resync.glb written');
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe(stamp);
  });

  it('applied on NOV, whose ReqSync is above the named requestor’s: Fatal 14, file left, nothing changed (KB Q215505)', () => {
    const file = network('5.5');
    makeResync(file, 'October Office');
    expect(readGlb(file, 'EXCH01:Dxadata').reqSeq).toBeLessThan(listds(file, 'POLY/NOV').reqSync);
    expectFatal14OnNov(file, /REQSEQ 2 is below this requestor's ReqSync 3/);
    // Running it again is the same: the file is still there and still refused.
    const again = cli(file, `import ${PW} -dPOLY/NOV -q -y`);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^Fatal \[14\] Error processing RESYNC\.GLB/);
    expect(listds(file, 'POLY/NOV')).toMatchObject({ reqSync: 3 });
  });

  it('the RDN can also be the requestor’s postoffice name; naming both requestors takes the maxima over both', () => {
    const file = network('5.5');
    makeResync(file, 'POLY/OCT');
    expect(readGlb(file, 'EXCH01:Dxadata').reqSeq).toBe(2);
    expectFatal14OnNov(file, /REQSEQ 2/);
    ok(file, 'file delete POLY/NOV RESYNC.GLB');
    makeResync(file, 'October Office', 'NOV');
    const glb = readGlb(file, 'EXCH01:Dxadata');
    expect(glb.reqSeq).toBe(3);
    expect(glb.srvSeq).toBe(Math.max(remote(file, 'POLY/NOV').srvSync, remote(file, 'POLY/OCT').srvSync));
    ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');
    expect(ok(file, `import ${PW} -dPOLY/NOV -q -y`)).toContain('RESYNC.GLB processed: ReqSync = 3');
  });

  it('GlobalMaxSeqInResync = 1 is ignored by 5.5 (Fatal 14 again); after the upgrade to 5.5 SP3 the file applies on NOV', () => {
    const file = network('5.5');
    expect(ok(file, 'reg set EXCH01 GlobalMaxSeqInResync 1')).toContain('GlobalMaxSeqInResync  REG_DWORD  0x1 (1)');
    makeResync(file, 'October Office');
    expect(readGlb(file, 'EXCH01:Dxadata').reqSeq).toBe(2);
    expectFatal14OnNov(file, /REQSEQ 2 is below this requestor's ReqSync 3/);
    // The value stays (only ResyncConnectionRDNs is removed).
    expect(ok(file, 'reg get EXCH01 GlobalMaxSeqInResync').split('\n')).toEqual([
      'GlobalMaxSeqInResync  REG_DWORD  0x1 (1)',
      'Warning: EXCH01 will not read GlobalMaxSeqInResync: EXCH01 runs Exchange 5.5: only DXA 5.5 SP3 (build 2524) or later reads this value.',
    ]);

    // Dxa.exe 5.5.2524: regenerate.
    ok(file, 'exchange version EXCH01 5.5sp3');
    makeResync(file, 'October Office');
    const glb = readGlb(file, 'EXCH01:Dxadata');
    const all = remotes(file);
    expect(glb.reqSeq).toBe(Math.max(...all.map((r) => r.reqSync)));
    expect(glb.reqSeq).toBe(3);
    expect(glb.impSeq).toBe(Math.max(...all.map((r) => r.impSync)));
    expect(glb.srvSeq).toBe(Math.max(...all.map((r) => r.srvSync)));
    expect(glb.srvSeq).toBe(remote(file, 'POLY/OCT').srvSync);
    ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');

    const out = ok(file, `import ${PW} -dPOLY/NOV -q -y`);
    expect(out).toContain(`RESYNC.GLB processed: ReqSync = 3, SrvSync = ${glb.srvSeq}, ImpSync = 0, ${glb.records.length} transactions`);
    // Numbers from the header; the file is removed; the lists replaced as an Import Reply would: EVE is now known.
    expect(listds(file, 'POLY/NOV')).toEqual({ reqSync: 3, srvSync: glb.srvSeq, impSync: 0 });
    expect(ok(file, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
    expect(listOf(file, 'POLY/NOV', 'POLY/OCT')).toEqual(['A Dan Dee\tPCM:POLY/OCT/DAN', 'A Eve Eng\tPCM:POLY/OCT/EVE']);
    // DOT, still pending, keeps a number above REQSEQ; the next cycle carries it and the DSS accepts it as new.
    const pending = ok(file, `listq ${PW} -dPOLY/NOV -freqtrans`).split('\n').slice(1);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatch(/ 000004 A Dot Dash\tPCM:POLY\/NOV\/DOT$/);
    expect(ok(file, 'log -dPOLY/NOV')).toContain('RESYNC.GLB processed');
    const t2 = dssCycle(file, ['NOV']);
    expect(t2).toContain('POLY/NOV: 1 of 1 updates accepted');
    expect(t2).toMatch(new RegExp(`SrvTx R=4 S=\\d+ \\(was ${glb.srvSeq}\\), I=0 0 sent`));
    expect(listds(file, 'POLY/NOV')).toMatchObject({ reqSync: 4 });
  });

  it.each([
    ['5.5sp3', '0', false],
    ['5.5sp3', 'absent', false],
    ['2000', '1', true],
    ['5.0', '1', false],
  ] as const)('on %s with GlobalMaxSeqInResync %s: maxima over every requestor = %s', (version, value, global) => {
    const file = network(version);
    if (value !== 'absent') ok(file, `reg set EXCH01 GlobalMaxSeqInResync ${value}`);
    makeResync(file, 'October Office');
    expect(readGlb(file, 'EXCH01:Dxadata').reqSeq).toBe(global ? 3 : 2);
    if (global) {
      ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');
      expect(ok(file, `import ${PW} -dPOLY/NOV -q -y`)).toContain('RESYNC.GLB processed: ReqSync = 3');
      expect(ok(file, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
    } else expectFatal14OnNov(file, /REQSEQ 2 is below this requestor's ReqSync 3/);
  });

  it('the file applies on the requestor it was made for (OCT), and OCT’s numbers come from the header', () => {
    const file = network('5.5');
    makeResync(file, 'October Office');
    const glb = readGlb(file, 'EXCH01:Dxadata');
    ok(file, 'file copy EXCH01:Dxadata POLY/OCT RESYNC.GLB');
    expect(ok(file, `import ${PW} -dPOLY/OCT -q -y`)).toContain(`RESYNC.GLB processed: ReqSync = 2, SrvSync = ${glb.srvSeq}, ImpSync = 0`);
    expect(listds(file, 'POLY/OCT')).toEqual({ reqSync: 2, srvSync: glb.srvSeq, impSync: 0 });
    expect(ok(file, 'file list POLY/OCT')).toBe('No files in POLY/OCT');
    // Copying does not move it: Dxadata keeps its copy.
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
  });
});
