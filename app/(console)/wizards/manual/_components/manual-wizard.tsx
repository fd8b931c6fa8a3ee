'use client';

import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import {
  closeManualWizardAction,
  createManualWizardAction,
  rerunManualWizardAction,
  runManualStepAction,
} from '@/app/(console)/wizards/manual/actions';
import type { ManualPhase } from '@/lib/manual/manual-steps';
import type { ManualWizardView } from '@/lib/queries/manual-wizard-view';
import { CyclePreviewCard } from '@/components/wizard/cycle-preview';
import { CancelWizardDialog } from '@/components/wizard/cancel-wizard-dialog';
import { WizardFrame } from '@/components/wizard/wizard-frame';
import { WizardStep } from '@/components/wizard/wizard-step';
import { answerOf } from '@/components/ui/use-action';

type Result = { ok: true; data?: unknown } | { ok: false; error: string };

const TITLE = 'Manual Dirsync Wizard';
const PAGES = [
  { id: 'server', label: 'Dirsync server' },
  { id: 'preview', label: 'Preview' },
  { id: 'steps', label: 'Steps' },
  { id: 'finish', label: 'Finish' },
];
/** The checklist's headings, in the document's order. */
const PHASES: { id: ManualPhase; title: string }[] = [
  { id: 'prepare', title: 'I. Preparations' },
  { id: 't1', title: 'T1 on every requestor' },
  { id: 'toDss', title: 'The passes to the dirsync server, and what to verify' },
  { id: 't2', title: 'T2 on the dirsync server' },
  { id: 'toRequestors', title: 'The passes back, and what to verify' },
  { id: 't3', title: 'T3 on every requestor' },
  { id: 'finish', title: 'Afterwards' },
];

/** The first page: which DSS's network to run the manual cycle on; Next > stores the run and its checklist. */
export function NewManualWizard({
  choices,
  open,
  canChange,
}: {
  choices: { dss: string; kind: 'msmail' | 'exchange'; requestors: string[] }[];
  open: { id: number; dss: string; createdBy: string; done: number; total: number }[];
  canChange: boolean;
}) {
  const router = useRouter();
  const [pick, setPick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const d = choices[pick];
  const next = () =>
    start(async () => {
      if (!d) return;
      const r = await answerOf(() => createManualWizardAction({ dss: d.dss }));
      if (r.ok) router.push(`/wizards/manual/${r.data.id}?page=preview`);
      else setError(r.error);
    });
  return (
    <WizardFrame
      title={TITLE}
      pages={PAGES}
      current="server"
      heading="Which dirsync server's network?"
      back={{ disabled: true, why: 'This is the first page' }}
      next={{ onClick: next, disabled: !d || pending || !canChange, why: !canChange ? 'A View Only Admin cannot start a wizard' : d ? undefined : 'There is no dirsync server with requestors' }}
      cancel={{ onClick: () => router.push('/') }}
      finish={{ disabled: true, why: 'Finish is available on the last page' }}
    >
      <p className="max-w-prose">
        A manual directory synchronization runs the cycle now, one utility at a time, in the order of the document: T1 on every requestor, the mail carried to the
        dirsync server, T2, the mail carried back, T3. The wizard builds the checklist from the network as it is, runs each step on your click and checks what the
        document says to verify. Nothing is changed until you run a step.
      </p>
      {choices.length === 0 ? (
        <p role="alert" className="text-red-800">
          There is no dirsync server with requestors: set up a dirsync server (Dir-Sync Options: Server, or a Dirsync Server object) and its requestors first.
        </p>
      ) : (
        <fieldset className="grid gap-2">
          <legend className="mb-1 font-semibold">Dirsync server</legend>
          {choices.map((c, k) => (
            <label key={c.dss} className="bevel-raised flex items-start gap-2 bg-chrome p-2">
              <input type="radio" name="dss" className="mt-1" checked={k === pick} onChange={() => setPick(k)} />
              <span>
                <span className="font-semibold">{c.dss}</span> <span className="text-[12px]">({c.kind === 'exchange' ? 'Exchange dirsync server' : 'MS Mail dirsync server'})</span>
                <span className="block text-[12px] text-ink-muted">Requestors: {c.requestors.join(', ')}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {!canChange ? <p className="text-[12px] text-ink-muted">A View Only Admin can open a wizard an Admin started and see its steps, but cannot start one or run its steps.</p> : null}
      {error ? (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      ) : null}
      {open.length ? (
        <section aria-labelledby="open-manual" className="mt-2">
          <h3 id="open-manual" className="font-semibold">
            Manual Dirsync Wizards in progress
          </h3>
          <ul className="list-disc pl-5">
            {open.map((o) => (
              <li key={o.id}>
                <Link className="underline" href={`/wizards/manual/${o.id}`}>
                  {TITLE} {o.id}: {o.dss}
                </Link>{' '}
                <span className="text-[12px] text-ink-muted">
                  started by {o.createdBy}, {o.done} of {o.total} steps done
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </WizardFrame>
  );
}

/** A stored run: the preview, the checklist with Run and Run all, the numbers at the end. */
export function ManualWizard({ view, canChange }: { view: ManualWizardView; canChange: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  // Run all is not a transition: a refresh inside one would show nothing until the last step.
  const [running, setRunning] = useState(false);
  const busy = pending || running;
  // Called when the server's next render of this run arrives (see `refreshed`).
  const onView = useRef<(() => void) | null>(null);
  useEffect(() => {
    onView.current?.();
    onView.current = null;
  }, [view]);
  // Leaving the page stops Run all after the step running (the run resumes from the first step not done).
  const left = useRef(false);
  useEffect(() => {
    left.current = false;
    return () => {
      left.current = true;
    };
  }, []);
  /**
   * Refresh and wait for the new render, so a step shows Done before the next one starts: refreshes
   * sent while steps keep running would each replace the last before it showed. A render that does
   * not come within a few seconds does not hold the run up.
   */
  const refreshed = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      onView.current = () => {
        clearTimeout(timer);
        resolve();
      };
      router.refresh();
    });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const w = view.wizard;
  const open = w.status === 'open';
  const base = `/wizards/manual/${w.id}`;
  const done = w.steps.filter((s) => s.status === 'done').length;
  const allDone = done === w.steps.length;
  const red = w.steps.find((s) => s.status === 'failed');
  const firstOpen = w.steps.find((s) => s.status !== 'done')?.position;

  const act = (fn: () => Promise<Result>, then?: (data: unknown) => void) =>
    start(async () => {
      const r = await answerOf(fn);
      if (r.ok) {
        setError(null);
        then?.(r.data);
        router.refresh();
      } else setError(r.error);
    });
  /**
   * Run all: the remaining steps one after another, each through the same action as its own Run
   * button (its own transaction, revision check and audit entry), so the page says which step is
   * running and shows each step's check as it finishes, and the clock and other admins are not held
   * up for the whole cycle. It stops at the first red step or refusal.
   */
  const runAll = async () => {
    setRunning(true);
    setError(null);
    setNotice(null);
    let revision = w.revision;
    let ran = 0;
    try {
      for (const s of w.steps.filter((x) => x.status !== 'done')) {
        if (left.current) return;
        setProgress(`Running step ${s.position} of ${w.steps.length}: ${s.title}…`);
        const r = await answerOf(() => runManualStepAction({ id: w.id, revision, position: s.position }));
        if (!r.ok) {
          setError(r.error);
          return;
        }
        ran++;
        revision = r.data.revision;
        if (r.data.status === 'failed') {
          setNotice(`Stopped at step ${s.position}: it is red. See what it means and how to fix it below.`);
          return;
        }
        await refreshed();
      }
      setNotice(`Ran ${ran} step${ran === 1 ? '' : 's'}: every step is done and green.`);
    } catch (e) {
      // An action that threw (the server could not be reached): the steps done so far stay done.
      setError(`Run all stopped after ${ran} step${ran === 1 ? '' : 's'}: ${(e as Error).message}`);
    } finally {
      setProgress(null);
      setRunning(false);
      // Once the page was left there is nothing of it to show again.
      if (!left.current) router.refresh();
    }
  };
  const go = (page: string) => router.push(`${base}?page=${page}`);
  const order = ['preview', 'steps', 'finish'];
  const idx = order.indexOf(view.page);
  const viewOnly = !canChange ? 'A View Only Admin cannot run the steps' : !open ? `This wizard was ${w.status}` : undefined;

  let body: ReactNode;
  if (view.page === 'preview') {
    const p = view.preview;
    body = (
      <>
        <p className="max-w-prose text-[13px]">
          What this cycle would do, computed by running it and rolling it back: nothing was changed.{' '}
          {'error' in p ? null : p.taken === 'first step' ? 'Taken when the first step ran: the checks compare the SrvTx and GAL counts with it.' : 'Made now; the wizard takes it again when the first step runs, and the checks compare with that one.'}
          {w.expectedStale ? ' A step failed since and the network was changed to fix it: the counts are shown against this preview but not held to it.' : ''}
        </p>
        {'error' in p ? (
          <p role="alert">The preview cannot be made: {p.error}</p>
        ) : (
          <div className="grid gap-2">
            {p.previews.map((x) => (
              <CyclePreviewCard key={x.requestor} p={x} />
            ))}
          </div>
        )}
      </>
    );
  } else if (view.page === 'steps') {
    body = (
      <>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className="button" disabled={!!viewOnly || busy || allDone} title={viewOnly} onClick={runAll}>
            Run all
          </button>
          <span className="text-[13px]" role="status">
            {progress ?? (busy ? 'Working…' : `${done} of ${w.steps.length} steps done${red ? `; step ${red.position} is red` : allDone ? ': all green' : ''}`)}
          </span>
          <Link className="text-[12px] underline" href={`/history?group=${encodeURIComponent(w.groupId)}`}>
            This run in Run History
          </Link>
        </div>
        {notice ? <p className="text-[13px]">{notice}</p> : null}
        <p className="max-w-prose text-[12px]">
          Each step is one transaction: done as the document says, or not done at all; a done step is never run again. Run all runs the remaining steps in order and
          stops at the first red one. The document advises setting the PC MTA&apos;s logging to Maximum first (so events 4395 and 4355 are written) and setting it back
          after: those are the first and last steps.
        </p>
        {PHASES.map((ph) => {
          const steps = w.steps.filter((s) => s.phase === ph.id);
          if (!steps.length) return null;
          return (
            <section key={ph.id} aria-label={ph.title} className="grid gap-2">
              <h3 className="mt-1 border-b border-chrome-shadow text-[13px] font-bold">{ph.title}</h3>
              <ol className="grid gap-2">
                {steps.map((s) => (
                  <WizardStep
                    key={s.position}
                    s={s}
                    runnable={open && s.position === firstOpen}
                    pending={busy}
                    run={(position) => act(() => runManualStepAction({ id: w.id, revision: w.revision, position }))}
                    rerun={(position) => act(() => rerunManualWizardAction({ id: w.id, revision: w.revision, position }))}
                    steps={w.steps}
                  />
                ))}
              </ol>
            </section>
          );
        })}
      </>
    );
  } else {
    const before = new Map((w.expected ?? []).map((p) => [p.requestor, p]));
    body = (
      <>
        <p>{w.status === 'finished' ? 'The Manual Dirsync Wizard is finished.' : allDone ? 'Every step is done. Finish closes the wizard.' : `${w.steps.length - done} steps are not done yet.`}</p>
        <div className="bevel-sunken overflow-auto bg-white">
          <table className="w-full text-left text-[13px] tabular-nums">
            <caption className="sr-only">Each requestor&apos;s numbers and GAL count now, and the GAL count the preview expected</caption>
            <thead className="bg-chrome">
              <tr>
                <th className="px-2 py-1">Requestor</th>
                <th className="px-2 py-1">ReqSync</th>
                <th className="px-2 py-1">SrvSync</th>
                <th className="px-2 py-1">GAL now</th>
                <th className="px-2 py-1">The preview said</th>
              </tr>
            </thead>
            <tbody>
              {w.now.map((n) => (
                <tr key={n.requestor} className="border-t border-chrome">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {n.requestor}
                    {n.kind === 'exchange' ? ' (Import Container)' : ''}
                  </th>
                  <td className="px-2 py-1">{n.reqSync}</td>
                  <td className="px-2 py-1">{n.srvSync}</td>
                  <td className="px-2 py-1">{n.gal}</td>
                  <td className="px-2 py-1">{before.get(n.requestor)?.gal.after ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  return (
    <>
      <WizardFrame
        title={TITLE}
        pages={PAGES}
        current={view.page}
        heading={view.page === 'preview' ? 'Preview: what this cycle will do' : view.page === 'steps' ? 'The steps of the document' : 'Finished: the numbers now'}
        back={{ onClick: () => go(order[idx - 1]), disabled: idx <= 0 || busy, why: idx <= 0 ? 'The dirsync server is fixed once the wizard has started: Cancel and start a new one to change it' : undefined }}
        next={{ onClick: () => go(order[idx + 1]), disabled: idx >= order.length - 1 || busy, why: idx >= order.length - 1 ? 'This is the last page' : undefined }}
        cancel={{ onClick: () => setConfirmCancel(true), disabled: !!viewOnly || busy, why: viewOnly }}
        finish={{
          onClick: () => act(() => closeManualWizardAction({ id: w.id, revision: w.revision, how: 'finished' }), () => go('finish')),
          disabled: !!viewOnly || !allDone || busy,
          why: viewOnly ?? (!allDone ? 'Run every step first' : undefined),
        }}
        status={
          <div className="flex flex-wrap gap-x-4 px-3 pb-1 text-[12px] text-ink-muted">
            <span>
              {TITLE} {w.id}: {w.dss} → {[...w.network.msmail, ...w.network.exchange].join(', ')}
            </span>
            <span>Started by {w.createdBy}</span>
            <span>{w.status === 'open' ? '' : `This wizard was ${w.status}.`}</span>
          </div>
        }
      >
        {error ? (
          <p role="alert" className="bevel-sunken bg-white p-2 text-red-800">
            {error}
          </p>
        ) : null}
        {body}
      </WizardFrame>
      {confirmCancel ? (
        <CancelWizardDialog
          title={TITLE}
          done={done}
          total={w.steps.length}
          onNo={() => setConfirmCancel(false)}
          onYes={() => {
            setConfirmCancel(false);
            act(() => closeManualWizardAction({ id: w.id, revision: w.revision, how: 'cancelled' }));
          }}
        />
      ) : null}
    </>
  );
}
