'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ActionResult, SafeAction } from '@/lib/actions/safe-action';
import type { ClockView } from '@/lib/queries/clock-view';
import { CLOCK_SPEEDS } from '@/lib/core/clock-speeds';
import { SlowProgress } from '@/components/ui/slow-progress';
import { answerOf, useAction } from '@/components/ui/use-action';
import { sessionEndedBy } from '@/components/auth/session-ended';

const TICK_MS = 2000;
const SESSION_GONE = 'clock: the session has ended';

type Moved = ClockView & { lines: string[] };
/** The clock's server actions (app/(console)/clock/actions.ts), handed in by the console layout. */
export interface ClockActions {
  tick: SafeAction<Moved>;
  setSpeed: SafeAction<ClockView>;
  advance: SafeAction<Moved>;
  advanceToPoll: SafeAction<Moved>;
}

/** `Sat Feb 26 13:46:00 1994` → `Sat 13:46`: the day and minute are what matter beside the clock. */
const short = (text: string) => text.replace(/^(\w{3}) \w{3} +\d+ (\d\d:\d\d):\d\d \d{4}$/, '$1 $2');

/**
 * The simulation clock in the Administrator's status bar: the time, Run at a chosen speed, Pause,
 * Advance to the next scheduled event, and Advance to the next poll only (a PC MTA poll, without
 * the scheduled T1/T2/T3 that come later), so scheduled cycles and PC MTA polls can be watched
 * happening. It says what is waiting for the clock — nothing happens to that until it moves.
 * While it runs, an Admin's open console moves it (a View Only Admin only watches).
 */
export function Clock({ initial, canChange, actions }: { initial: ClockView; canChange: boolean; actions: ClockActions }) {
  const router = useRouter();
  const client = useQueryClient();
  const { pending, status, run } = useAction();
  const note = status?.text ?? null;
  const [speed, setSpeed] = useState(initial.speed > 0 ? initial.speed : 60);
  // A speed set elsewhere (the CLI) that the box does not offer is shown in the same words.
  const speeds = CLOCK_SPEEDS.some((s) => s.value === speed) ? CLOCK_SPEEDS : [...CLOCK_SPEEDS, { value: speed, label: initial.speedText }];
  const { data: clock = initial, error: pollError } = useQuery({
    queryKey: ['clock'],
    queryFn: async (): Promise<ClockView> => {
      const r = await fetch('/clock', { cache: 'no-store' });
      if (!r.ok) throw new Error(sessionEndedBy(r) ? SESSION_GONE : `clock: ${r.status}`);
      return r.json();
    },
    initialData: initial,
    refetchInterval: TICK_MS,
    // It asks again in two seconds anyway; a failed poll shows at once and clears with the next answer.
    retry: false,
  });
  // The status bar's SessionEnded says an ended session; this says a server that stopped answering.
  const unreachable = !!pollError && pollError.message !== SESSION_GONE;
  const running = clock.speed > 0;

  // While running, this console moves the clock on; whatever ran shows on the next refresh.
  useEffect(() => {
    if (!running || !canChange) return;
    const timer = setInterval(async () => {
      const r = await answerOf(() => actions.tick({}));
      if (r.ok) {
        client.setQueryData(['clock'], r.data);
        if (r.data.lines.length) router.refresh();
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [running, canChange, client, router, actions]);

  const act = (fn: () => Promise<ActionResult<ClockView & { lines?: string[] }>>) =>
    run(fn, {
      done: (data) => {
        client.setQueryData(['clock'], data);
        return data.lines?.at(-1);
      },
    });

  return (
    <div role="group" aria-label="Simulation clock" className="flex flex-wrap items-center gap-1.5">
      <span className="bevel-sunken bg-white px-2 py-0.5 font-mono tabular-nums text-ink">
        <time dateTime={new Date(clock.now).toISOString()} aria-label="Simulation time">
          {clock.text}
        </time>
      </span>
      <span aria-live="polite">{running ? `Running: ${clock.speedText}` : 'Paused'}</span>
      <label className="sr-only" htmlFor="clock-speed">
        Clock speed
      </label>
      <select id="clock-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} disabled={!canChange} className="field min-h-6 py-0 text-[12px]">
        {speeds.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {running ? (
        <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => actions.setSpeed({ speed: 0 }))}>
          Pause clock
        </button>
      ) : (
        <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => actions.setSpeed({ speed }))}>
          Run clock
        </button>
      )}
      <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => actions.advance({}))}>
        Advance to next event
      </button>
      <button
        type="button"
        className="button min-h-6 px-2 py-0 text-[12px]"
        disabled={!canChange || pending || !clock.waiting.nextPoll}
        title="Moves the clock to the next PC MTA poll; scheduled T1/T2/T3 that come later wait"
        onClick={() => act(() => actions.advanceToPoll({}))}
      >
        Advance to the next poll only
      </button>
      {pending ? <SlowProgress pending={pending} label="Running what falls due…" /> : note ? <span className="max-w-96 truncate" title={note}>{note}</span> : null}
      <span role="status" className="font-semibold text-red-800">
        {unreachable ? 'The console’s server is not answering: what you see is as it was; asking again every two seconds' : ''}
      </span>
      <p role="note" aria-label="Waiting for the clock" className="basis-full text-ink-muted">
        <span className="font-semibold text-ink">Waiting for the clock:</span>{' '}
        {clock.waiting.nextPoll ? `next PC MTA poll ${short(clock.waiting.nextPoll.text)} (${clock.waiting.nextPoll.what})` : 'no PC MTA is polling'}
        {' · '}
        {clock.waiting.nextStep ? `next scheduled ${short(clock.waiting.nextStep.text)}: ${clock.waiting.nextStep.what}` : 'nothing scheduled'}
        {running ? '' : ' — the clock is paused: run or advance it'}
      </p>
    </div>
  );
}
