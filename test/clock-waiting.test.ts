import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { clockWaiting } from '@/lib/scheduler/waiting';
import { speedText } from '@/lib/core/clock-speeds';
import { exchangeRequestorNetwork, ok } from './helpers';

const waiting = (file: string) => {
  const db = openDatabase(file);
  try {
    return clockWaiting(db);
  } finally {
    db.$client.close();
  }
};

describe('what waits for the clock, and advancing to the next poll only', () => {
  it('names the next PC MTA poll and the next scheduled process; --next-poll runs the poll and not the T1 due at the same minute', () => {
    const file = exchangeRequestorNetwork('waiting');
    const clock = ok(file, 'clock --show').split('\n')[0];
    const w = waiting(file);
    // The MTA was started with a 1-minute interval: it polls a minute later.
    expect(w.nextPoll).toMatchObject({ what: 'Microsoft PC MTA on EXCH01 polls' });
    expect(w.nextPoll!.at - Date.parse(clock + ' UTC')).toBe(60_000);
    // A T1 at the minute of the poll: the next poll only leaves it waiting.
    const db = openDatabase(file);
    const at = w.nextPoll!.at;
    // (A PROCESS.GLB T1 entry, as DSSCHED writes it.)
    db.$client.prepare("insert into process_time (po_id, t, minute, last_done) select id, 1, ?, (select now from clock) from postoffice where name = 'NOV'").run(
      (new Date(at).getUTCDay() * 24 + new Date(at).getUTCHours()) * 60 + new Date(at).getUTCMinutes(),
    );
    db.$client.close();
    const before = waiting(file);
    expect(before.nextStep).toMatchObject({ at, what: 'T1 (NSDA -RT) on POLY/NOV' });
    const out = ok(file, 'dispatch --next-poll');
    expect(out).not.toMatch(/NSDA -RT/);
    const after = waiting(file);
    expect(ok(file, 'clock --show').split('\n')[0]).toBe(before.nextPoll!.text);
    // The T1 still waits; the poll grid moved on a minute.
    expect(after.nextStep).toMatchObject({ at, what: 'T1 (NSDA -RT) on POLY/NOV' });
    expect(after.nextPoll!.at).toBe(at + 60_000);
  });

  it('refuses the next poll when no PC MTA runs, changing nothing', () => {
    const file = exchangeRequestorNetwork('waiting-none');
    ok(file, 'service stop EXCH01 "Microsoft PC MTA"');
    const clock = ok(file, 'clock --show');
    expect(waiting(file).nextPoll).toBeNull();
    expect(() => ok(file, 'dispatch --next-poll')).toThrow(/no Connector \(PC\) MTA is polling/);
    expect(ok(file, 'clock --show')).toBe(clock);
  });

  it('says a speed in the speed box words', () => {
    expect(speedText(1)).toBe('Real time');
    expect(speedText(3600)).toBe('1 hour per second');
    expect(speedText(1e-7)).toBe('0.0000001 simulated seconds per second');
  });
});
