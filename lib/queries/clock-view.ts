import type { Db } from '@/db/client';
import { CLOCK_START, ctime } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';
import { clockWaiting, type ClockWaiting } from '@/lib/scheduler/waiting';
import { speedText } from '@/lib/core/clock-speeds';

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

/** The clock as the console shows it; read-only (it never creates the clock row). */
export function clockView(db: Db): ClockView {
  const row = stmt(db, 'select now, speed from clock where id = 1').get() as { now: number; speed: number } | undefined;
  const now = row?.now ?? CLOCK_START;
  const speed = row?.speed ?? 0;
  return { now, text: ctime(now), speed, speedText: speed > 0 ? speedText(speed) : 'Paused', waiting: clockWaiting(db) };
}
