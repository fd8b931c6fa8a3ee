'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { scheduleAction } from '../actions';
import { useAction } from '@/components/ui/use-action';
import { weekGridMove } from '@/components/ui/week-grid-keys';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const two = (n: number) => String(n).padStart(2, '0');
/** The DSSCHED line of a time, as `dssched -i` reads it (lib/dirsync/process-times.ts). */
const line = (p: Time) => `T${p.t} ${DAYS[Math.floor(p.minute / 1440)].slice(0, 3)} ${two(Math.floor((p.minute % 1440) / 60))}:${two(p.minute % 60)}`;

type Step = 1 | 2 | 3;
interface Time {
  t: Step;
  minute: number;
}

const STEPS: { t: Step; label: string }[] = [
  { t: 1, label: 'T1 Send updates (REQMAIN -T)' },
  { t: 2, label: 'T2 Server (SRVMAIN)' },
  { t: 3, label: 'T3 Receive updates (REQMAIN -R, IMPORT, REBUILD)' },
];

/**
 * Dispatch's schedule of the dirsync steps: the week as a 7 × 24 grid (the grid style of the
 * Exchange Schedule tabs), each hour showing the steps due in it. Choose a step and the minute,
 * then click hours to add or remove that step there. T2 is the dirsync server's: on a requestor
 * it is unavailable (the engine ignores T2 lines there). Save sends the DSSCHED lines to the verb
 * `dssched -i` calls, which checks them.
 */
export function DispatchSchedule({ po, initial, isDss, disabled, revision }: { po: string; initial: Time[]; isDss: boolean; disabled: boolean; revision: string | number }) {
  // The revision of the schedule the grid shows: moved by this form's own save, or by a refresh that replaces the grid.
  const opened = useRef(String(revision));
  const [times, setTimes] = useState<Time[]>(initial);
  // The schedule as the page last showed it: a refresh that brings another one replaces the grid,
  // and the message of the save that made it stays (no remount).
  const shownKey = initial.map((p) => `${p.t}@${p.minute}`).join(',');
  const [shown, setShown] = useState(shownKey);
  if (shown !== shownKey) {
    setShown(shownKey);
    setTimes(initial);
    // The grid now shows the saved state the page brought: it is the one a save goes over.
    opened.current = String(revision);
  }
  const [pen, setPen] = useState<Step>(1);
  const [minute, setMinute] = useState('0');
  const [focus, setFocus] = useState(0);
  const { pending, status: message, run } = useAction();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const m = Number(minute);
  const minuteOk = /^\d{1,2}$/.test(minute.trim()) && m >= 0 && m <= 59;
  const inHour = (k: number) => times.filter((p) => Math.floor(p.minute / 60) === k);
  const sorted = [...times].sort((a, b) => a.minute - b.minute || a.t - b.t);

  const toggle = (k: number) => {
    setFocus(k);
    if (inHour(k).some((p) => p.t === pen)) setTimes((ts) => ts.filter((p) => !(p.t === pen && Math.floor(p.minute / 60) === k)));
    else if (minuteOk) setTimes((ts) => [...ts, { t: pen, minute: k * 60 + m }]);
  };
  const onKey = (e: KeyboardEvent, k: number) => {
    const next = weekGridMove(e.key, k);
    if (next === undefined) return;
    e.preventDefault();
    if (next !== null) {
      setFocus(next);
      refs.current[next]?.focus();
    }
  };
  const save = () =>
    run(() => scheduleAction({ po, schedule: sorted.map(line).join('\n'), revision: opened.current }), {
      done: (n, r) => {
        if (r.revision !== undefined) opened.current = r.revision;
        return `Schedule saved: ${n} process time${n === 1 ? '' : 's'}`;
      },
    });

  return (
    <form
      aria-label="Dispatch schedule"
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset disabled={disabled || pending} className="grid gap-2">
        <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
          <fieldset className="grid gap-0.5">
            <legend className="mb-1">Step to place</legend>
            {STEPS.map((s) => (
              <label key={s.t} className="flex items-center gap-2">
                <input type="radio" name="step" value={s.t} checked={pen === s.t} disabled={s.t === 2 && !isDss} onChange={() => setPen(s.t)} />
                <span>
                  {s.label}
                  {s.t === 2 && !isDss ? <span className="text-ink-muted"> — the dirsync server&apos;s only</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          <label className="grid gap-1">
            <span>At minute</span>
            <input
              value={minute}
              onChange={(e) => setMinute(e.target.value)}
              inputMode="numeric"
              aria-invalid={!minuteOk || undefined}
              aria-describedby="dispatch-minute-note"
              className="field w-16"
            />
          </label>
          <p id="dispatch-minute-note" className={`max-w-56 text-[12px] ${minuteOk ? 'text-ink-muted' : 'text-red-800'}`}>
            {minuteOk ? 'Clicking an hour adds the step at this minute past it, or removes it.' : 'The minute must be a whole number from 0 to 59.'}
          </p>
        </div>
        <div className="bevel-sunken w-fit max-w-full overflow-x-auto bg-white p-1">
          <table role="grid" aria-label="Process times" aria-describedby="dispatch-times" className="border-collapse text-[11px] tabular-nums">
            <thead>
              <tr>
                <td />
                {HOURS.map((h) => (
                  <th key={h} scope="col" role="columnheader" aria-label={`${two(h)}:00`} className="w-[24px] px-0 text-center font-normal text-ink-muted">
                    {h % 2 === 0 ? h : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {DAYS.map((day, d) => (
                <tr key={day}>
                  <th scope="row" role="rowheader" className="pr-2 text-left font-normal whitespace-nowrap">
                    {day.slice(0, 3)}
                    <span className="sr-only">{day.slice(3)}</span>
                  </th>
                  {HOURS.map((h) => {
                    const k = d * 24 + h;
                    const here = inHour(k).sort((a, b) => a.t - b.t);
                    return (
                      <td key={h} role="gridcell" className="p-0">
                        <button
                          ref={(el) => {
                            refs.current[k] = el;
                          }}
                          type="button"
                          aria-pressed={here.some((p) => p.t === pen)}
                          aria-label={`${day} ${two(h)}:00`}
                          aria-description={here.length ? here.map(line).join(', ') : undefined}
                          title={here.map(line).join('\n') || undefined}
                          tabIndex={k === focus ? 0 : -1}
                          onClick={() => toggle(k)}
                          onKeyDown={(e) => onKey(e, k)}
                          onFocus={() => setFocus(k)}
                          className={`grid-hour w-[24px] text-[10px] leading-none ${here.length ? 'bg-select font-semibold text-white' : 'bg-white hover:bg-chrome-light'}`}
                        >
                          {here.map((p) => p.t).join('')}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p id="dispatch-times" className="text-[12px]">
          {sorted.length ? `Process times: ${sorted.map(line).join(', ')}` : 'No process times: Dispatch runs no dirsync step for this postoffice.'}
        </p>
        <div>
          <button type="submit" className="button">
            {pending ? 'Saving…' : 'Save schedule'}
          </button>
        </div>
      </fieldset>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
