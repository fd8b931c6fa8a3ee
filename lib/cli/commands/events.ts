import { now } from '@/lib/core/clock';
import { usage } from '@/lib/core/errors';
import { HOUR_MS, ISO_FORM, MINUTE_MS, parseUntil } from '@/lib/scheduler/next-occurrence';
import { EVENT_HEADER, formatEventLine, MAX_EVENT_LIMIT, queryEvents, type EventFilter } from '@/lib/exchange/events/query-events';
import { clearEventLog } from '@/lib/exchange/events/clear-event-log';
import { eventCount, eventLogSettings, overwriteText, type EventLogSettings } from '@/lib/exchange/events/event-log-settings';
import { setEventLogSettings } from '@/lib/exchange/events/set-event-log-settings';
import { longValue, parseArgs, type Args } from '../args';
import { show, type Command, type CommandContext } from '../context';

const DAY_MS = 24 * HOUR_MS;

/**
 * A time for --since / --until: ISO (UTC unless an offset is given), or relative to the simulation
 * clock: `-2h` (two hours ago), `-30m`, `-7d`, `+1h`.
 */
export function parseEventTime(text: string, nowMs: number): number | null {
  const rel = /^([+-])(\d{1,9})\s*([mhd])$/i.exec(text.trim());
  if (rel) {
    const unit = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS }[rel[3].toLowerCase() as 'm' | 'h' | 'd'];
    return nowMs + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  return parseUntil(text, nowMs);
}

function time(a: Args, name: string, nowMs: () => number): number | undefined {
  const text = longValue(a, name);
  if (text === undefined) return undefined;
  const ms = parseEventTime(text, nowMs());
  if (ms === null) throw usage(`--${name} "${text}" is not a time: give -<n>m, -<n>h, -<n>d (before the simulation clock), +<n>m/h/d, or ${ISO_FORM}`);
  return ms;
}

function wholeNumber(a: Args, name: string, min: number, max: number, what: string): number | undefined {
  const text = longValue(a, name);
  if (text === undefined) return undefined;
  if (!/^\s*\d{1,10}\s*$/.test(text) || Number(text) < min || Number(text) > max) {
    throw usage(`--${name} "${text}" is not ${what}: give a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

const FILTER_OPTIONS = ['source', 'id', 'category', 'type', 'since', 'until', 'computer', 'find', 'user', 'limit', 'before'];

/** `events [filters]`: the Application log, newest first. */
function list(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, { longValued: FILTER_OPTIONS });
  if (a.words.length) {
    throw usage(`events takes no words ("${a.words[0]}"): dirsync events [--source s] [--id n] [--category c] [--type t] [--since t] [--until t] [--computer c] [--find text] [--limit n], or events settings|clear <COMPUTER>`);
  }
  const db = ctx.db();
  const nowMs = () => now(db);
  const filter: EventFilter = {
    source: longValue(a, 'source'),
    eventId: wholeNumber(a, 'id', 0, 65535, 'an event ID'),
    category: longValue(a, 'category'),
    type: longValue(a, 'type'),
    user: longValue(a, 'user'),
    computer: longValue(a, 'computer'),
    find: longValue(a, 'find'),
    since: time(a, 'since', nowMs),
    until: time(a, 'until', nowMs),
    limit: wholeNumber(a, 'limit', 1, MAX_EVENT_LIMIT, 'a page size'),
    before: wholeNumber(a, 'before', 1, Number.MAX_SAFE_INTEGER, 'an event number'),
  };
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw usage('--since is after --until: the range is empty');
  }
  if (filter.computer !== undefined) eventLogSettings(db, filter.computer); // an unknown computer is an error, not an empty log
  const result = queryEvents(db, filter);
  show(ctx, a, result, () => [EVENT_HEADER, ...result.events.map(formatEventLine)].join('\n'));
  return 0;
}

const settingsText = (s: EventLogSettings, events: number, removed: number) => {
  const used = `${Math.ceil(s.usedBytes / 1024).toLocaleString('en')} KB used by ${events.toLocaleString('en')} event${events === 1 ? '' : 's'}`;
  const gone = removed ? `\n${removed.toLocaleString('en')} oldest event${removed === 1 ? '' : 's'} removed to fit the new size` : '';
  return `Application log on ${s.computer}: maximum ${s.maxKb.toLocaleString('en')} KB, ${overwriteText(s)}; ${used}${gone}`;
};

/** `events settings <COMPUTER> [--max-kb n] [--overwrite as-needed|older-than|never] [--days n]`: Log ▸ Log Settings… */
function settings(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, { longValued: ['max-kb', 'overwrite', 'days'] });
  const [computer, extra] = a.words;
  if (!computer || extra) throw usage('events settings needs one <COMPUTER>: dirsync events settings EXCH01 [--max-kb 1024] [--overwrite as-needed|older-than|never] [--days 7]');
  const db = ctx.db();
  const maxKb = wholeNumber(a, 'max-kb', 0, 99_999_999, 'a size in KB');
  const days = wholeNumber(a, 'days', 0, 99_999, 'a number of days');
  const overwrite = longValue(a, 'overwrite');
  const change = maxKb !== undefined || days !== undefined || overwrite !== undefined;
  const result = change ? setEventLogSettings(db, computer, { maxKb, olderThanDays: days, overwrite }) : { ...eventLogSettings(db, computer), removed: 0 };
  const events = eventCount(db, result.computer);
  show(ctx, a, { ...result, events }, () => settingsText(result, events, result.removed));
  return 0;
}

/** `events clear <COMPUTER>`: Log ▸ Clear All Events (save first with `events --json` if needed). */
function clear(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, {});
  const [computer, extra] = a.words;
  if (!computer || extra) throw usage('events clear needs one <COMPUTER>: dirsync events clear EXCH01');
  const result = clearEventLog(ctx.db(), computer);
  show(ctx, a, result, () => `Application log on ${result.computer} cleared (${result.removed.toLocaleString('en')} event${result.removed === 1 ? '' : 's'} removed)`);
  return 0;
}

/** `events …`: the Event Viewer's Application log. */
export const events: Command = (ctx) => {
  // The subcommand is the first word; the global --db <file> / --json may come before it.
  let k = 0;
  while (k < ctx.tokens.length && (ctx.tokens[k] === '--json' || ctx.tokens[k] === '--db' || ctx.tokens[k].startsWith('--db='))) k += ctx.tokens[k] === '--db' ? 2 : 1;
  const sub = ctx.tokens[k]?.toLowerCase();
  const rest = [...ctx.tokens.slice(0, k), ...ctx.tokens.slice(k + 1)];
  if (sub === 'settings') return settings(ctx, rest);
  if (sub === 'clear') return clear(ctx, rest);
  return list(ctx, ctx.tokens);
};
