import type { Db } from '@/db/client';
import { ctime, now } from '@/lib/core/clock';
import { step, stmt } from '@/lib/core/statements';
import { usage } from '@/lib/core/errors';
import { dispatch } from './dispatch';

/** At most this much real time is caught up in one go (a console left closed overnight). */
export const MAX_CATCH_UP_MS = 60 * 60 * 1000;

export interface FollowResult {
  /** Simulation time now (ms). */
  now: number;
  /** What ran on the way (Dispatch's lines). */
  lines: string[];
}

/**
 * Following real time at the stored speed: move the simulation clock on by the real time since the
 * last move × speed, running everything that falls due on the way (Dispatch). Several consoles may
 * call it; each call only covers the real time since the last one. The wall clock is passed in:
 * the engine itself never reads it.
 */
export function followClock(db: Db, realNow: number): FollowResult {
  const row = step(db, () => {
    const start = now(db);
    const r = stmt(db, 'select speed, followed_at as followedAt from clock where id = 1').get() as { speed: number; followedAt: number | null };
    stmt(db, 'update clock set followed_at = ? where id = 1').run(r.speed > 0 ? realNow : null);
    return { start, ...r };
  });
  if (row.speed <= 0 || row.followedAt === null || realNow <= row.followedAt) return { now: row.start, lines: [] };
  const elapsed = Math.min(realNow - row.followedAt, MAX_CATCH_UP_MS);
  const target = row.start + Math.round(elapsed * row.speed);
  if (target <= row.start) return { now: row.start, lines: [] };
  const result = dispatch(db, { until: target });
  return { now: now(db), lines: result.lines };
}

/** Start or stop following real time: the speed (simulated seconds per real second, 0 = stopped) and the anchor. */
export function setFollowing(db: Db, speed: number, realNow: number): void {
  if (!Number.isFinite(speed) || speed < 0 || speed > 86_400) {
    throw usage(`the clock's speed is simulated seconds per real second, from 0 (stopped) to 86400; got ${speed}`);
  }
  step(db, () => {
    now(db);
    stmt(db, 'update clock set speed = ?, followed_at = ? where id = 1').run(speed, speed > 0 ? realNow : null);
  });
}

/** "Advance to the next scheduled event": Dispatch runs the next due process (and what comes before it). */
export function advanceToNext(db: Db): FollowResult {
  const result = dispatch(db, {});
  return { now: now(db), lines: result.lines.length ? result.lines : [`Nothing is scheduled after ${ctime(now(db))}`] };
}

/**
 * "Advance to the next poll only": the clock goes to the next PC MTA poll and stops right after it
 * (Dispatch's `nextPollOnly`), so the scheduled T1/T2/T3 that come later wait.
 */
export function advanceToNextPoll(db: Db): FollowResult {
  const result = dispatch(db, { nextPollOnly: true });
  const at = now(db);
  return { now: at, lines: result.lines.length ? result.lines : [`${ctime(at)}  PC MTA polled: nothing to carry`] };
}
