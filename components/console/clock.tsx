'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { advanceClockAction, setClockSpeedAction, tickClockAction } from '@/app/(console)/clock/actions';
import type { ClockView } from '@/lib/queries/clock-view';
import { SlowProgress } from '@/components/ui/slow-progress';

const SPEEDS = [
  { value: 1, label: 'Real time' },
  { value: 60, label: '1 minute per second' },
  { value: 600, label: '10 minutes per second' },
  { value: 3600, label: '1 hour per second' },
];
const TICK_MS = 2000;

/**
 * The simulation clock in the Administrator's status bar: the time, Run at a chosen speed, Pause,
 * and Advance to the next scheduled event, so scheduled cycles and PC MTA polls can be watched
 * happening. While it runs, an Admin's open console moves it (a View Only Admin only watches).
 */
export function Clock({ initial, canChange }: { initial: ClockView; canChange: boolean }) {
  const router = useRouter();
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  const [speed, setSpeed] = useState(initial.speed > 0 ? initial.speed : 60);
  const { data: clock = initial } = useQuery({
    queryKey: ['clock'],
    queryFn: async (): Promise<ClockView> => {
      const r = await fetch('/clock', { cache: 'no-store' });
      if (!r.ok) throw new Error(`clock: ${r.status}`);
      return r.json();
    },
    initialData: initial,
    refetchInterval: TICK_MS,
  });
  const running = clock.speed > 0;

  // While running, this console moves the clock on; whatever ran shows on the next refresh.
  useEffect(() => {
    if (!running || !canChange) return;
    const timer = setInterval(async () => {
      const r = await tickClockAction({});
      if (r.ok) {
        client.setQueryData(['clock'], r.data);
        if (r.data.lines.length) router.refresh();
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [running, canChange, client, router]);

  const act = (fn: () => Promise<{ ok: boolean; error?: string; data?: ClockView & { lines?: string[] } }>) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) setNote(r.error ?? 'Refused');
      else {
        client.setQueryData(['clock'], r.data);
        setNote(r.data?.lines?.at(-1) ?? null);
        router.refresh();
      }
    });

  return (
    <div role="group" aria-label="Simulation clock" className="flex flex-wrap items-center gap-1.5">
      <span className="bevel-sunken bg-white px-2 py-0.5 font-mono tabular-nums text-ink">
        <time dateTime={new Date(clock.now).toISOString()} aria-label="Simulation time">
          {clock.text}
        </time>
      </span>
      <span aria-live="polite">{running ? `Running ×${clock.speed}` : 'Paused'}</span>
      <label className="sr-only" htmlFor="clock-speed">
        Clock speed
      </label>
      <select id="clock-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} disabled={!canChange} className="field min-h-6 py-0 text-[12px]">
        {SPEEDS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {running ? (
        <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => setClockSpeedAction({ speed: 0 }))}>
          Pause clock
        </button>
      ) : (
        <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => setClockSpeedAction({ speed }))}>
          Run clock
        </button>
      )}
      <button type="button" className="button min-h-6 px-2 py-0 text-[12px]" disabled={!canChange || pending} onClick={() => act(() => advanceClockAction({}))}>
        Advance to next event
      </button>
      {pending ? <SlowProgress pending={pending} label="Running what falls due…" /> : note ? <span className="max-w-96 truncate" title={note}>{note}</span> : null}
    </div>
  );
}
