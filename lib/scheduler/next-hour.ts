/**
 * Arithmetic for the Exchange schedules and the PC MTA's polling interval.
 *
 * An Exchange Schedule page (Dirsync Server: T2; Dirsync Requestor: T1) is an hourly grid of the
 * week: 168 characters `0`/`1`, Sunday 00:00 UTC first; the DXA starts its cycle at the top of each
 * selected hour. `always` selects every hour, `never` none. Simulation times are Unix
 * milliseconds, UTC. Every function here costs the same however far apart the times are: at most
 * one walk round the 168 hours of a week, never a walk over the weeks in between.
 *
 * A PC MTA polls on a grid anchored at the time it was started: anchor, anchor + interval, …
 */

import { HOUR_MS, weekStart } from './next-occurrence';

export const HOURS_PER_WEEK = 168;

export type HourScheduleStyle = 'never' | 'always' | 'selected';

/** A Schedule page as stored (`schedule_style`, `schedule`). */
export interface HourSchedule {
  style: HourScheduleStyle;
  /** 168 characters `0`/`1`, Sunday 00:00 first; read only when `style` is `selected`. */
  schedule: string;
}

/** Euclidean remainder: always in [0, m), also for negative `a`. */
const mod = (a: number, m: number) => ((a % m) + m) % m;

/** Whether `text` is a valid hourly grid (168 characters, each `0` or `1`). */
export const isHourGrid = (text: string) => text.length === HOURS_PER_WEEK && /^[01]*$/.test(text);

/** The top of the hour that holds `ms` (at or before it). */
export const hourStart = (ms: number) => ms - mod(ms, HOUR_MS);

/** The hour of the week (0 = Sunday 00:00–00:59 UTC, … 167 = Saturday 23:00) that `ms` falls in. */
export function hourOfWeek(ms: number): number {
  return Math.floor((ms - weekStart(ms)) / HOUR_MS);
}

function selected(s: HourSchedule): ((hour: number) => boolean) | null {
  if (s.style === 'never') return null;
  if (s.style === 'always') return () => true;
  if (!isHourGrid(s.schedule)) throw new RangeError(`a schedule is ${HOURS_PER_WEEK} characters 0 or 1; got ${s.schedule.length} characters`);
  if (!s.schedule.includes('1')) return null;
  return (hour) => s.schedule.charCodeAt(hour) === 49; // '1'
}

/** The first selected top of the hour strictly after `afterMs`; null when the schedule selects none. */
export function nextSelectedHour(s: HourSchedule, afterMs: number): number | null {
  const isSelected = selected(s);
  if (!isSelected) return null;
  const first = hourStart(afterMs) + HOUR_MS;
  const from = hourOfWeek(first);
  for (let k = 0; k < HOURS_PER_WEEK; k++) if (isSelected((from + k) % HOURS_PER_WEEK)) return first + k * HOUR_MS;
  return null; // not reached: a schedule with a selected hour finds it within a week
}

/** The last selected top of the hour at or before `atMs`; null when the schedule selects none. */
export function latestSelectedHour(s: HourSchedule, atMs: number): number | null {
  const isSelected = selected(s);
  if (!isSelected) return null;
  const last = hourStart(atMs);
  const from = hourOfWeek(last);
  for (let k = 0; k < HOURS_PER_WEEK; k++) if (isSelected(mod(from - k, HOURS_PER_WEEK))) return last - k * HOUR_MS;
  return null;
}

/** The first point `anchor + k·period` (k any integer) strictly after `afterMs`. */
export function gridAfter(anchorMs: number, periodMs: number, afterMs: number): number {
  if (!(periodMs > 0)) throw new RangeError(`a grid period is above 0 ms; got ${periodMs}`);
  return afterMs + periodMs - mod(afterMs - anchorMs, periodMs);
}

/** The first point `anchor + k·period` (k any integer) at or after `atMs`. */
export function gridAtOrAfter(anchorMs: number, periodMs: number, atMs: number): number {
  return gridAfter(anchorMs, periodMs, atMs - 1);
}
