import { describe, expect, it } from 'vitest';
import { loadSampleNetwork } from '@/db/seed';
import { CLOCK_START, now } from '@/lib/core/clock';
import { advanceToNext, followClock, MAX_CATCH_UP_MS, setFollowing } from '@/lib/scheduler/follow-clock';
import { tempDb } from './helpers';

describe('the console clock following real time', () => {
  it('moves by the real time since the last move × speed, once however many consoles ask, and runs what falls due', () => {
    const { db } = tempDb('clock');
    loadSampleNetwork(db);
    const t0 = 1_700_000_000_000;
    expect(followClock(db, t0).now).toBe(CLOCK_START); // stopped: nothing moves
    setFollowing(db, 3600, t0); // an hour per second
    const first = followClock(db, t0 + 6000); // 6 s → 6 simulated hours: 08:00 → 14:00, EXCH01's T1 at 13:00 ran
    expect(first.now).toBe(CLOCK_START + 6 * 3600_000);
    expect(first.lines.some((l) => l.includes('EXCH01  MSExchangeDX'))).toBe(true);
    expect(followClock(db, t0 + 6000).now).toBe(first.now); // a second console at the same moment adds nothing
    setFollowing(db, 0, t0 + 7000);
    expect(followClock(db, t0 + 60_000).now).toBe(first.now);
  });

  it('catches up at most an hour of real time, and refuses a bad speed', () => {
    const { db } = tempDb('clock');
    setFollowing(db, 1, 0);
    expect(followClock(db, 10 * MAX_CATCH_UP_MS).now).toBe(CLOCK_START + MAX_CATCH_UP_MS);
    expect(() => setFollowing(db, -1, 0)).toThrow(/from 0 \(stopped\) to 86400/);
  });

  it('advances to the next scheduled event', () => {
    const { db } = tempDb('clock');
    loadSampleNetwork(db);
    const r = advanceToNext(db);
    expect(now(db)).toBe(Date.UTC(1994, 1, 26, 13, 0));
    expect(r.lines.at(-1)).toMatch(/EXCH01 {2}MSExchangeDX {2}ReqTx R=7 \(was 0\)/);
  });
});
