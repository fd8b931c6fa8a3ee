import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gridAfter,
  gridAtOrAfter,
  hourOfWeek,
  hourStart,
  HOURS_PER_WEEK,
  isHourGrid,
  latestSelectedHour,
  nextSelectedHour,
  type HourSchedule,
} from '@/lib/scheduler/next-hour';
import { HOUR_MS, WEEK_MS } from '@/lib/scheduler/next-occurrence';

const MIN = 60_000;
/** Feb 26 1994 is a Saturday; Feb 27 a Sunday. */
const feb = (day: number, h: number, m = 0) => Date.UTC(1994, 1, day, h, m);
/** A grid with the given hours of the week selected. */
const grid = (...hours: number[]): HourSchedule => {
  const bits = Array.from({ length: HOURS_PER_WEEK }, (_, k) => (hours.includes(k) ? '1' : '0'));
  return { style: 'selected', schedule: bits.join('') };
};
const how = (day: number, h: number) => day * 24 + h;

describe('hours of the week', () => {
  it('counts from Sunday 00:00 UTC', () => {
    expect(hourOfWeek(feb(27, 0))).toBe(0);
    expect(hourOfWeek(feb(27, 0, 59))).toBe(0);
    expect(hourOfWeek(feb(26, 23, 59))).toBe(167);
    expect(hourOfWeek(feb(26, 14, 15))).toBe(how(6, 14));
    expect(hourStart(feb(26, 14, 15) + 1234)).toBe(feb(26, 14));
    expect(hourStart(feb(26, 14))).toBe(feb(26, 14));
  });

  it('knows a valid grid', () => {
    expect(isHourGrid('0'.repeat(168))).toBe(true);
    expect(isHourGrid('01'.repeat(84))).toBe(true);
    expect(isHourGrid('0'.repeat(167))).toBe(false);
    expect(isHourGrid('2'.repeat(168))).toBe(false);
  });
});

describe('the next selected hour', () => {
  it('is strictly after the time: a top of the hour that is selected is not "after" itself', () => {
    const s = grid(how(6, 14));
    expect(nextSelectedHour(s, feb(26, 8))).toBe(feb(26, 14));
    expect(nextSelectedHour(s, feb(26, 14) - 1)).toBe(feb(26, 14));
    expect(nextSelectedHour(s, feb(26, 14))).toBe(feb(26, 14) + WEEK_MS);
    expect(nextSelectedHour(s, feb(26, 14, 30))).toBe(feb(26, 14) + WEEK_MS);
  });

  it('wraps round the end of the week', () => {
    const s = grid(0, how(3, 9));
    expect(nextSelectedHour(s, feb(26, 23, 10))).toBe(feb(27, 0));
    expect(nextSelectedHour(s, feb(27, 0))).toBe(Date.UTC(1994, 2, 2, 9));
  });

  it('always = every hour; never, or a grid with nothing selected = none', () => {
    const always: HourSchedule = { style: 'always', schedule: '' };
    expect(nextSelectedHour(always, feb(26, 8))).toBe(feb(26, 9));
    expect(nextSelectedHour(always, feb(26, 8, 1))).toBe(feb(26, 9));
    expect(latestSelectedHour(always, feb(26, 8, 59))).toBe(feb(26, 8));
    expect(nextSelectedHour({ style: 'never', schedule: '1'.repeat(168) }, feb(26, 8))).toBeNull();
    expect(nextSelectedHour(grid(), feb(26, 8))).toBeNull();
    expect(latestSelectedHour(grid(), feb(26, 8))).toBeNull();
  });

  it('finds the latest selected hour at or before a time', () => {
    const s = grid(how(6, 14), how(1, 2));
    expect(latestSelectedHour(s, feb(26, 14))).toBe(feb(26, 14));
    expect(latestSelectedHour(s, feb(26, 14) - 1)).toBe(Date.UTC(1994, 1, 21, 2));
    expect(latestSelectedHour(s, feb(28, 1))).toBe(feb(26, 14));
  });

  it('refuses a stored grid that is not 168 zeros and ones', () => {
    expect(() => nextSelectedHour({ style: 'selected', schedule: '1' }, 0)).toThrow(RangeError);
  });

  it('costs the same for a clock years ahead, and before 1970', () => {
    const s = grid(how(2, 5));
    const far = Date.UTC(2100, 0, 1); // a Friday
    expect(nextSelectedHour(s, far)).toBe(Date.UTC(2100, 0, 5, 5));
    expect(latestSelectedHour(s, Date.UTC(1969, 11, 31, 12))).toBe(Date.UTC(1969, 11, 30, 5));
  });

  it('holds for any grid and time (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 168, maxLength: 168 }), fc.integer({ min: -1e13, max: 1e13 }), (bits, t) => {
        const s: HourSchedule = { style: 'selected', schedule: bits.map((b) => (b ? '1' : '0')).join('') };
        const n = nextSelectedHour(s, t);
        const l = latestSelectedHour(s, t);
        if (!bits.includes(true)) {
          expect(n).toBeNull();
          expect(l).toBeNull();
          return;
        }
        expect(n).not.toBeNull();
        expect(l).not.toBeNull();
        expect(n!).toBeGreaterThan(t);
        expect(n! - t).toBeLessThanOrEqual(WEEK_MS);
        expect(l!).toBeLessThanOrEqual(t);
        expect(t - l!).toBeLessThan(WEEK_MS + HOUR_MS);
        expect(bits[hourOfWeek(n!)]).toBe(true);
        expect(bits[hourOfWeek(l!)]).toBe(true);
        expect(hourStart(n!)).toBe(n!);
        // Nothing selected strictly between them.
        for (let h = l! + HOUR_MS; h < n!; h += HOUR_MS) expect(bits[hourOfWeek(h)]).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the polling grid', () => {
  it('steps from the anchor by the period', () => {
    const anchor = feb(26, 8, 1);
    expect(gridAfter(anchor, 5 * MIN, feb(26, 8))).toBe(anchor);
    expect(gridAfter(anchor, 5 * MIN, anchor)).toBe(anchor + 5 * MIN);
    expect(gridAfter(anchor, 5 * MIN, feb(26, 9))).toBe(feb(26, 9, 1));
    expect(gridAtOrAfter(anchor, 5 * MIN, anchor)).toBe(anchor);
    expect(gridAtOrAfter(anchor, 5 * MIN, anchor + 1)).toBe(anchor + 5 * MIN);
    expect(gridAfter(anchor, MIN, anchor + 10 * WEEK_MS)).toBe(anchor + 10 * WEEK_MS + MIN);
    expect(() => gridAfter(anchor, 0, anchor)).toThrow(RangeError);
  });
});
