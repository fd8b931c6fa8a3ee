/**
 * Weekly-time arithmetic for PROCESS.GLB times, and the time forms the scheduler's commands accept.
 *
 * A weekly time is a minute of the week: minutes since Sunday 00:00 UTC (0 … 10,079), the
 * `process_time.minute` column. Simulation times are Unix milliseconds, UTC. Every function here
 * is plain arithmetic (no scan over weeks or minutes), so a clock that jumped years ahead costs
 * the same as one that moved a minute.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const WEEK_MINUTES = 7 * 24 * 60;
export const WEEK_MS = WEEK_MINUTES * MINUTE_MS;

/** The MS Mail 3.2+ run window: 8 hours (28,800 s). An occurrence later than this is skipped. */
export const RUN_WINDOW_MS = 28_800 * 1000;

/** Dispatch's idle process (External) runs every 5 simulated minutes, at :00, :05, … */
export const EXTERNAL_PERIOD_MS = 5 * MINUTE_MS;

/** Sunday 4 January 1970 00:00 UTC: the first Sunday midnight after the Unix epoch (a Thursday). */
const FIRST_SUNDAY_MS = 3 * 24 * HOUR_MS;

/** Euclidean remainder: always in [0, m), also for negative `a`. */
const mod = (a: number, m: number) => ((a % m) + m) % m;

function checkMinute(minute: number): void {
  if (!Number.isInteger(minute) || minute < 0 || minute >= WEEK_MINUTES) {
    throw new RangeError(`a weekly time is a whole minute from 0 to ${WEEK_MINUTES - 1}; got ${minute}`);
  }
}

/** Sunday 00:00 UTC of the week that holds `ms`. */
export function weekStart(ms: number): number {
  return ms - mod(ms - FIRST_SUNDAY_MS, WEEK_MS);
}

/** The minute of the week (since Sunday 00:00 UTC) that `ms` falls in. */
export function weeklyMinuteOf(ms: number): number {
  return Math.floor((ms - weekStart(ms)) / MINUTE_MS);
}

/** The first occurrence of weekly minute `minute` strictly after `afterMs`. */
export function nextOccurrence(minute: number, afterMs: number): number {
  checkMinute(minute);
  const occurrence = weekStart(afterMs) + minute * MINUTE_MS;
  return occurrence > afterMs ? occurrence : occurrence + WEEK_MS;
}

/** The last occurrence of weekly minute `minute` at or before `atMs`. */
export function latestOccurrence(minute: number, atMs: number): number {
  checkMinute(minute);
  const occurrence = weekStart(atMs) + minute * MINUTE_MS;
  return occurrence <= atMs ? occurrence : occurrence - WEEK_MS;
}

/** The first multiple of `periodMs` (counted from the epoch, so :00, :05, … for 5 minutes) strictly after `afterMs`. */
export function nextTick(afterMs: number, periodMs = EXTERNAL_PERIOD_MS): number {
  return afterMs - mod(afterMs, periodMs) + periodMs;
}

const isoForm = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export const ISO_FORM = 'YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] (UTC unless an offset is given), e.g. 1994-02-26T13:45';

/**
 * Parse an ISO 8601 date-time as simulation time. Without an offset it is UTC (simulation time is
 * UTC; JavaScript would otherwise read it as local time). Returns null when the text is not of that
 * form or names a day or time that does not exist (30 February, 24:10).
 */
export function parseIsoUtc(text: string): number | null {
  const m = isoForm.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  d.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  let ms = d.getTime();
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offsetMinutes = Number(z[2]) * 60 + Number(z[3]);
    if (Number(z[2]) > 23 || Number(z[3]) > 59) return null;
    ms -= (z[1] === '+' ? 1 : -1) * offsetMinutes * MINUTE_MS;
  }
  return Number.isFinite(ms) ? ms : null;
}

/**
 * `--until`: an ISO time, or `+<n>m` / `+<n>h` / `+<n>d` after `fromMs` (the current simulation time).
 * Returns null when the text is neither.
 */
export function parseUntil(text: string, fromMs: number): number | null {
  const rel = /^\+(\d{1,9})\s*([mhd])$/i.exec(text.trim());
  if (rel) return fromMs + Number(rel[1]) * { m: MINUTE_MS, h: HOUR_MS, d: 24 * HOUR_MS }[rel[2].toLowerCase() as 'm' | 'h' | 'd'];
  return parseIsoUtc(text);
}
