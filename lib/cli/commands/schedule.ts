import { ctime, now } from '@/lib/core/clock';
import { usage } from '@/lib/core/errors';
import { clockState, dispatch, setClock, type ClockState } from '@/lib/scheduler/dispatch';
import { setFollowing } from '@/lib/scheduler/follow-clock';
import { ISO_FORM, parseIsoUtc, parseUntil } from '@/lib/scheduler/next-occurrence';
import { longValue, parseArgs, shortValue } from '../args';
import { show, type Command } from '../context';

/**
 * `dispatch [-d<range>] [--until <ISO time | +<n>m | +<n>h | +<n>d>] [--cycles <n>] | dispatch --next-poll`:
 * advance the simulation clock, running in time order everything due. With neither option, runs up
 * to the next due process; `--next-poll` stops right after the next PC MTA poll (the console's
 * "Advance to the next poll only").
 */
export const dispatchCommand: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', longValued: ['until', 'cycles'], longFlags: ['next-poll'] });
  if (a.words.length) throw usage(`dispatch takes no words ("${a.words[0]}"): dirsync dispatch [-d<range>] [--until <time>] [--cycles <n>]`);
  const db = ctx.db();
  const untilText = longValue(a, 'until');
  let until: number | undefined;
  if (untilText !== undefined) {
    const parsed = parseUntil(untilText, now(db));
    if (parsed === null) throw usage(`--until "${untilText}" is not a time: give +<n>m, +<n>h, +<n>d or ${ISO_FORM}`);
    until = parsed;
  }
  const cyclesText = longValue(a, 'cycles');
  let cycles: number | undefined;
  if (cyclesText !== undefined) {
    if (!/^\d{1,6}$/.test(cyclesText.trim()) || Number(cyclesText) < 1) {
      throw usage(`--cycles "${cyclesText}" is not a number of cycles: give a whole number from 1 to 999999`);
    }
    cycles = Number(cyclesText);
  }
  const r = dispatch(db, { range: shortValue(a, 'd'), until, cycles, nextPollOnly: a.long.has('next-poll') });
  show(ctx, a, { lines: r.lines }, () => (r.lines.length ? r.lines.join('\n') : `Nothing was due; the clock is at ${ctime(now(db))}`));
  return 0;
};

const speedText = (speed: number) =>
  speed === 0 ? 'speed 0 (stopped)' : `speed ${speed} (1 real second = ${speed} simulated second${speed === 1 ? '' : 's'})`;

const clockText = (c: ClockState) => `${ctime(c.ms)}\n${speedText(c.speed)}`;

/** `clock [--show | --set <ISO> | --speed <x>]`: the simulation clock (UTC). */
export const clockCommand: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['set', 'speed'], longFlags: ['show'] });
  if (a.words.length) throw usage(`clock takes no words ("${a.words[0]}"): dirsync clock [--show | --set <ISO> | --speed <x>]`);
  const chosen = ['show', 'set', 'speed'].filter((o) => a.long.has(o));
  if (chosen.length > 1) throw usage(`clock takes one of --show, --set or --speed, not ${chosen.map((o) => `--${o}`).join(' and ')}`);
  const db = ctx.db();
  const setText = longValue(a, 'set');
  if (setText !== undefined) {
    const ms = parseIsoUtc(setText);
    if (ms === null) throw usage(`--set "${setText}" is not a time: give ${ISO_FORM}`);
    const { from, to } = setClock(db, ms);
    const c = clockState(db);
    const back =
      to < from
        ? `\nThe clock moved backwards from ${ctime(from)}: processes that already ran after ${ctime(to)} do not run again before their next weekly time.`
        : '';
    show(ctx, a, c, () => `Clock set to ${ctime(to)}${back}`);
    return 0;
  }
  const speed = longValue(a, 'speed');
  if (speed !== undefined) {
    const x = /^\s*\d+(\.\d+)?\s*$/.test(speed) ? Number(speed) : NaN;
    if (!Number.isFinite(x)) throw usage(`--speed "${speed}" is not a speed: give simulated seconds per real second, a number 0 or above (0 = stopped)`);
    // The same as the console's speed box: an open console follows real time from now on.
    setFollowing(db, x, Date.now());
    const c = clockState(db);
    show(ctx, a, c, () => speedText(c.speed));
    return 0;
  }
  const c = clockState(db);
  show(ctx, a, c, () => clockText(c));
  return 0;
};
