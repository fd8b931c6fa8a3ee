import type { Db } from '@/db/client';
import { conflict, DirsyncError, notFound, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { withTrigger } from '@/lib/history/record-run';
import { currentStates } from '@/lib/resync/wizard-state';
import type { RequestorState } from '@/lib/resync/wizard-targets';
import { storedStep, type StoredStep, type StoredStepRow } from '@/lib/resync/stored-step';
import { cycleNetwork, resolveDss, type CycleNetwork } from './cycle-network';
import { currentEventMark, MANUAL_STEPS, planManualSteps, type Expected, type ManualCheck, type ManualContext, type ManualPhase, type ManualStepCode, type ManualStepRun } from './manual-steps';
import { previewNetworkCycle, type CyclePreview } from './preview-cycle';

/**
 * A Manual Dirsync Wizard run kept in the database (tables manual_wizard, manual_wizard_step), the
 * way the Resync Wizard keeps its runs (lib/resync/wizard-state.ts): every change is one
 * transaction that checks the revision the caller saw and raises it; a step done is never run
 * again; steps run in order; each step is one transaction whose engine verbs are recorded in the
 * run history as the wizard's (trigger `wizard`, group `manual-wizard-<id>`).
 */
export interface ManualFailure {
  number?: number;
  text: string;
  meaning: string;
  fix: string;
  rerunFrom?: number;
}

export interface ManualStepDto extends StoredStep<ManualFailure> {
  position: number;
  code: ManualStepCode;
  phase: ManualPhase;
  target: string;
  title: string;
  does: string;
  cli: string;
}

export interface ManualWizardDto {
  id: number;
  dss: string;
  status: 'open' | 'finished' | 'cancelled';
  createdBy: string;
  revision: number;
  groupId: string;
  started: boolean;
  network: { msmail: string[]; exchange: string[]; mtas: { server: string; service: string; state: string }[] };
  /** The preview taken when the first step ran: what the checks compare with. */
  expected: CyclePreview[] | null;
  /** A step failed since: the counts are shown against the preview, not held to it. */
  expectedStale: boolean;
  now: RequestorState[];
  steps: ManualStepDto[];
}

interface Row {
  id: number;
  dss: string;
  status: ManualWizardDto['status'];
  expected: string | null;
  createdBy: string;
  revision: number;
}

interface StepRow extends StoredStepRow {
  position: number;
  code: ManualStepCode;
  target: string;
  params: string;
}

export const manualGroupId = (id: number) => `manual-wizard-${id}`;
const VERIFY: ManualStepCode[] = ['verifyToDss', 'verifyToRequestors'];

export function manualWizardRow(db: Db, id: number): Row {
  const r = stmt(db, 'select id, dss, status, expected, created_by as createdBy, revision from manual_wizard where id = ?').get(id) as Row | undefined;
  if (!r) throw notFound(`there is no Manual Dirsync Wizard ${id}: start a new one from Tools ▸ Manual Dirsync Wizard…`, { code: 'wizard.not-found' });
  return r;
}

const stepRows = (db: Db, id: number) =>
  stmt(
    db,
    `select position, code, target, params, status, output, checked, failure, ran_by as ranBy, ran_at as ranAt, runs
     from manual_wizard_step where wizard_id = ? order by position`,
  ).all(id) as StepRow[];

function checkRevision(r: Row, revision: number | undefined): void {
  if (r.status !== 'open') throw conflict(`this Manual Dirsync Wizard was ${r.status}: start a new one from Tools ▸ Manual Dirsync Wizard…`, { code: 'wizard.closed' });
  if (revision !== undefined && revision !== r.revision) {
    throw conflict('this Manual Dirsync Wizard was changed by someone else since you opened it: reload the page to see where it is now', { code: 'revision.changed' });
  }
}

const touch = (db: Db, id: number) =>
  (stmt(db, 'update manual_wizard set revision = revision + 1, updated_at = ? where id = ? returning revision').get(Date.now(), id) as { revision: number }).revision;

/** The network is read again for each step (a service started since shows as running). */
function contextOf(db: Db, r: Row, rows = stepRows(db, r.id)): ManualContext {
  let net: CycleNetwork | undefined;
  const stored = storedExpected(r);
  return {
    wizardId: r.id,
    dss: r.dss,
    get net() {
      return (net ??= cycleNetwork(db, r.dss));
    },
    expected: stored ? expectedOf(stored.previews) : null,
    expectedStale: !!stored?.stale,
    params: (code, target) =>
      rows.filter((s) => s.code === code && (target === undefined || s.target === target) && s.status !== 'pending').map((s) => JSON.parse(s.params) as Record<string, unknown>),
  };
}

/** The preview kept with a run, and whether a failed step has made it stale. */
function storedExpected(r: Row): { previews: CyclePreview[]; stale: boolean } | null {
  return r.expected ? (JSON.parse(r.expected) as { previews: CyclePreview[]; stale: boolean }) : null;
}

function expectedOf(previews: CyclePreview[]): Expected {
  return Object.fromEntries(
    previews.map((p) => [
      p.requestor,
      { sent: p.sent ? Number(/ (\d+) sent$/.exec(p.sent.subject)?.[1] ?? p.sent.transactions.length) : null, reply: p.reply ? p.reply.transactions.length : null, galAfter: p.gal.after },
    ]),
  );
}

/** Start a run for a DSS: the steps are planned from its network now. Nothing in the network changes. */
export function createManualWizard(db: Db, dssName: string, by: string): number {
  return step(db, () => {
    const dss = resolveDss(db, dssName);
    const net = cycleNetwork(db, dss.key);
    if (net.msmail.length + net.exchange.length === 0) throw usage(`${dss.key} has no registered requestor: there is no cycle to run (Server ▸ Requestors)`, { code: 'dss.no-requestors', field: 'dss' });
    const at = Date.now();
    const { id } = stmt(db, 'insert into manual_wizard (dss, created_by, created_at, updated_at) values (?, ?, ?, ?) returning id').get(dss.key, by, at, at) as { id: number };
    planManualSteps(db, net).forEach((p, k) => stmt(db, 'insert into manual_wizard_step (wizard_id, position, code, target) values (?, ?, ?, ?)').run(id, k + 1, p.code, p.target));
    return id;
  });
}

function phaseOf(rows: { position: number; code: ManualStepCode }[], s: { position: number; code: ManualStepCode }): ManualPhase {
  switch (s.code) {
    case 'pauseKicks':
    case 'loggingMax':
      return 'prepare';
    case 't1':
    case 'pauseDx':
      return 't1';
    case 'verifyToDss':
      return 'toDss';
    case 't2Receive':
    case 't2Transmit':
    case 't2Exchange':
      return 't2';
    case 'verifyToRequestors':
      return 'toRequestors';
    case 'loggingBack':
      return 'finish';
    case 'external':
    case 'pcmta': {
      const v = rows.find((r) => r.code === 'verifyToDss');
      return v && s.position < v.position ? 'toDss' : 'toRequestors';
    }
    default:
      return 't3';
  }
}

class CheckFailed extends Error {
  constructor(
    readonly run: ManualStepRun,
    readonly checked: ManualCheck,
  ) {
    super('check failed');
  }
}

const errorText = (e: { number?: number; text: string }) => (e.number !== undefined ? `Fatal [${e.number}] ${e.text}` : e.text);

export interface ManualRunResult {
  position: number;
  status: 'done' | 'failed';
  output: string[];
  checked: { ok: boolean; lines: string[] };
  failure: ManualFailure | null;
  revision: number;
}

/**
 * Run one step in one transaction. The revision is checked first (a step done is never run twice;
 * earlier steps must be done). The engine verbs run in a savepoint: an error undoes what they did,
 * and so does a failed check of a step that changes something (done as the document says, or not
 * at all); a failed verification changes nothing either way.
 */
export function runManualStep(db: Db, input: { id: number; position: number; revision?: number; by: string }): ManualRunResult {
  return step(db, () => {
    const r = manualWizardRow(db, input.id);
    checkRevision(r, input.revision);
    const rows = stepRows(db, input.id);
    const s = rows.find((x) => x.position === input.position);
    if (!s) throw notFound(`the Manual Dirsync Wizard has no step ${input.position}`, { code: 'wizard.step-not-found' });
    if (s.status === 'done') throw conflict(`step ${input.position} was already done${s.ranBy ? ` by ${s.ranBy}` : ''}: it is not run twice`, { code: 'wizard.step-done' });
    const earlier = rows.find((x) => x.position < input.position && x.status !== 'done');
    if (earlier) throw usage(`run step ${earlier.position} first: the steps go in the document's order`, { code: 'wizard.step-out-of-order' });
    if (r.expected === null) {
      // What the cycle should come to, taken before anything of it runs (a rolled-back run: changes nothing).
      r.expected = JSON.stringify({ previews: previewNetworkCycle(db, r.dss), stale: false });
      stmt(db, 'update manual_wizard set expected = ? where id = ?').run(r.expected, input.id);
    }
    const ctx = contextOf(db, r, rows);
    const kind = MANUAL_STEPS[s.code];
    let run: ManualStepRun;
    let checked: ManualCheck;
    try {
      ({ run, checked } = step(db, () =>
        withTrigger(db, { trigger: 'wizard', who: input.by, groupId: manualGroupId(input.id) }, () => {
          const eventMark = currentEventMark(db);
          const done = kind.run(db, ctx, s.target);
          done.params = { ...done.params, eventMark };
          if (done.error) {
            const found = kind.check(db, ctx, s.target, done);
            return { run: done, checked: { ...found, ok: false } };
          }
          const found = kind.check(db, ctx, s.target, done);
          if (!found.ok && !VERIFY.includes(s.code)) throw new CheckFailed(done, found);
          return { run: done, checked: found };
        }),
      ));
    } catch (e) {
      if (e instanceof CheckFailed) {
        run = { ...e.run, params: {} };
        checked = { ...e.checked, lines: [...e.checked.lines, 'Nothing this step did was kept.'] };
      } else if (e instanceof DirsyncError) {
        run = { lines: [], error: { number: e.number, text: e.details.length ? `${e.message}: ${e.details.join('; ')}` : e.message } };
        checked = { ok: false, lines: [`not done: ${errorText(run.error!)}`], ...explainError(s.code, s.target, run.error!.text) };
      } else throw e;
    }
    const failure: ManualFailure | null = checked.ok
      ? null
      : {
          number: run.error?.number,
          text: run.error ? errorText(run.error) : `The check failed: ${checked.lines.filter((l) => l !== 'Nothing this step did was kept.').join('; ')}`,
          meaning: checked.meaning ?? (run.error ? 'The step was refused and changed nothing.' : `The step ran but the network is not as the document says it should be afterwards.`),
          fix: checked.fix ?? 'Look at the output and the check above, correct what it names, and run this step again.',
          rerunFrom: checked.rerunFrom ? firstPassOf(rows, input.position) : undefined,
        };
    const status = failure ? 'failed' : 'done';
    // Whatever is fixed before going on, the preview was made for the network before the fix.
    if (failure) stmt(db, "update manual_wizard set expected = json_set(expected, '$.stale', json('true')) where id = ?").run(input.id);
    const output = run.error && !run.lines.includes(errorText(run.error)) ? [...run.lines, errorText(run.error)] : run.lines;
    stmt(
      db,
      `update manual_wizard_step set status = ?, params = ?, output = ?, checked = ?, failure = ?, ran_by = ?, ran_at = ?, runs = runs + 1
       where wizard_id = ? and position = ?`,
    ).run(status, JSON.stringify(run.params ?? {}), JSON.stringify(output), JSON.stringify({ ok: checked.ok, lines: checked.lines }), failure ? JSON.stringify(failure) : null, input.by, Date.now(), input.id, input.position);
    return { position: input.position, status, output, checked: { ok: checked.ok, lines: checked.lines }, failure, revision: touch(db, input.id) };
  });
}

/** The first pass (External or PC MTA) of the run of passes just before a verification. */
function firstPassOf(rows: StepRow[], position: number): number | undefined {
  let first: number | undefined;
  for (let p = position - 1; p >= 1; p--) {
    const s = rows.find((x) => x.position === p);
    if (!s || (s.code !== 'external' && s.code !== 'pcmta')) break;
    first = p;
  }
  return first;
}

function explainError(code: ManualStepCode, target: string, text: string): Pick<ManualCheck, 'meaning' | 'fix'> {
  if (code === 'pcmta') {
    const [server, service] = target.split('|');
    return {
      meaning: `${service} on ${server} is not running: it carries no mail, so the messages between ${server}'s connector postoffice and the postoffices it services stay queued.`,
      fix: `Start it: Tools ▸ Services on ${server} (or dirsync service start ${server} "${service}"), then Run again.`,
    };
  }
  if (/service/i.test(text)) return { meaning: 'Windows NT did not do what the Services dialog was asked.', fix: 'Open Tools ▸ Services on that server, bring the service to a state where it can be paused or restarted, and run this step again.' };
  return { meaning: 'The step was refused and changed nothing.', fix: 'Correct what the message names and run this step again.' };
}

/** After a fix (a connection added, a PC MTA started): the steps from `position` on are pending again. Nothing in the network is undone. */
export function rerunManualFrom(db: Db, input: { id: number; position: number; revision?: number }): number {
  return step(db, () => {
    const r = manualWizardRow(db, input.id);
    checkRevision(r, input.revision);
    const n = stmt(db, "update manual_wizard_step set status = 'pending', checked = null, failure = null where wizard_id = ? and position >= ?").run(input.id, input.position).changes;
    if (n === 0) throw notFound(`the Manual Dirsync Wizard has no step ${input.position}`, { code: 'wizard.step-not-found' });
    return touch(db, input.id);
  });
}

/** Finish (every step done) or Cancel (steps done stay done). */
export function closeManualWizard(db: Db, id: number, revision: number | undefined, how: 'finished' | 'cancelled'): number {
  return step(db, () => {
    const r = manualWizardRow(db, id);
    checkRevision(r, revision);
    if (how === 'finished') {
      const left = stmt(db, "select count(*) as n from manual_wizard_step where wizard_id = ? and status != 'done'").get(id) as { n: number };
      if (left.n > 0) throw conflict(`${left.n} step${left.n === 1 ? ' has' : 's have'} not been done: run ${left.n === 1 ? 'it' : 'them'} first, or Cancel`, { code: 'wizard.steps-left' });
    }
    stmt(db, 'update manual_wizard set status = ? where id = ?').run(how, id);
    return touch(db, id);
  });
}

export function readManualWizard(db: Db, id: number): ManualWizardDto {
  const r = manualWizardRow(db, id);
  const rows = stepRows(db, id);
  const ctx = contextOf(db, r, rows);
  let network: ManualWizardDto['network'];
  try {
    network = { msmail: ctx.net.msmail, exchange: ctx.net.exchange, mtas: ctx.net.mtas.map((m) => ({ server: m.server, service: m.service, state: m.state })) };
  } catch {
    network = { msmail: [], exchange: [], mtas: [] };
  }
  const safe = (f: () => string) => {
    try {
      return f();
    } catch {
      return '';
    }
  };
  const steps: ManualStepDto[] = rows.map((s) => {
    const kind = MANUAL_STEPS[s.code];
    return {
      position: s.position,
      code: s.code,
      phase: phaseOf(rows, s),
      target: s.target,
      title: safe(() => kind.title(ctx, s.target)) || `${s.code} ${s.target}`,
      does: safe(() => kind.does(ctx, s.target)),
      cli: safe(() => kind.cli(ctx, s.target)),
      ...storedStep<ManualFailure>(s),
    };
  });
  return {
    id: r.id,
    dss: r.dss,
    status: r.status,
    createdBy: r.createdBy,
    revision: r.revision,
    groupId: manualGroupId(r.id),
    started: steps.some((s) => s.runs > 0),
    network,
    expected: storedExpected(r)?.previews ?? null,
    expectedStale: !!storedExpected(r)?.stale,
    now: currentStates(db, [...network.msmail, ...network.exchange]),
    steps,
  };
}

/** Open runs, newest first (to offer resuming one). */
export function openManualWizards(db: Db, limit = 20): { id: number; dss: string; createdBy: string; done: number; total: number }[] {
  return stmt(
    db,
    `select w.id, w.dss, w.created_by as createdBy, sum(s.status = 'done') as done, count(s.id) as total
     from manual_wizard w left join manual_wizard_step s on s.wizard_id = w.id where w.status = 'open' group by w.id order by w.id desc limit ?`,
  ).all(limit) as { id: number; dss: string; createdBy: string; done: number; total: number }[];
}
