import { usage } from '@/lib/core/errors';

/**
 * The Schedule tab of the Dirsync Server and Dirsync Requestor objects: Never, Always (every hour)
 * or Selected times on a 7 × 24 grid of whole hours — dirsync only starts at the top of an hour
 * (KB Q180297). The grid is 168 characters `0`/`1`, Sunday 00:00 first.
 */
export type ScheduleStyle = 'never' | 'always' | 'selected';

export interface Schedule {
  style: ScheduleStyle;
  grid: string;
}

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const EMPTY_GRID = '0'.repeat(168);

/** Every day at the given hour. */
export const dailyAt = (hour: number) => Array.from({ length: 168 }, (_, k) => (k % 24 === hour ? '1' : '0')).join('');

/**
 * `always`, `never`, or selected hours: a comma-separated list of `H` (every day at H:00) and
 * `Day:H` (e.g. `Sat:13`), hours 0–23.
 */
export function parseSchedule(text: string): Schedule {
  const t = text.trim().toLowerCase();
  if (t === 'always' || t === 'never') return { style: t, grid: EMPTY_GRID };
  const cells = EMPTY_GRID.split('');
  for (const item of t.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(?:([a-z]{3}):)?(\d{1,2})$/.exec(item);
    const day = m?.[1] ? DAYS.findIndex((d) => d.toLowerCase() === m[1]) : -1;
    const hour = m ? Number(m[2]) : NaN;
    if (!m || hour > 23 || (m[1] && day < 0)) {
      throw usage(`schedule "${item}" is not an hour: write always, never, or hours like 1,13 or Sat:13 (hours 0-23, days ${DAYS.join(' ')})`);
    }
    for (let d = 0; d < 7; d++) if (day < 0 || d === day) cells[d * 24 + hour] = '1';
  }
  if (!cells.includes('1')) throw usage('selected times need at least one hour: write e.g. 1 or Sat:13, or use never');
  return { style: 'selected', grid: cells.join('') };
}

/** The schedule as `always`, `never`, or its selected hours (`Sat:13,Sun:13`, or `13` when every day). */
export function describeSchedule(s: Schedule): string {
  if (s.style !== 'selected') return s.style;
  const hours: string[] = [];
  for (let h = 0; h < 24; h++) {
    const days = DAYS.filter((_, d) => s.grid[d * 24 + h] === '1');
    if (days.length === 7) hours.push(String(h));
    else hours.push(...days.map((d) => `${d}:${h}`));
  }
  return hours.join(',') || 'selected (no hours)';
}

export const SCHEDULE_STYLES: readonly ScheduleStyle[] = ['never', 'always', 'selected'];

/** The day names the Schedule tab's grid is labelled with, Sunday first like the grid. */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A Schedule tab as the property sheet sends it: Never / Always / Selected times and the 168 cells
 * of the grid (`0`/`1`, Sunday 00:00 first). Selected times needs at least one hour.
 */
export function checkSchedule(style: string, grid: string): Schedule {
  if (!(SCHEDULE_STYLES as readonly string[]).includes(style)) throw usage(`schedule "${style}" must be Never, Always or Selected times`);
  if (!/^[01]{168}$/.test(grid)) throw usage('the schedule grid must have 168 hours (7 days of 24), each selected or not');
  if (style === 'selected' && !grid.includes('1')) {
    throw usage('Selected times needs at least one hour selected in the schedule grid: select an hour, or choose Never');
  }
  return { style: style as ScheduleStyle, grid };
}

/** A schedule given as the command line writes it (`always`, `never`, `Sat:13`) or as the sheet sends it. */
export const toSchedule = (s: string | Schedule): Schedule => (typeof s === 'string' ? parseSchedule(s) : checkSchedule(s.style, s.grid));
