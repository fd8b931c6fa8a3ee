import type { Db } from '@/db/client';
import { CLOCK_START, ctime } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';
import { clockWaiting, type ClockWaiting } from '@/lib/scheduler/waiting';

export interface ClockView {
  now: number;
  text: string;
  /** Simulated seconds per real second; 0 = stopped. */
  speed: number;
  /** The speed in the words of the speed box ("Real time", "1 minute per second", …). */
  speedText: string;
  /** What waits for the clock to move: the next PC MTA poll, the next scheduled process. */
  waiting: ClockWaiting;
}

/** The speeds the console offers, in the words both the speed box and the status show. */
export const CLOCK_SPEEDS = [
  { value: 1, label: 'Real time' },
  { value: 60, label: '1 minute per second' },
  { value: 600, label: '10 minutes per second' },
  { value: 3600, label: '1 hour per second' },
] as const;

/** One wording for a speed wherever it shows: the offered label, else simulated seconds per second. */
export function speedText(speed: number): string {
  const offered = CLOCK_SPEEDS.find((s) => s.value === speed);
  if (offered) return offered.label;
  const n = Number(speed.toPrecision(3));
  return `${n.toLocaleString('en', { maximumSignificantDigits: 3 })} simulated ${n === 1 ? 'second' : 'seconds'} per second`;
}

/** The clock as the console shows it; read-only (it never creates the clock row). */
export function clockView(db: Db): ClockView {
  const row = stmt(db, 'select now, speed from clock where id = 1').get() as { now: number; speed: number } | undefined;
  const now = row?.now ?? CLOCK_START;
  const speed = row?.speed ?? 0;
  return { now, text: ctime(now), speed, speedText: speed > 0 ? speedText(speed) : 'Paused', waiting: clockWaiting(db) };
}
