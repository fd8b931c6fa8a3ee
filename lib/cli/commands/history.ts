import { ctime, now } from '@/lib/core/clock';
import { usage } from '@/lib/core/errors';
import { allRuns, MAX_RUN_LIMIT, queryRuns, RUN_CSV_HEADER, runCsvLine, runDetail, type RunFilter, type RunRow } from '@/lib/history/query-runs';
import { runRetention, setRunRetention } from '@/lib/history/retention';
import { longValue, parseArgs, type Args } from '../args';
import { show, type Command, type CommandContext } from '../context';
import { parseEventTime } from './events';

const FILTERS = ['object', 'kind', 'outcome', 'trigger', 'group', 'since', 'until', 'limit', 'before'];

function whole(a: Args, name: string, max: number): number | undefined {
  const text = longValue(a, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text.trim()) || Number(text) < 1 || Number(text) > max) throw usage(`--${name} "${text}" is not a whole number from 1 to ${max}`);
  return Number(text);
}

function filterOf(ctx: CommandContext, a: Args): RunFilter {
  const db = ctx.db();
  const time = (name: string) => {
    const text = longValue(a, name);
    if (text === undefined) return undefined;
    const ms = parseEventTime(text, now(db));
    if (ms === null) throw usage(`--${name} "${text}" is not a time: give -<n>m, -<n>h, -<n>d (before the simulation clock) or an ISO time`);
    return ms;
  };
  const outcome = longValue(a, 'outcome');
  return {
    object: longValue(a, 'object'),
    kind: longValue(a, 'kind'),
    // Outcomes are typed as the list shows them; any case is accepted.
    outcome: outcome === undefined ? undefined : outcome.charAt(0).toUpperCase() + outcome.slice(1).toLowerCase(),
    trigger: longValue(a, 'trigger'),
    groupId: longValue(a, 'group'),
    since: time('since'),
    until: time('until'),
    limit: whole(a, 'limit', MAX_RUN_LIMIT),
    before: whole(a, 'before', Number.MAX_SAFE_INTEGER),
  };
}

export const HISTORY_HEADER = 'Id      Start                     Kind              Object                Trigger        Outcome  In     Out    Msgs  Summary';

const line = (r: RunRow) =>
  `${String(r.id).padEnd(7)} ${ctime(r.simStart).padEnd(25)} ${r.kind.padEnd(17)} ${r.object.padEnd(21)} ${r.trigger.padEnd(14)} ${(r.outcome + (r.numbers ? ` ${r.numbers}` : '')).padEnd(8)} ${String(r.txnIn).padEnd(6)} ${String(r.txnOut).padEnd(6)} ${String(r.messages).padEnd(5)} ${r.summary}`;

/** `history [filters]`: the run history, newest first. */
function list(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, { longValued: FILTERS });
  if (a.words.length) throw usage(`history takes no words ("${a.words[0]}"): dirsync history [--object o] [--kind k] [--outcome OK|Warning|Error] [--trigger t] [--since t] [--until t] [--limit n] [--before id], or history show <id> | export | retention`);
  const result = queryRuns(ctx.db(), filterOf(ctx, a));
  show(ctx, a, result, () =>
    result.runs.length ? [HISTORY_HEADER, ...result.runs.map(line), ...(result.next ? [`(more: --before ${result.next})`] : [])].join('\n') : 'No runs match',
  );
  return 0;
}

/** `history show <id>`: one run with its messages, log lines and events. */
function showRun(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, {});
  const [id, extra] = a.words;
  if (!id || extra || !/^\d{1,15}$/.test(id)) throw usage('history show needs one run id: dirsync history show 42');
  const r = runDetail(ctx.db(), Number(id));
  show(ctx, a, r, () =>
    [
      `Run ${r.id}: ${r.kind} on ${r.object}, ${r.outcome}${r.numbers ? ` (${r.numbers})` : ''}`,
      `Started ${ctime(r.simStart)} by ${r.trigger}${r.who ? ` (${r.who})` : ''}; ${r.wallEnd - r.wallStart} ms`,
      `Transactions in ${r.txnIn}, out ${r.txnOut}; messages ${r.messages}`,
      r.summary,
      ...(r.messageList.length ? ['Messages:', ...r.messageList.map((m) => `  ${m.dir.padEnd(5)} ${m.subject}`)] : []),
      ...(r.logLines.length ? ['Log lines:', ...r.logLines.map((l) => `  ${l.po} ${l.file}.LOG ${l.severity} [${l.number}] ${l.text}`)] : []),
      ...(r.events.length ? ['Events:', ...r.events.map((e) => `  ${e.computer} ${e.source} ${e.type} ${e.eventId} ${e.category}: ${e.description.split('\n')[0]}`)] : []),
    ].join('\n'),
  );
  return 0;
}

/** `history export [filters]`: every run the filter selects, as CSV on stdout. */
function exportRuns(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, { longValued: FILTERS.filter((f) => f !== 'limit') });
  if (a.words.length) throw usage(`history export takes only filters ("${a.words[0]}")`);
  const lines = [RUN_CSV_HEADER];
  for (const r of allRuns(ctx.db(), filterOf(ctx, a))) lines.push(runCsvLine(r));
  ctx.io.out(lines.join('\n'));
  return 0;
}

/** `history retention [<runs kept>]`: how much history is kept. */
function retention(ctx: CommandContext, tokens: string[]): number {
  const a = parseArgs(tokens, {});
  const [n, extra] = a.words;
  if (extra || (n !== undefined && !/^\d{1,9}$/.test(n))) throw usage('history retention takes at most one whole number: dirsync history retention 50000');
  const db = ctx.db();
  const r = n === undefined ? { ...runRetention(db), removed: 0 } : setRunRetention(db, Number(n));
  show(ctx, a, r, () => `Run history keeps the newest ${r.maxRows.toLocaleString('en')} runs; ${r.rows.toLocaleString('en')} kept now${r.removed ? `, ${r.removed.toLocaleString('en')} older removed` : ''}`);
  return 0;
}

/** `history …`: the run history (docs/cli.md). */
export const history: Command = (ctx) => {
  let k = 0;
  while (k < ctx.tokens.length && (ctx.tokens[k] === '--json' || ctx.tokens[k] === '--db' || ctx.tokens[k].startsWith('--db='))) k += ctx.tokens[k] === '--db' ? 2 : 1;
  const sub = ctx.tokens[k]?.toLowerCase();
  const rest = [...ctx.tokens.slice(0, k), ...ctx.tokens.slice(k + 1)];
  if (sub === 'show') return showRun(ctx, rest);
  if (sub === 'export') return exportRuns(ctx, rest);
  if (sub === 'retention') return retention(ctx, rest);
  return list(ctx, ctx.tokens);
};
