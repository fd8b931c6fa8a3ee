'use client';

import { useId } from 'react';

/** What a wizard's step shows: the Resync Wizard's and the Manual Dirsync Wizard's steps alike. */
export interface WizardStepView {
  position: number;
  title: string;
  does: string;
  cli: string;
  status: 'pending' | 'done' | 'failed';
  output: string[];
  checked: { ok: boolean; lines: string[] } | null;
  failure: { text: string; meaning: string; fix: string; rerunFrom?: number } | null;
  ranBy: string | null;
  ranAt: number | null;
  runs: number;
}

/**
 * One step of a wizard's procedure: its title and status, Run (only the first step not done can
 * run), what it does and the command line that does the same, its output, its check in green or
 * red, and on failure what it means, how to fix it and where to run again from.
 */
export function WizardStep({
  s,
  runnable,
  pending,
  run,
  rerun,
  steps,
}: {
  s: WizardStepView;
  runnable: boolean;
  pending: boolean;
  run: (position: number) => void;
  rerun: (position: number) => void;
  steps: WizardStepView[];
}) {
  const id = useId();
  // A refused step's reason is stored in its output, its check and its failure: show it once, in the failure.
  const reason = s.failure?.text;
  const output = reason ? s.output.filter((l) => l !== reason) : s.output;
  const checkLines = s.checked?.lines.map((l) => (reason && l === `not done: ${reason}` ? 'Not done: the step was refused (the reason is below).' : l)) ?? [];
  const badge = s.status === 'done' ? 'bg-green-700 text-white' : s.status === 'failed' ? 'bg-red-700 text-white' : 'bg-chrome-light';
  return (
    <li aria-labelledby={`${id}-t`} className="bevel-raised grid gap-1 bg-chrome p-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-t`} className="flex-1 font-semibold">
          {s.position}. {s.title}
        </h3>
        <span className={`px-2 text-[12px] ${badge}`}>{s.status === 'done' ? 'Done' : s.status === 'failed' ? 'Failed' : 'Not run'}</span>
        {/* A View Only Admin sees Run too: the server refuses it (every Run is checked there). */}
        <button type="button" className="button" aria-label={`Run step ${s.position}: ${s.title}`} disabled={!runnable || pending} onClick={() => run(s.position)}>
          {s.status === 'failed' ? 'Run again' : 'Run'}
        </button>
      </div>
      <p className="text-[13px]">{s.does}</p>
      <p className="text-[12px]">
        Command line: <code className="bevel-sunken bg-white px-1 font-mono break-all">{s.cli}</code>
      </p>
      {output.length ? (
        <pre aria-label={`Output of step ${s.position}`} className="bevel-sunken max-h-40 overflow-auto bg-white p-1 font-mono text-[12px] whitespace-pre-wrap [overflow-wrap:anywhere]">
          {output.join('\n')}
        </pre>
      ) : null}
      {s.checked ? (
        <div role="group" aria-label={`Check of step ${s.position}: ${s.checked.ok ? 'passed' : 'failed'}`} className={`border-l-4 bg-white p-1 text-[13px] ${s.checked.ok ? 'border-green-700 text-green-900' : 'border-red-700 text-red-900'}`}>
          {checkLines.map((l, k) => (
            <p key={k}>{l}</p>
          ))}
        </div>
      ) : null}
      {s.failure ? (
        <div className="bg-white p-1 text-[13px]">
          <p className="font-semibold text-red-800">{s.failure.text}</p>
          <p>What it means: {s.failure.meaning}</p>
          <p>How to fix it: {s.failure.fix}</p>
          {s.failure.rerunFrom ? (
            <button type="button" className="button mt-1" disabled={pending} onClick={() => rerun(s.failure!.rerunFrom!)}>
              Run again from step {s.failure.rerunFrom}: {steps.find((x) => x.position === s.failure!.rerunFrom)?.title}
            </button>
          ) : null}
        </div>
      ) : null}
      {s.ranBy ? (
        <p className="text-[12px] text-ink-muted">
          Run by {s.ranBy} at {new Date(s.ranAt ?? 0).toISOString().replace('T', ' ').slice(0, 19)} UTC{s.runs > 1 ? ` (${s.runs} runs)` : ''}
        </p>
      ) : null}
    </li>
  );
}
