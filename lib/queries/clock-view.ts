import type { Db } from '@/db/client';
import { CLOCK_START, ctime } from '@/lib/dirsync/clock';
import { stmt } from '@/lib/dirsync/statements';

export interface ClockView {
  now: number;
  text: string;
  /** Simulated seconds per real second; 0 = stopped. */
  speed: number;
}

/** The clock as the console shows it; read-only (it never creates the clock row). */
export function clockView(db: Db): ClockView {
  const row = stmt(db, 'select now, speed from clock where id = 1').get() as { now: number; speed: number } | undefined;
  const now = row?.now ?? CLOCK_START;
  return { now, text: ctime(now), speed: row?.speed ?? 0 };
}
