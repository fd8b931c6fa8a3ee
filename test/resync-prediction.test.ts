import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { encodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { predictResync, predictResyncFile, resyncDirections, type ResyncPlanInput } from '@/lib/resync/predict-resync';
import { cli, ok, snapshot, tempDbFile } from './helpers';

/**
 * The seed cases of issue 9 for the resync prediction, each followed by the real procedure to show
 * the prediction said what then happened: KB Q215505 (seed 000, Fatal 14 from an Exchange DSS
 * and GlobalMaxSeqInResync), seed 001 (KB Q150976, one or two requestors named), seed 002 (KB
 * Q156124, an MS Mail DSS's file for the Exchange requestor), the MS Mail DSS that still holds its
 * own copy, and a damaged upload.
 */

const PW = 'admin -pPW';

function withDb<T>(file: string, f: (db: Db) => T): T {
  const db = openDatabase(file);
  try {
    return f(db);
  } finally {
    db.$client.close();
  }
}

const plan = (file: string, input: ResyncPlanInput) => withDb(file, (db) => predictResync(db, input));

function hostBytes(file: string, place: string): Buffer {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'predict-')), 'RESYNC.GLB');
  ok(file, `file export ${place} RESYNC.GLB ${out}`);
  return fs.readFileSync(out);
}

function dssCycle(file: string, requestors: string[]): void {
  for (const po of requestors) ok(file, `reqmain -t -dPOLY/${po}`);
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'dispatch --until +1m');
  for (const po of requestors) ok(file, `nsda -rr -dPOLY/${po}`);
}

/**
 * Seeds 000/001: EXCH01 (POLYNOMIAL/HQ) the DSS of NOV ("NOV") and OCT ("October Office"); after
 * two cycles NOV's ReqSync is 3 and OCT's 2 (as in seed-001-resync-exchange-dss.test.ts).
 */
function exchangeDss(version: string): string {
  const file = tempDbFile('predict-seed001');
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
  dssCycle(file, ['NOV', 'OCT']);
  ok(file, 'user add -dPOLY/OCT EVE "Eve Eng"');
  dssCycle(file, ['OCT']);
  return file;
}

/** The seed's procedure: ResyncConnectionRDNs, restart DX, copy to NOV, Import -q there. */
function applyOnNov(file: string, ...names: string[]): { code: number; out: string; err: string } {
  ok(file, ['reg', 'set', 'EXCH01', 'ResyncConnectionRDNs', ...names]);
  ok(file, 'service restart EXCH01 MSExchangeDX');
  ok(file, 'file copy EXCH01:Dxadata POLY/NOV RESYNC.GLB');
  return cli(file, `import ${PW} -dPOLY/NOV -q -y`);
}

const NOV_RULE = "REQSEQ 2 is below this requestor's ReqSync 3; the DSS would reject its next changes as old";

describe('the resync prediction on the seed cases', () => {
  it('seed 000: NOV from a file naming only October Office on 5.5 is Fatal 14, as predicted, with the fixes', () => {
    const file = exchangeDss('5.5');
    const before = snapshot(file, true);
    const p = plan(file, { dss: 'EXCH01', requestors: ['POLY/NOV'], names: ['October Office'] });
    expect(snapshot(file, true)).toEqual(before);
    expect(p).toMatchObject({ direction: 'exchange-dss-to-msmail', dss: 'EXCH01', globalMaxInForce: false, version: '5.5' });
    expect(p.header).toMatchObject({ reqSeq: 2, impSeq: 0, dss: 'POLYNOMIAL/HQ' });
    const [nov] = p.verdicts;
    expect(nov).toMatchObject({ requestor: 'POLY/NOV', kind: 'msmail', applies: false, rule: NOV_RULE });
    expect(nov.atRequestor.reqSync).toBe(3);
    expect(nov.inDss?.reqSync).toBe(3);
    expect(nov.fixes.map((f) => f.code)).toEqual(['nameToo', 'upgradeDxa']);
    expect(nov.fixes[0].names).toEqual(['NOV']);

    const r = applyOnNov(file, 'October Office');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`Fatal [14] Error processing RESYNC.GLB: ${NOV_RULE}`);
    expect(plan(file, { dss: 'EXCH01', requestors: ['POLY/NOV'], names: ['October Office'] }).header).toEqual(p.header);
  });

  it('seed 000: GlobalMaxSeqInResync = 1 on 5.5 is still refused; on 5.5 SP3 it applies', () => {
    const file = exchangeDss('5.5');
    ok(file, 'reg set EXCH01 GlobalMaxSeqInResync 1');
    const on55 = plan(file, { dss: 'EXCH01', requestors: ['NOV'], names: ['October Office'] });
    expect(on55.globalMaxInForce).toBe(false);
    expect(on55.verdicts[0]).toMatchObject({ applies: false, rule: NOV_RULE });
    expect(on55.verdicts[0].fixes.map((f) => f.code)).toEqual(['nameToo', 'upgradeDxa']);
    expect(applyOnNov(file, 'October Office').err).toBe(`Fatal [14] Error processing RESYNC.GLB: ${NOV_RULE}`);
    ok(file, 'file delete POLY/NOV RESYNC.GLB');

    ok(file, 'exchange version EXCH01 5.5sp3');
    // Without the value, 5.5 SP3 offers it as the fix; with it (the registry's value, read by default) the file applies.
    const without = plan(file, { dss: 'EXCH01', requestors: ['NOV'], names: ['October Office'], globalMax: false });
    expect(without.verdicts[0].fixes.map((f) => f.code)).toEqual(['nameToo', 'setGlobalMax']);
    const p = plan(file, { dss: 'EXCH01', requestors: ['NOV'], names: ['October Office'] });
    expect(p.globalMaxInForce).toBe(true);
    expect(p.verdicts[0]).toMatchObject({ applies: true, fixes: [] });
    expect(p.verdicts[0].rule).toBeUndefined();
    expect(p.header?.reqSeq).toBe(3);
    const r = applyOnNov(file, 'October Office');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`RESYNC.GLB processed: ReqSync = 3, SrvSync = ${p.header!.srvSeq}, ImpSync = 0, ${p.header!.records} transactions`);
  });

  it('seed 001: one requestor named applies only on it; with both named both apply', () => {
    const file = exchangeDss('5.5');
    const one = plan(file, { dss: 'EXCH01', requestors: ['POLY/OCT', 'POLY/NOV'], names: ['October Office'] });
    expect(one.verdicts.map((v) => [v.requestor, v.applies])).toEqual([
      ['POLY/OCT', true],
      ['POLY/NOV', false],
    ]);
    // Default names: the targets' own Remote Dirsync Requestor names.
    const both = plan(file, { dss: 'EXCH01', requestors: ['October Office', 'NOV'] });
    expect(both.names).toEqual(['October Office', 'NOV']);
    expect(both.verdicts.every((v) => v.applies)).toBe(true);
    expect(both.header?.reqSeq).toBe(3);
    const r = applyOnNov(file, ...both.names!);
    expect(r.out).toContain('RESYNC.GLB processed: ReqSync = 3');
    ok(file, 'file copy EXCH01:Dxadata POLY/OCT RESYNC.GLB');
    expect(ok(file, `import ${PW} -dPOLY/OCT -q -y`)).toContain('RESYNC.GLB processed: ReqSync = 3');
  });

  it('an Exchange DSS names no requestor: no file would be written, and the fix names the target', () => {
    const file = exchangeDss('5.5');
    const p = plan(file, { dss: 'EXCH01', requestors: ['POLY/NOV'], names: ['Nowhere'] });
    expect(p.header).toBeNull();
    expect(p.ignoredNames).toEqual(['Nowhere']);
    expect(p.noFile).toMatch(/would write no Resync\.glb/);
    expect(p.verdicts[0]).toMatchObject({ applies: false, rule: p.noFile, fixes: [{ code: 'nameToo', names: ['NOV'] }] });
    ok(file, 'reg set EXCH01 ResyncConnectionRDNs Nowhere');
    expect(ok(file, 'service restart EXCH01 MSExchangeDX')).toContain('no Resync.glb written');
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe('No files in EXCH01:Dxadata');
  });

  it('seed 002: the MS Mail DSS’s file into the Exchange requestor applies; lost numbers above it are refused', () => {
    const file = tempDbFile('predict-seed002');
    for (const po of ['MONT', 'NOV']) ok(file, `po create POLY/${po} --password PW`);
    ok(file, 'user add -dM PAUL "Paul Allen"');
    ok(file, 'ds server -dM on');
    ok(file, 'ds requestor create -dM POLY/NOV --password S');
    ok(file, 'ds register -dN POLY/MONT --password S');
    ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
    ok(file, 'exchange connection add EXCH01 POLY/MONT');
    ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
    ok(file, 'exchange container add EXCH01 "MS Mail Users"');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients --import-container "MS Mail Users"');

    expect(withDb(file, (db) => resyncDirections(db))).toEqual([
      { direction: 'msmail-dss-to-exchange', dss: 'POLY/MONT', requestors: ['EXCH01'] },
      { direction: 'msmail-dss-to-msmail', dss: 'POLY/MONT', requestors: ['POLY/NOV'] },
    ]);
    const p = plan(file, { dss: 'M', requestors: ['EXCH01'] });
    expect(p.direction).toBe('msmail-dss-to-exchange');
    expect(p.verdicts[0]).toMatchObject({ requestor: 'EXCH01', kind: 'exchange', applies: true, inDss: { reqSync: 0, srvSync: 0, impSync: 0 } });
    ok(file, `import ${PW} -dM -s`);
    ok(file, 'file copy POLY/MONT EXCH01:Dxadata RESYNC.GLB');
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    expect(ok(file, 'service restart EXCH01 MSExchangeDX')).toContain(`Resync.glb applied: ReqSync = ${p.header!.reqSeq}`);

    // The requestor's numbers raised by hand above the DSS's (raw mode): refused, and no fix applies here.
    withDb(file, (db) =>
      db.$client.prepare("update reqconf set req_sync = 9 where po_id = (select id from postoffice where network = 'POLYNOMIAL')").run(),
    );
    const q = plan(file, { dss: 'POLY/MONT', requestors: ['EXCH01'] });
    expect(q.verdicts[0]).toMatchObject({ applies: false, rule: `REQSEQ ${q.header!.reqSeq} is below this requestor's ReqSync 9; the DSS would reject its next changes as old`, fixes: [] });
    ok(file, `import ${PW} -dM -s`);
    ok(file, 'file copy POLY/MONT EXCH01:Dxadata RESYNC.GLB');
    const r = cli(file, 'service restart EXCH01 MSExchangeDX');
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain(`Fatal [14] Error processing RESYNC.GLB: ${q.verdicts[0].rule}`);
  });

  it('an MS Mail DSS that still holds its own copy refuses it at its own import -q; the fix is to delete it there', () => {
    const file = tempDbFile('predict-own');
    for (const po of ['MONT', 'NOV']) ok(file, `po create POLY/${po} --password PW`);
    ok(file, 'ds server -dM on');
    ok(file, 'ds requestor create -dM POLY/NOV --password S');
    ok(file, 'ds register -dN POLY/MONT --password S');
    ok(file, `import ${PW} -dM -s`);
    const bytes = hostBytes(file, 'POLY/MONT');
    const rule = 'POLY/MONT is the dirsync server and its own RESYNC.GLB is still in its GLB directory; delete it there after copying it out';
    for (const p of [plan(file, { dss: 'M', requestors: ['M', 'N'] }), withDb(file, (db) => predictResyncFile(db, bytes, ['POLY/MONT', 'POLY/NOV']))]) {
      expect(p.dss).toBe('POLY/MONT');
      expect(p.verdicts[0]).toMatchObject({ requestor: 'POLY/MONT', applies: false, rule, fixes: [{ code: 'deleteDssCopy' }] });
      expect(p.verdicts[1]).toMatchObject({ requestor: 'POLY/NOV', applies: true });
    }
    const r = cli(file, `import ${PW} -dM -q -y`);
    expect(r.err).toBe(`Fatal [14] Error processing RESYNC.GLB: ${rule}`);
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    expect(cli(file, `import ${PW} -dM -q -y`).code).toBe(0);
  });

  it('a damaged upload: every target refused with the damage, fix "make a new file"; import -q says the same', () => {
    const file = tempDbFile('predict-damaged');
    for (const po of ['MONT', 'NOV']) ok(file, `po create POLY/${po} --password PW`);
    ok(file, 'user add -dM PAUL "Paul Allen"');
    ok(file, 'ds server -dM on');
    ok(file, 'ds requestor create -dM POLY/NOV --password S');
    ok(file, 'ds register -dN POLY/MONT --password S');
    ok(file, `import ${PW} -dM -s`);
    const good = hostBytes(file, 'POLY/MONT');
    const cut = good.subarray(0, good.length - 3);
    const p = withDb(file, (db) => predictResyncFile(db, cut, ['N']));
    expect(p.header).toBeNull();
    expect(p.damaged).toMatch(/^record \d+: /);
    expect(p.dss).toBe('POLY/MONT');
    expect(p.verdicts[0]).toMatchObject({ requestor: 'POLY/NOV', applies: false, rule: `the file is damaged (${p.damaged})` });
    expect(p.verdicts[0].fixes.map((f) => f.code)).toEqual(['makeNewFile']);
    const host = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'predict-')), 'CUT.GLB');
    fs.writeFileSync(host, cut);
    ok(file, `file import ${host} POLY/NOV RESYNC.GLB`);
    expect(cli(file, `import ${PW} -dN -q -y`).err).toBe(`Fatal [14] Error processing RESYNC.GLB: ${p.verdicts[0].rule}`);

    // Not a RESYNC.GLB at all: the signature.
    const junk = withDb(file, (db) => predictResyncFile(db, new TextEncoder().encode('hello'), ['N']));
    expect(junk.damaged).toMatch(/bad signature/);
  });

  it('an old upload whose numbers are below the requestor’s: make a new file', () => {
    const file = tempDbFile('predict-old');
    for (const po of ['MONT', 'NOV']) ok(file, `po create POLY/${po} --password PW`);
    ok(file, 'ds server -dM on');
    ok(file, 'ds requestor create -dM POLY/NOV --password S');
    ok(file, 'ds register -dN POLY/MONT --password S');
    withDb(file, (db) => {
      db.$client.prepare("update reqconf set req_sync = 4 where po_id = (select id from postoffice where name = 'NOV')").run();
      db.$client.prepare("update srv_requestor set req_sync = 4 where requestor = 'POLY/NOV'").run();
    });
    const old = encodeResyncGlb({ impSeq: 0, reqSeq: 1, srvSeq: 0, createdAt: 0, dss: 'POLY/MONT', records: [] });
    const p = withDb(file, (db) => predictResyncFile(db, old, ['POLY/NOV']));
    expect(p.header).toEqual({ impSeq: 0, reqSeq: 1, srvSeq: 0, records: 0, dss: 'POLY/MONT' });
    expect(p.verdicts[0]).toMatchObject({ applies: false, rule: "REQSEQ 1 is below this requestor's ReqSync 4; the DSS would reject its next changes as old" });
    expect(p.verdicts[0].fixes).toEqual([{ code: 'makeNewFile', text: 'This file is older than the requestor’s numbers: make a new RESYNC.GLB with import -s on POLY/MONT' }]);
    expect(plan(file, { dss: 'M', requestors: ['N'] }).verdicts[0].applies).toBe(true);
  });

  it('bad input is refused with what to do', () => {
    const file = exchangeDss('5.5');
    expect(() => plan(file, { dss: 'POLY/NOV', requestors: [] })).toThrow(/POLY\/NOV is not a Directory Synchronization Server/);
    expect(() => plan(file, { dss: 'EXCH01', requestors: ['POLY/XYZ'] })).toThrow(/does not exist/);
    expect(() => plan(file, { dss: 'EXCH01', requestors: ['Somebody'] })).toThrow(/"Somebody" is not a Remote Dirsync Requestor of EXCH01: .*\(NOV, October Office\)/);
    expect(() => plan(file, { dss: 'NOSUCH', requestors: [] })).toThrow(/neither an Exchange server nor a postoffice/);
    expect(withDb(file, (db) => resyncDirections(db))).toEqual([{ direction: 'exchange-dss-to-msmail', dss: 'EXCH01', requestors: ['POLY/NOV', 'POLY/OCT'] }]);
  });
});
