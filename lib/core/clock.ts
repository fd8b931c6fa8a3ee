import type { Db } from '@/db/client';
import { stmt } from './statements';

/** Where a new database's clock starts: Saturday 26 February 1994, 08:00 (the documents' era). */
export const CLOCK_START = Date.UTC(1994, 1, 26, 8, 0, 0);

/** The simulation time (Unix ms). Nothing in the engine reads the wall clock. */
export function now(db: Db): number {
  // A bare value (pluck): every recorded step reads the clock twice. Its own text (the alias), since
  // stmt() caches statements by text and pluck() changes the cached statement for every user.
  const ms = stmt(db, 'select now as sim_now from clock where id = 1').pluck().get() as number | undefined;
  if (ms !== undefined) return ms;
  stmt(db, 'insert into clock (id, now, speed) values (1, ?, 0)').run(CLOCK_START);
  return CLOCK_START;
}

export function setNow(db: Db, ms: number): void {
  now(db);
  stmt(db, 'update clock set now = ? where id = 1').run(ms);
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `Sat Feb 26 13:45:00 1994`, the ctime form the MS Mail utilities print (simulation time is UTC). */
export function ctime(ms: number): string {
  const d = new Date(ms);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** `02/26/94 13:45:00`, the date and time of a log line. */
export function logStamp(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)} ${two(
    d.getUTCHours(),
  )}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
