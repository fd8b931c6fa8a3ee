'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { advanceToNext, advanceToNextPoll, followClock, setFollowing } from '@/lib/scheduler/follow-clock';
import { clockView } from '@/lib/queries/clock-view';

/** Following real time: move the clock by the real time since the last tick × speed. */
export const tickClockAction = defineAction({
  name: 'Clock: follow real time',
  schema: z.object({}),
  noRevision: 'moves the clock by the real time passed: no form is saved',
  run: ({ db }) => {
    const r = followClock(db, Date.now());
    return { ...clockView(db), lines: r.lines };
  },
});

/** Run at a speed (simulated seconds per real second) or pause (0). */
export const setClockSpeedAction = defineAction({
  name: 'Clock: speed',
  noRevision: 'sets the speed at once, as a button does: there are no other opened values to write over',
  schema: z.object({ speed: z.coerce.number().min(0, 'Speed is 0 (paused) or more').max(86_400, 'Speed is at most 86400 (a day per second)') }),
  run: ({ db, input, audit }) => {
    const before = clockView(db).speed;
    setFollowing(db, input.speed, Date.now());
    audit('Simulation clock', { speed: before }, { speed: input.speed });
    return clockView(db);
  },
});

/** Advance to the next scheduled event (Dispatch runs it and what falls before it). */
export const advanceClockAction = defineAction({
  name: 'Clock: advance to the next scheduled event',
  schema: z.object({}),
  noRevision: 'runs what is due: no form is saved',
  run: ({ db, audit }) => {
    const before = clockView(db).text;
    const r = advanceToNext(db);
    const after = clockView(db);
    audit('Simulation clock', { now: before }, { now: after.text });
    return { ...after, lines: r.lines };
  },
});

/** Advance to the next PC MTA poll only: scheduled T1/T2/T3 due later wait. */
export const advanceToPollAction = defineAction({
  name: 'Clock: advance to the next poll only',
  noRevision: 'moves the simulation clock: an act, not a form',
  schema: z.object({}),
  run: ({ db, audit }) => {
    const before = clockView(db).text;
    const r = advanceToNextPoll(db);
    const after = clockView(db);
    audit('Simulation clock', { now: before }, { now: after.text });
    return { ...after, lines: r.lines };
  },
});
