import { withTrigger } from '@/lib/history/record-run';
import type { Db } from '@/db/client';
import { conflict, DirsyncError, notFound, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { STEP_KINDS, type CheckResult, type StepCode, type StepRun, type WizardContext } from './wizard-steps';
import { checkRevision, contextOf, currentStates, touch, wizardRow, type StepFailure } from './wizard-state';

class CheckFailed extends Error {
  constructor(
    readonly run: StepRun,
    readonly checked: CheckResult,
  ) {
    super('check failed');
  }
}

const errorText = (e: { number?: number; text: string }) => (e.number !== undefined && !e.text.startsWith('Fatal') ? `Fatal [${e.number}] ${e.text}` : e.text);

export interface RunStepResult {
  position: number;
  status: 'done' | 'failed';
  output: string[];
  checked: { ok: boolean; lines: string[] };
  failure: StepFailure | null;
  revision: number;
}

/**
 * Run one step of a Resync Wizard, in one transaction: the revision and the step's status are
 * checked first (a step done is never run again; steps run in order), the engine verb runs in a
 * savepoint of its own (an error it throws undoes all it did), then the check; the outcome, who
 * and when are stored. A failed step keeps its MS Mail or NT error with what it means and how to
 * fix it, and can be run again after the fix.
 */
export function runWizardStep(db: Db, input: { id: number; position: number; revision?: number; by: string }): RunStepResult {
  return step(db, () => {
    const r = wizardRow(db, input.id);
    checkRevision(r, input.revision);
    const s = stmt(db, 'select code, target, status, ran_by as ranBy from resync_wizard_step where wizard_id = ? and position = ?').get(input.id, input.position) as
      | { code: StepCode; target: string; status: string; ranBy: string | null }
      | undefined;
    if (!s) throw notFound(`the Resync Wizard has no step ${input.position}`);
    if (s.status === 'done') throw conflict(`step ${input.position} was already done${s.ranBy ? ` by ${s.ranBy}` : ''}: it is not run twice`);
    const earlier = stmt(db, "select position from resync_wizard_step where wizard_id = ? and position < ? and status != 'done' order by position limit 1").get(input.id, input.position) as
      | { position: number }
      | undefined;
    if (earlier) throw usage(`run step ${earlier.position} first: the steps go in the documents' order`);
    const ctx = contextOf(r);
    if (r.before === null) stmt(db, 'update resync_wizard set before = ? where id = ?').run(JSON.stringify(currentStates(db, ctx.requestors)), input.id);

    const kind = STEP_KINDS[s.code];
    let run: StepRun;
    let checked: CheckResult;
    try {
      ({ run, checked } = step(db, () => {
        // The engine steps it runs are the wizard's in the run history, one group per wizard run.
        const done = withTrigger(db, { trigger: 'wizard', who: input.by, groupId: `resync-wizard-${input.id}` }, () => kind.run(db, ctx, s.target));
        if (done.error) return { run: done, checked: { ok: false, lines: [`not done: ${errorText(done.error)}`] } };
        const withFile = done.made ? { ...ctx, file: done.made, fileSource: 'dss' as const } : ctx;
        const found = kind.check(db, withFile, s.target, done);
        // A check that fails undoes the step: it is done as the document says, or not at all.
        if (!found.ok) throw new CheckFailed(done, found);
        return { run: done, checked: found };
      }));
    } catch (e) {
      if (e instanceof CheckFailed) {
        run = e.run;
        checked = { ok: false, lines: [...e.checked.lines, 'Nothing this step did was kept.'] };
      } else if (e instanceof DirsyncError) {
        run = { lines: [], error: { number: e.number, text: e.details.length ? `${e.message}: ${e.details.join('; ')}` : e.message } };
        checked = { ok: false, lines: [`not done: ${errorText(run.error!)}`] };
      } else throw e;
    }
    if (run.made && checked.ok) {
      stmt(db, "update resync_wizard set file = ?, file_source = 'dss' where id = ?").run(Buffer.from(run.made), input.id);
      ctx.file = run.made;
      ctx.fileSource = 'dss';
    }
    const failure = run.error || !checked.ok ? explainFailure(db, input.id, ctx, s.code, s.target, run, checked.lines) : null;
    const status = failure ? 'failed' : 'done';
    const output = run.error ? [...run.lines, errorText(run.error)] : run.lines;
    stmt(
      db,
      `update resync_wizard_step set status = ?, output = ?, checked = ?, failure = ?, ran_by = ?, ran_at = ?, runs = runs + 1
       where wizard_id = ? and position = ?`,
    ).run(status, JSON.stringify(output), JSON.stringify(checked), failure ? JSON.stringify(failure) : null, input.by, Date.now(), input.id, input.position);
    stmt(db, "update resync_wizard set page = 'steps' where id = ?").run(input.id);
    return { position: input.position, status, output, checked, failure, revision: touch(db, input.id) };
  });
}

/**
 * After a fix made outside the step (or to make the file again), set the steps from `position`
 * on back to pending so they run again in order. Nothing in the network is undone.
 */
export function rerunWizardFrom(db: Db, input: { id: number; position: number; revision?: number }): number {
  return step(db, () => {
    const r = wizardRow(db, input.id);
    checkRevision(r, input.revision);
    const n = stmt(db, "update resync_wizard_step set status = 'pending', checked = null, failure = null where wizard_id = ? and position >= ?").run(input.id, input.position).changes;
    if (n === 0) throw notFound(`the Resync Wizard has no step ${input.position}`);
    return touch(db, input.id);
  });
}

/** The first step that makes or places the file: where "make the file again" starts. */
function makingStep(db: Db, id: number): number | undefined {
  const row = stmt(
    db,
    "select position from resync_wizard_step where wizard_id = ? and code in ('setGlobalMax', 'setRdns', 'extract', 'placeUpload') order by position limit 1",
  ).get(id) as { position: number } | undefined;
  return row?.position;
}

function explainFailure(db: Db, id: number, ctx: WizardContext, code: StepCode, target: string, run: StepRun, lines: string[]): StepFailure {
  const e = run.error;
  const text = e ? errorText(e) : `The check failed: ${lines.join('; ')}`;
  const again = makingStep(db, id);
  if (e?.number === 14) {
    if (/REQSEQ \d+ is below/.test(e.text) || /IMPSEQ \d+ is below/.test(e.text)) {
      return {
        number: 14,
        text,
        meaning: `The file's header numbers are lower than ${target}'s own: applying it would make the DSS reject ${target}'s next changes as old, so Import refused it and changed nothing (the file is left in place).`,
        fix:
          ctx.direction === 'exchange-dss-to-msmail'
            ? `Make a file whose maxima cover ${target}: go Back to the Exchange DSS page and name ${target} in ResyncConnectionRDNs too, or set GlobalMaxSeqInResync (DXA 5.5 SP3 or later), then run the steps again from the registry step.`
            : `Make the file again on the DSS after its last cycle (its REQSEQ then covers ${target}), then run the steps again from there.`,
        rerunFrom: ctx.direction === 'exchange-dss-to-msmail' ? undefined : again,
      };
    }
    if (/damaged/.test(e.text)) {
      return { number: 14, text, meaning: 'The RESYNC.GLB is damaged (signature, header or record checksum, or truncated): Import refused it and changed nothing.', fix: 'Make the file again on the DSS (or upload an undamaged one) and run the steps again.', rerunFrom: again };
    }
    if (/dirsync server/.test(e.text)) {
      return { number: 14, text, meaning: "The DSS's own RESYNC.GLB is still in its GLB directory.", fix: 'Delete RESYNC.GLB from the DSS (the "Remove RESYNC.GLB" step) and run this step again.', rerunFrom: undefined };
    }
    return { number: 14, text, meaning: 'Import refused the file and changed nothing.', fix: 'Make the file again and run the steps again.', rerunFrom: again };
  }
  if (e?.number === 67) {
    return { number: 67, text, meaning: `${target} is not a Directory Synchronization Server: only the DSS can make RESYNC.GLB.`, fix: 'Start the wizard on the DSS of this network.' };
  }
  if (e && /there is no RESYNC\.GLB/.test(e.text)) {
    return {
      text,
      meaning: 'The file this step needs is not where the previous step left it: someone deleted or moved it since.',
      fix: 'Make the file again: Run again from the step that makes it.',
      rerunFrom: again,
    };
  }
  if (e && /service/i.test(e.text)) {
    return { number: e.number, text, meaning: 'Windows NT did not do what the Services dialog was asked.', fix: 'Open Tools ▸ Services on that server, bring the service to a state where it can be restarted, and run this step again.' };
  }
  if (e) return { number: e.number, text, meaning: 'The step was refused and changed nothing.', fix: 'Correct what the message names and run this step again.' };
  return {
    text,
    meaning: `The step ran but ${target} is not as the document says it should be afterwards.`,
    fix: code === 'rebuild' ? 'Run rebuild -f again.' : 'Look at the output and the check above, correct what it names, and run this step again.',
  };
}
