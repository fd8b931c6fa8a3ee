import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { rerunWizardFrom, runWizardStep } from '@/lib/resync/run-wizard-step';
import { closeWizard, createWizard, openWizards, readWizard, setWizardOptions, setWizardPage, uploadWizardFile, wizardFile } from '@/lib/resync/wizard-state';
import { resyncWizardView } from '@/lib/queries/resync-wizard-view';
import type { ResyncPrediction } from '@/lib/resync/predict-resync';
import { manualCycle, ok, refusal, smallNetwork, snapshotOf, tempDbFile } from './helpers';

/**
 * The Resync Wizard's procedure (lib/resync/): each direction's steps, run in order to the end on
 * a test network, with the check of each; a failed step, its fix and the run going on; a step
 * refused when run twice; the run resumed from the database by another connection.
 */

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
});
const dbOf = (file: string) => {
  const db = openDatabase(file);
  open.push(db);
  return db;
};

/** Run every pending step in order; returns the statuses. */
function runAll(db: Db, id: number, by = 'admin', upTo = Infinity): string[] {
  const out: string[] = [];
  for (const s of readWizard(db, id).steps) {
    if (s.status === 'done') continue;
    if (s.position > upTo) break;
    const r = runWizardStep(db, { id, position: s.position, revision: readWizard(db, id).revision, by });
    out.push(`${s.code}:${r.status}`);
    if (r.status === 'failed') break;
  }
  return out;
}

/** MONT the DSS with NOV (ALICE, BOB) and OCT (OLGA), one full cycle; password SECRET. */
function msmailNetwork(): string {
  const file = tempDbFile('wizard-msmail');
  smallNetwork(file, { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker'], ['BOB', 'Bob Stone']], O: [['OLGA', 'Olga Roberts']] });
  manualCycle(file, 'M', ['N', 'O'], 'SECRET');
  return file;
}

/** EXCH01 (5.5 SP3 unless told) the DSS of NOV and OCT ("October Office"); NOV's ReqSync 3 above OCT's 2 (seed 000's shape). */
function exchangeDss(version = '5.5sp3'): string {
  const file = tempDbFile('wizard-xdss');
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
  const cycle = (pos: string[]) => {
    for (const po of pos) ok(file, `reqmain -t -dPOLY/${po}`);
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    ok(file, 'dispatch --until +1m');
    for (const po of pos) ok(file, `nsda -rr -dPOLY/${po}`);
  };
  cycle(['NOV', 'OCT']);
  ok(file, 'user add -dPOLY/OCT EVE "Eve Eng"');
  cycle(['OCT']);
  return file;
}

/** MONT the DSS of NOV and of EXCH01 (POLYNOMIAL/HQ, importing into "MS Mail Users"), converged. */
function exchangeRequestor(): string {
  const file = tempDbFile('wizard-xreq');
  ok(file, 'po create POLY/MONT --password PW');
  ok(file, 'po create POLY/NOV --password PW');
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ALICE "Alice Walker"');
  ok(file, 'ds server -dM on');
  ok(file, 'ds requestor create -dM POLY/NOV --password S');
  ok(file, 'ds register -dN POLY/MONT --password S');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, 'exchange container add EXCH01 "MS Mail Users"');
  ok(file, 'exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients --import-container "MS Mail Users"');
  for (let k = 0; k < 2; k++) {
    for (const d of ['M', 'N']) ok(file, `reqmain -t -d${d}`);
    ok(file, 'service pause EXCH01 MSExchangeDX');
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    ok(file, 'srvmain -r -dM');
    ok(file, 'srvmain -t -dM');
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    for (const d of ['M', 'N']) ok(file, `nsda -rr -d${d}`);
  }
  return file;
}

describe('Resync Wizard: MS Mail DSS → MS Mail requestors', () => {
  it('runs import -s, the copies, the removal from the DSS, then import -q -y and rebuild -f on each requestor, every check green', () => {
    const file = msmailNetwork();
    const db = dbOf(file);
    // NOV's numbers went wrong (its REQCONF lost): the resync gives it the DSS's.
    db.$client.prepare("update reqconf set req_sync = 0, srv_sync = 0 where po_id = (select id from postoffice where name = 'NOV')").run();
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'M', requestors: ['N', 'POLY/OCT'] }, 'admin');
    const w = readWizard(db, id);
    expect(w.dss).toBe('POLY/MONT');
    expect(w.requestors).toEqual(['POLY/NOV', 'POLY/OCT']);
    expect(w.steps.map((s) => `${s.code} ${s.target}`)).toEqual([
      'extract POLY/MONT',
      'copy POLY/NOV',
      'copy POLY/OCT',
      'deleteFromDss POLY/MONT',
      'import POLY/NOV',
      'rebuild POLY/NOV',
      'import POLY/OCT',
      'rebuild POLY/OCT',
    ]);
    expect(w.steps[0].cli).toBe('dirsync import admin -p<password> -dPOLY/MONT -s -y');
    expect(w.steps[1].cli).toBe('dirsync file copy POLY/MONT POLY/NOV RESYNC.GLB');
    expect(w.steps[4].cli).toBe('dirsync import admin -p<password> -dPOLY/NOV -q -y');
    expect(w.steps[5].cli).toBe('dirsync rebuild -dPOLY/NOV -f');
    // Creating it changed nothing in the network.
    expect(ok(file, 'file list POLY/MONT')).toBe('No files in POLY/MONT');

    expect(runAll(db, id)).toEqual(['extract:done', 'copy:done', 'copy:done', 'deleteFromDss:done', 'import:done', 'rebuild:done', 'import:done', 'rebuild:done']);
    const after = readWizard(db, id);
    expect(after.steps.every((s) => s.checked?.ok)).toBe(true);
    expect(after.steps[3].checked?.lines).toEqual(['no RESYNC.GLB left in POLY/MONT']);
    expect(after.steps[4].checked?.lines.join('\n')).toContain('import -q ran without Fatal 14');
    expect(after.before?.find((s) => s.requestor === 'POLY/NOV')).toMatchObject({ reqSync: 0, srvSync: 0 });
    const nov = after.now.find((s) => s.requestor === 'POLY/NOV')!;
    expect(nov.reqSync).toBeGreaterThan(0);
    expect(nov.gal).toBe(4);
    expect(ok(file, 'file list POLY/NOV')).toBe('No files in POLY/NOV');
    expect(wizardFile(db, id)?.source).toBe('dss');
    expect(closeWizard(db, id, after.revision, 'finished')).toBeGreaterThan(after.revision);
    expect(readWizard(db, id)).toMatchObject({ status: 'finished', page: 'finish' });
  });

  it('a step is refused when run twice, or out of order, or against a stale revision', () => {
    const db = dbOf(msmailNetwork());
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'M', requestors: ['N'] }, 'admin');
    const rev = readWizard(db, id).revision;
    expect(refusal(() => runWizardStep(db, { id, position: 2, revision: rev, by: 'admin' })).message).toMatch(/run step 1 first/);
    const first = runWizardStep(db, { id, position: 1, revision: rev, by: 'alice' });
    expect(first.status).toBe('done');
    // A second admin who saw the old revision, then anyone asking again: refused, nothing run.
    expect(refusal(() => runWizardStep(db, { id, position: 1, revision: rev, by: 'bob' }))).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/changed by someone else/) });
    expect(refusal(() => runWizardStep(db, { id, position: 1, revision: first.revision, by: 'bob' }))).toMatchObject({
      kind: 'conflict',
      message: 'step 1 was already done by alice: it is not run twice',
    });
    expect(readWizard(db, id).steps[0]).toMatchObject({ runs: 1, ranBy: 'alice', status: 'done' });
    // Options are fixed once a step ran.
    expect(refusal(() => setWizardOptions(db, id, first.revision, { requestors: ['N', 'O'] })).message).toMatch(/fixed now/);
  });

  it('a failed step records the error, its meaning and fix; after the fix the wizard goes on from there to the end', () => {
    const file = msmailNetwork();
    const db = dbOf(file);
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'M', requestors: ['N', 'O'] }, 'admin');
    expect(runAll(db, id, 'admin', 2)).toEqual(['extract:done', 'copy:done']);
    // Someone deletes the DSS's file at the command prompt before the copy to OCT.
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    const before = readWizard(db, id);
    const r = runWizardStep(db, { id, position: 3, revision: before.revision, by: 'admin' });
    expect(r.status).toBe('failed');
    expect(r.failure?.text).toMatch(/there is no RESYNC\.GLB in POLY\/MONT/);
    expect(r.failure?.meaning).toMatch(/not where the previous step left it/);
    expect(r.failure?.rerunFrom).toBe(1);
    expect(ok(file, 'file list POLY/OCT')).toBe('No files in POLY/OCT');
    // The fix: make the file again, from the step that makes it.
    const rev = rerunWizardFrom(db, { id, position: r.failure!.rerunFrom!, revision: r.revision });
    expect(readWizard(db, id).steps.map((s) => s.status)).toEqual(Array(8).fill('pending'));
    expect(rev).toBeGreaterThan(r.revision);
    expect(runAll(db, id)).toEqual(['extract:done', 'copy:done', 'copy:done', 'deleteFromDss:done', 'import:done', 'rebuild:done', 'import:done', 'rebuild:done']);
    expect(readWizard(db, id).steps[2].runs).toBe(2);
  });

  it('an uploaded file replaces import -s and the copies; a damaged upload fails at import with Fatal 14 and changes nothing', () => {
    const file = msmailNetwork();
    const db = dbOf(file);
    ok(file, 'import admin -pSECRET -dM -s');
    const bytes = db.$client.prepare("select bytes from stored_file where place = 'POLY/MONT'").get() as { bytes: Buffer };
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'M', requestors: ['N'] }, 'admin');
    const bad = Uint8Array.from(bytes.bytes);
    bad[bad.length - 2] ^= 0x20;
    uploadWizardFile(db, id, undefined, bad);
    expect(readWizard(db, id).steps.map((s) => s.code)).toEqual(['placeUpload', 'import', 'rebuild']);
    const out = runAll(db, id);
    expect(out).toEqual(['placeUpload:done', 'import:failed']);
    const failed = readWizard(db, id).steps[1];
    expect(failed.failure).toMatchObject({ number: 14, meaning: expect.stringMatching(/damaged/) });
    expect(failed.output.join('\n')).toMatch(/Fatal \[14\] Error processing RESYNC\.GLB: the file is damaged/);
    expect(refusal(() => uploadWizardFile(db, id, undefined, new Uint8Array(bytes.bytes)))).toMatchObject({ kind: 'conflict' });
  });
});

describe('Resync Wizard: Exchange DSS → MS Mail requestors', () => {
  it('sets ResyncConnectionRDNs, restarts DX (file in Dxadata, value gone), copies, imports and rebuilds', () => {
    const file = exchangeDss();
    const db = dbOf(file);
    const id = createWizard(db, { direction: 'exchange-dss-to-msmail', dss: 'EXCH01', requestors: ['POLY/OCT'] }, 'admin');
    expect(readWizard(db, id).names).toEqual(['October Office']);
    expect(readWizard(db, id).steps.map((s) => s.cli)).toEqual([
      'dirsync reg set EXCH01 ResyncConnectionRDNs "October Office"',
      'dirsync service restart EXCH01 MSExchangeDX',
      'dirsync file copy EXCH01:Dxadata POLY/OCT RESYNC.GLB',
      'dirsync import admin -p<password> -dPOLY/OCT -q -y',
      'dirsync rebuild -dPOLY/OCT -f',
    ]);
    expect(runAll(db, id)).toEqual(['setRdns:done', 'restartDxDss:done', 'copy:done', 'import:done', 'rebuild:done']);
    const w = readWizard(db, id);
    expect(w.steps[1].checked?.lines).toEqual([expect.stringMatching(/^Resync\.glb is in EXCH01:Dxadata/), 'ResyncConnectionRDNs was removed from the registry']);
    expect(JSON.parse(ok(file, 'reg list EXCH01 --json'))).toEqual([]);
  });

  it('seed 000: NOV with only "October Office" named fails with Fatal 14; the fix (also name NOV) makes a new plan that applies', () => {
    const file = exchangeDss('5.5');
    const db = dbOf(file);
    const id = createWizard(db, { direction: 'exchange-dss-to-msmail', dss: 'EXCH01', requestors: ['POLY/NOV'], names: ['October Office'] }, 'admin');
    // GlobalMaxSeqInResync is not offered below 5.5 SP3.
    expect(refusal(() => setWizardOptions(db, id, undefined, { globalMax: true })).message).toMatch(/only DXA 5\.5 SP3 \(build 2524\) or later reads GlobalMaxSeqInResync/);
    expect(runAll(db, id)).toEqual(['setRdns:done', 'restartDxDss:done', 'copy:done', 'import:failed']);
    const failed = readWizard(db, id).steps[3];
    expect(failed.failure).toMatchObject({ number: 14, text: expect.stringMatching(/REQSEQ 2 is below this requestor's ReqSync 3/) });
    expect(failed.failure?.fix).toMatch(/name POLY\/NOV in ResyncConnectionRDNs too/);
    setWizardOptions(db, id, undefined, { names: ['October Office', 'NOV'] });
    expect(readWizard(db, id).steps.every((s) => s.status === 'pending')).toBe(true);
    expect(runAll(db, id)).toEqual(['setRdns:done', 'restartDxDss:done', 'copy:done', 'import:done', 'rebuild:done']);
    const w = readWizard(db, id);
    expect(w.now[0]).toMatchObject({ requestor: 'POLY/NOV', reqSync: 3 });
    expect(w.before?.[0]).toMatchObject({ requestor: 'POLY/NOV', reqSync: 3 });
  });

  it('the Prediction page shows NOV refused with Fatal 14 and its fixes before anything changes; the fix turns it to "will apply"', () => {
    const file = exchangeDss('5.5sp3');
    const db = dbOf(file);
    const id = createWizard(db, { direction: 'exchange-dss-to-msmail', dss: 'EXCH01', requestors: ['POLY/NOV', 'POLY/OCT'], names: ['October Office'] }, 'admin');
    const before = snapshotOf(db);
    const view = resyncWizardView(db, id, 'prediction');
    expect(view.page).toBe('prediction');
    expect(view.pages).toEqual(['direction', 'requestors', 'exchange', 'prediction', 'files', 'steps', 'finish']);
    if ('error' in view.prediction) throw new Error(view.prediction.error);
    const nov = view.prediction.verdicts.find((v) => v.requestor === 'POLY/NOV')!;
    expect(nov).toMatchObject({ applies: false, rule: expect.stringMatching(/REQSEQ 2 is below this requestor's ReqSync 3/) });
    expect(nov.fixes.map((f) => f.code)).toEqual(['nameToo', 'setGlobalMax']);
    expect(view.prediction.verdicts.find((v) => v.requestor === 'POLY/OCT')?.applies).toBe(true);
    expect(view.choices.map((c) => c.requestor)).toEqual(['POLY/NOV', 'POLY/OCT']);
    expect(view.exchange).toMatchObject({ sp3: true, registryGlobalMax: false, remoteNames: [{ name: 'NOV', po: 'POLY/NOV' }, { name: 'October Office', po: 'POLY/OCT' }] });
    expect(snapshotOf(db)).toEqual(before);
    setWizardOptions(db, id, undefined, { globalMax: true });
    const fixed = resyncWizardView(db, id, 'prediction').prediction as ResyncPrediction;
    expect(fixed.verdicts.every((v) => v.applies)).toBe(true);
    expect(fixed.globalMaxInForce).toBe(true);
    expect(runAll(db, id).every((r) => r.endsWith(':done'))).toBe(true);
  });

  it('with GlobalMaxSeqInResync on 5.5 SP3 the registry step comes first and the file covers NOV', () => {
    const file = exchangeDss('5.5sp3');
    const db = dbOf(file);
    const id = createWizard(db, { direction: 'exchange-dss-to-msmail', dss: 'EXCH01', requestors: ['POLY/NOV'], names: ['October Office'], globalMax: true }, 'admin');
    expect(readWizard(db, id).steps[0]).toMatchObject({ code: 'setGlobalMax', cli: 'dirsync reg set EXCH01 GlobalMaxSeqInResync 1' });
    expect(runAll(db, id)).toEqual(['setGlobalMax:done', 'setRdns:done', 'restartDxDss:done', 'copy:done', 'import:done', 'rebuild:done']);
  });
});

describe('Resync Wizard: MS Mail DSS → Exchange requestor', () => {
  it('import -s, copy to Dxadata, remove from the DSS, restart DX: numbers from the header, the Import Container repopulated', () => {
    const file = exchangeRequestor();
    const db = dbOf(file);
    // The Import Container lost its recipients and the numbers are wrong.
    ok(file, ['exchange', 'recipient', 'delete', 'EXCH01', 'MS Mail Users', 'ALICE']);
    db.$client.prepare("update reqconf set req_sync = 0, srv_sync = 0 where po_id = (select id from postoffice where name = 'HQ')").run();
    const id = createWizard(db, { direction: 'msmail-dss-to-exchange', dss: 'POLY/MONT', requestors: ['EXCH01'] }, 'admin');
    expect(readWizard(db, id).steps.map((s) => s.cli)).toEqual([
      'dirsync import admin -p<password> -dPOLY/MONT -s -y',
      'dirsync file copy POLY/MONT EXCH01:Dxadata RESYNC.GLB',
      'dirsync file delete POLY/MONT RESYNC.GLB',
      'dirsync service restart EXCH01 MSExchangeDX',
    ]);
    expect(runAll(db, id)).toEqual(['extract:done', 'copy:done', 'deleteFromDss:done', 'restartDxRequestor:done']);
    const w = readWizard(db, id);
    expect(w.before?.[0]).toMatchObject({ requestor: 'EXCH01', kind: 'exchange', reqSync: 0, gal: 1 });
    expect(w.now[0]).toMatchObject({ requestor: 'EXCH01', kind: 'exchange', gal: 2 });
    expect(w.now[0].srvSync).toBeGreaterThan(0);
    expect(w.steps[3].checked?.lines.join('\n')).toContain('Import Container MS Mail Users: 2 imported recipients');
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe('No files in EXCH01:Dxadata');
  });

  it('every step is resumed from the database by another connection (a server restart), and each page change needs the current revision', () => {
    const file = exchangeRequestor();
    const a = dbOf(file);
    const id = createWizard(a, { direction: 'msmail-dss-to-exchange', dss: 'POLY/MONT', requestors: ['EXCH01'] }, 'admin');
    const rev = setWizardPage(a, id, undefined, 'prediction');
    runWizardStep(a, { id, position: 1, revision: rev, by: 'admin' });
    const b = dbOf(file);
    const w = readWizard(b, id);
    expect(w).toMatchObject({ page: 'steps', started: true });
    expect(w.steps.map((s) => s.status)).toEqual(['done', 'pending', 'pending', 'pending']);
    expect(refusal(() => setWizardPage(b, id, rev, 'files')).kind).toBe('conflict');
    expect(refusal(() => closeWizard(b, id, w.revision, 'finished')).message).toMatch(/3 steps have not been done/);
    expect(closeWizard(b, id, w.revision, 'cancelled')).toBeGreaterThan(w.revision);
    expect(refusal(() => runWizardStep(b, { id, position: 2, by: 'admin' })).message).toMatch(/was cancelled/);
  });
});

describe('Resync Wizard: the runs in progress', () => {
  it('lists the newest open runs first and counts every open one; a cancelled or finished run is not in progress', () => {
    const db = dbOf(msmailNetwork());
    const ids = Array.from({ length: 5 }, () => createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'M', requestors: ['N'] }, 'admin'));
    closeWizard(db, ids[1], readWizard(db, ids[1]).revision, 'cancelled');
    const three = openWizards(db, 3);
    expect(three.runs.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(three.total).toBe(4);
    expect(three.runs[0]).toMatchObject({ dss: 'POLY/MONT', requestors: ['POLY/NOV'], createdBy: 'admin' });
    const all = openWizards(db);
    expect(all.runs.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2], ids[0]]);
    expect(all.total).toBe(4);
  });
});
