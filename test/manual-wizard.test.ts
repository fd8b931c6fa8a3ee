import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { queryRuns } from '@/lib/history/query-runs';
import { getRunHistoryView, parseRunHistorySearch } from '@/lib/queries/run-history-view';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { removeConnection } from '@/lib/exchange/connector/remove-connection';
import { controlService } from '@/lib/exchange/services/control-service';
import { loggingLevels } from '@/lib/exchange/services/logging-levels';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import {
  closeManualWizard,
  createManualWizard,
  manualGroupId,
  openManualWizards,
  readManualWizard,
  rerunManualFrom,
  runManualStep,
  type ManualRunResult,
} from '@/lib/manual/manual-wizard';
import { refusal, tempDbFile } from './helpers';

/**
 * The Manual Dirsync Wizard (lib/manual/): document 003's procedure built from the sample network
 * (MONTGOMERY the DSS, NOVEMBER, OCTOBER and EXCH01 its requestors), run to all-green with what the
 * document says to verify; a step made to fail (a stopped PC MTA, no connection to the DSS) stops
 * Run all with the reason; a run resumed from the database by another connection.
 */

/** What the console's Run all does: the remaining steps in order, each its own transaction, stopping at the first red one. */
function runAllManualSteps(db: Db, input: { id: number; revision?: number; by: string }): { ran: ManualRunResult[]; stoppedAt: number | null; revision: number } {
  const ran: ManualRunResult[] = [];
  let revision = input.revision;
  for (const s of readManualWizard(db, input.id).steps) {
    if (s.status === 'done') continue;
    const r = runManualStep(db, { id: input.id, position: s.position, revision, by: input.by });
    ran.push(r);
    revision = r.revision;
    if (r.status === 'failed') return { ran, stoppedAt: r.position, revision };
  }
  return { ran, stoppedAt: null, revision: revision ?? readManualWizard(db, input.id).revision };
}

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
});
const dbOf = (file: string) => {
  const db = openDatabase(file);
  open.push(db);
  return db;
};

function sample(): { file: string; db: Db } {
  const file = tempDbFile('manual-wizard');
  const db = dbOf(file);
  loadSampleNetwork(db);
  return { file, db };
}

const DSS = 'POLYNOMIAL/MONTGOMERY';

describe('Manual Dirsync Wizard (document 003)', () => {
  it('builds the checklist from the network: T1 on every MS Mail requestor, the DX pause, the passes, T2, the passes back, T3 everywhere', () => {
    const { db } = sample();
    const w = readManualWizard(db, createManualWizard(db, DSS, 'admin'));
    expect(w.network).toMatchObject({ msmail: [DSS, 'POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER'], exchange: ['EXCH01'] });
    expect(w.steps.map((s) => `${s.code} ${s.target}`)).toEqual([
      'loggingMax EXCH01',
      `t1 ${DSS}`,
      't1 POLYNOMIAL/NOVEMBER',
      't1 POLYNOMIAL/OCTOBER',
      'pauseDx EXCH01',
      'external 1',
      'external 2',
      'pcmta EXCH01|Microsoft PC MTA',
      `verifyToDss ${DSS}`,
      `t2Receive ${DSS}`,
      `t2Transmit ${DSS}`,
      'external 1',
      'external 2',
      'pcmta EXCH01|Microsoft PC MTA',
      `verifyToRequestors ${DSS}`,
      ...['MONTGOMERY', 'NOVEMBER', 'OCTOBER'].flatMap((p) => [`t3Receive POLYNOMIAL/${p}`, `t3Import POLYNOMIAL/${p}`, `t3Rebuild POLYNOMIAL/${p}`]),
      'loggingBack EXCH01',
    ]);
    expect(new Set(w.steps.map((s) => s.phase))).toEqual(new Set(['prepare', 't1', 'toDss', 't2', 'toRequestors', 't3', 'finish']));
    // Nothing ran yet: no preview taken, the network untouched.
    expect(w.started).toBe(false);
    expect(w.expected).toBeNull();
    expect(w.now.every((n) => n.reqSync === 0 && n.gal === 0)).toBe(true);
  });

  it('runs the whole procedure to all-green on the sample, with the checks the document asks for', () => {
    const { db } = sample();
    const id = createManualWizard(db, DSS, 'admin');
    const r = runAllManualSteps(db, { id, by: 'admin' });
    expect(r.stoppedAt).toBeNull();
    const w = readManualWizard(db, id);
    expect(w.steps.filter((s) => s.status !== 'done')).toEqual([]);
    expect(w.steps.every((s) => s.checked?.ok)).toBe(true);
    const step = (code: string, target?: string) => w.steps.find((s) => s.code === code && (target === undefined || s.target === target))!;

    // The subjects queued by T1, the DX pause's Error 2140.
    expect(step('t1', 'POLYNOMIAL/NOVEMBER').checked!.lines[0]).toBe("Queued in POLYNOMIAL/NOVEMBER's P1 directory: ReqTx R=12 (was 0), S=0, I=0 12 sent");
    expect(step('pauseDx').output[0]).toBe('Could not pause the Microsoft Exchange Directory Synchronization service on \\\\EXCH01. Error 2140: An internal Windows NT error occurred.');
    // Events 4395 Sent and 4355 Moved In for EXCH01's update; Moved Out / Received for the reply.
    const toDss = step('verifyToDss').checked!.lines.join('\n');
    expect(toDss).toContain('EXCH01: Event 4395 Sent (Mail sent from \\\\EXCH01\\MAILDAT$ · FROM: POLYNOMIAL/HQ/SYSTEM1 · TO: POLYNOMIAL/MONTGOMERY/$SYSTEM)');
    expect(toDss).toContain('EXCH01: Event 4355 Moved In (Mail received on \\\\FS-MONTGOMERY\\MAILDATA');
    const back = step('verifyToRequestors').checked!.lines.join('\n');
    expect(back).toContain('EXCH01: Event 4395 Moved Out');
    expect(back).toContain('EXCH01: Event 4355 Received');
    expect(back).toContain('EXCH01: applied as it arrived; its Import Container holds 36 MS Mail names (the preview said 36)');
    // SrvTx counts and GAL counts against the preview taken before the first step.
    expect(step('t2Transmit').checked!.lines).toContain('POLYNOMIAL/NOVEMBER: SrvTx R=12 S=43 (was 0), I=0 31 sent (the preview said 31 sent)');
    expect(step('t3Rebuild', 'POLYNOMIAL/OCTOBER').checked!.lines).toEqual(['GAL: 42 names (the preview said 42)']);
    expect(w.now.map((n) => [n.requestor, n.reqSync, n.srvSync, n.gal])).toEqual([
      [DSS, 12, 43, 42],
      ['POLYNOMIAL/NOVEMBER', 12, 43, 42],
      ['POLYNOMIAL/OCTOBER', 12, 43, 42],
      ['EXCH01', 7, 43, 36],
    ]);
    // The logging level is back where it was (None).
    expect(loggingLevels(db, 'EXCH01', 'MSExchangePCMTA').rows.every((x) => x.level === 0)).toBe(true);

    // One group in the run history: every engine step the wizard ran, trigger "wizard", who ran it.
    const runs = queryRuns(db, { groupId: manualGroupId(id), limit: 100 }).runs;
    expect(runs.every((x) => x.trigger === 'wizard' || x.trigger === 'service pause' || x.trigger === 'service start')).toBe(true);
    expect(runs.every((x) => x.who === 'admin')).toBe(true);
    expect(runs.map((x) => x.kind).sort()).toEqual(
      ['T1', 'T1', 'T1', 'DXA T1', 'External', 'External', 'External', 'External', 'PC MTA', 'PC MTA', 'T2 receive', 'T2 transmit', 'T3 receive', 'T3 receive', 'T3 receive', 'T3 import', 'T3 import', 'T3 import', 'T3 rebuild', 'T3 rebuild', 'T3 rebuild'].sort(),
    );

    // The Run History view filters by the group (the wizard's "This run in Run History" link), and only by it.
    const view = getRunHistoryView(db, parseRunHistorySearch({ group: manualGroupId(id) }));
    expect(view.runs.map((x) => x.id).sort()).toEqual(runs.map((x) => x.id).sort());
    expect(getRunHistoryView(db, parseRunHistorySearch({ group: manualGroupId(id + 1) })).runs).toEqual([]);

    // Finish closes it; a finished run refuses more steps.
    closeManualWizard(db, id, undefined, 'finished');
    expect(refusal(() => runManualStep(db, { id, position: 1, by: 'admin' })).message).toMatch(/was finished/);
  });

  it('a stopped PC MTA shows red with the reason, Run all stops there, and after the fix it goes on to green', () => {
    const { db } = sample();
    const id = createManualWizard(db, DSS, 'admin');
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'stop');
    const r = runAllManualSteps(db, { id, by: 'admin' });
    const w = readManualWizard(db, id);
    const red = w.steps.find((s) => s.status === 'failed')!;
    expect(r.stoppedAt).toBe(red.position);
    expect(red.code).toBe('pcmta');
    expect(red.failure!.text).toBe('The Microsoft PC MTA service on EXCH01 is stopped: a PC MTA that is not running carries no mail');
    expect(red.failure!.meaning).toMatch(/not running: it carries no mail/);
    expect(red.failure!.fix).toMatch(/Tools ▸ Services on EXCH01/);
    // Nothing after the red step ran.
    expect(w.steps.filter((s) => s.position > red.position).every((s) => s.status === 'pending' && s.runs === 0)).toBe(true);
    expect(w.steps.filter((s) => s.position < red.position).every((s) => s.status === 'done')).toBe(true);

    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    expect(runAllManualSteps(db, { id, by: 'admin' }).stoppedAt).toBeNull();
    expect(readManualWizard(db, id).steps.every((s) => s.status === 'done')).toBe(true);
  });

  it('no connection to the DSS: the verification is red with where the update waits, and after the fix the passes run again', () => {
    const { db } = sample();
    const id = createManualWizard(db, DSS, 'admin');
    setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: [] });
    removeConnection(db, 'EXCH01', DSS);
    const r = runAllManualSteps(db, { id, by: 'admin' });
    const w = readManualWizard(db, id);
    const red = w.steps.find((s) => s.position === r.stoppedAt)!;
    expect(red.code).toBe('verifyToDss');
    expect(red.checked!.lines).toContain("EXCH01: its update is still in POLYNOMIAL/HQ's outbound queue");
    expect(red.failure!.meaning).toMatch(/no External pass or PC MTA reaches POLYNOMIAL\/MONTGOMERY/);
    const firstPass = w.steps.find((s) => s.code === 'external')!.position;
    expect(red.failure!.rerunFrom).toBe(firstPass);

    addConnection(db, 'EXCH01', DSS);
    setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: [DSS] });
    rerunManualFrom(db, { id, position: red.failure!.rerunFrom! });
    expect(runAllManualSteps(db, { id, by: 'admin' }).stoppedAt).toBeNull();
    const done = readManualWizard(db, id);
    expect(done.now.find((n) => n.requestor === 'EXCH01')!.gal).toBe(36);
    expect(done.expectedStale).toBe(true);
  });

  it('resumes from the database: another connection sees the steps done, a done step never runs twice, a stale revision is refused', () => {
    const { file, db } = sample();
    const id = createManualWizard(db, DSS, 'admin');
    const w0 = readManualWizard(db, id);
    const first = runManualStep(db, { id, position: 1, revision: w0.revision, by: 'admin' });
    expect(first.status).toBe('done');
    runManualStep(db, { id, position: 2, revision: first.revision, by: 'admin' });

    const other = dbOf(file); // a restart, or another browser
    const w = readManualWizard(other, id);
    expect(w.steps.slice(0, 2).map((s) => s.status)).toEqual(['done', 'done']);
    expect(w.expected!.map((p) => p.requestor)).toEqual([DSS, 'POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER', 'EXCH01']);
    expect(openManualWizards(other).map((o) => o.id)).toContain(id);
    expect(refusal(() => runManualStep(other, { id, position: 2, revision: w.revision, by: 'admin' })).message).toMatch(/already done by admin: it is not run twice/);
    expect(refusal(() => runManualStep(other, { id, position: 3, revision: w0.revision, by: 'admin' })).message).toMatch(/changed by someone else/);
    expect(refusal(() => runManualStep(other, { id, position: 5, revision: w.revision, by: 'admin' })).message).toMatch(/run step 3 first/);
    expect(runAllManualSteps(other, { id, revision: w.revision, by: 'other' }).stoppedAt).toBeNull();
    // The T1 of MONTGOMERY ran once: its REQTRANS went once.
    expect(readManualWizard(other, id).steps[1].runs).toBe(1);
  });

  it('a change made while the wizard runs: the SrvTx counts differ from the preview, and the check says so', async () => {
    const { addMailbox } = await import('@/lib/dirsync/add-mailbox');
    const { db } = sample();
    const id = createManualWizard(db, DSS, 'admin');
    runManualStep(db, { id, position: 1, by: 'admin' }); // the preview is taken here
    addMailbox(db, 'POLYNOMIAL/OCTOBER', 'ZOE', 'Zoe Zed'); // goes with OCTOBER's T1, which the preview did not know
    const r = runAllManualSteps(db, { id, by: 'admin' });
    const red = readManualWizard(db, id).steps.find((s) => s.position === r.stoppedAt)!;
    expect(red.code).toBe('t2Transmit');
    expect(red.checked!.lines).toContain('POLYNOMIAL/NOVEMBER: SrvTx R=12 S=44 (was 0), I=0 32 sent (the preview said 31 sent)');
    expect(red.failure!.meaning).toMatch(/differs from the preview taken when this wizard started: the network changed while it ran/);
    // Nothing of the failed transmit was kept: no reply is queued.
    expect(db.$client.prepare("select count(*) as n from message where kind = 'SrvTx'").get()).toEqual({ n: 0 });
    // Run again goes on: the preview is stale now, the counts are shown against it but not held to it.
    expect(runAllManualSteps(db, { id, by: 'admin' }).stoppedAt).toBeNull();
    expect(readManualWizard(db, id).expectedStale).toBe(true);
  });

  it('refuses a DSS with no requestor and a postoffice that is not a DSS', () => {
    const { db } = sample();
    expect(refusal(() => createManualWizard(db, 'POLYNOMIAL/NOVEMBER', 'admin')).message).toMatch(/not a dirsync server/);
    expect(refusal(() => createManualWizard(db, 'NOPE', 'admin')).message).toMatch(/neither an Exchange server nor a postoffice/);
  });
});

describe('Manual Dirsync Wizard on an Exchange dirsync server', () => {
  it('T2 is the DX pause on the DSS, the PC MTA carries both ways, and the whole procedure goes green', async () => {
    const { exchangeDssNetwork } = await import('./helpers');
    const file = exchangeDssNetwork('manual-xdss');
    const db = dbOf(file);
    const id = createManualWizard(db, 'EXCH01', 'admin');
    const w0 = readManualWizard(db, id);
    expect(w0.steps.map((s) => s.code)).toEqual(['loggingMax', 't1', 'external', 'external', 'pcmta', 'verifyToDss', 't2Exchange', 'external', 'external', 'pcmta', 'verifyToRequestors', 't3Receive', 't3Import', 't3Rebuild', 'loggingBack']);
    expect(runAllManualSteps(db, { id, by: 'admin' }).stoppedAt).toBeNull();
    const w = readManualWizard(db, id);
    const t2 = w.steps.find((s) => s.code === 't2Exchange')!;
    expect(t2.output[0]).toMatch(/Error 2140/);
    expect(t2.checked!.lines[0]).toMatch(/^POLY\/NOV: SrvTx R=1 S=\d+ \(was 0\), I=0 \d+ sent \(the preview said \d+ sent\)$/);
    // NOV's update went through the PC MTA to the connector postoffice: 4395 Moved Out and 4355 Received.
    expect(w.steps.find((s) => s.code === 'verifyToDss')!.checked!.lines.join('\n')).toMatch(/POLY\/NOV: Event 4395 Moved Out[\s\S]*POLY\/NOV: Event 4355 Received/);
    expect(w.now).toEqual([expect.objectContaining({ requestor: 'POLY/NOV', reqSync: 1 })]);
    expect(w.now[0].gal).toBe(w.expected![0].gal.after);
  });
});
