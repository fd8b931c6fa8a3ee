import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { step, stmt } from '@/lib/core/statements';

/**
 * Run history (docs/engine.md, "Run history"): every engine step writes one `run_history` row in
 * its own transaction — so a step that rolled back leaves no row, and one that committed always has
 * its row. What started the step (the trigger) is set by the caller around the call; the messages
 * a step sends, reads or moves are noted by the engine as it goes; its warnings and errors are read
 * back from the log lines and events it wrote.
 */
export interface RunTrigger {
  /** `schedule`, `Dispatch`, `service pause`, `service start`, `console`, `command line`, `wizard`. */
  trigger: string;
  who?: string;
  groupId?: string;
}

export interface RunCounts {
  txnIn?: number;
  txnOut?: number;
  /** Messages moved by a transport pass (sent and read messages are counted as noted). */
  moved?: number;
  summary?: string;
  /** A more precise kind than the call's, known only afterwards (an import that applied a RESYNC.GLB). */
  kind?: string;
  /** Nothing happened (a transport pass that found nothing to move): no row. */
  idle?: boolean;
}

interface NotedMessage {
  dir: 'sent' | 'read' | 'moved';
  subject: string;
  n: number;
}

const MAX_LISTED = 200;
/** The purge runs once per this many runs (cheap either way; this keeps it off the hot path). */
const PURGE_EVERY = 64;

const triggers = new WeakMap<Database.Database, RunTrigger[]>();
const collectors = new WeakMap<Database.Database, NotedMessage[][]>();

/**
 * Run `fn` with every step it makes recorded as started by `t`. The innermost trigger wins; it
 * keeps the outer one's `who` and group unless it names its own (a console admin pausing a service).
 */
export function withTrigger<T>(db: Db, t: RunTrigger, fn: () => T): T {
  let stack = triggers.get(db.$client);
  if (!stack) triggers.set(db.$client, (stack = []));
  const outer = stack[stack.length - 1];
  stack.push({ who: outer?.who, groupId: outer?.groupId, ...t });
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/** The trigger in force; a direct call of an engine verb is the command line's. */
export function currentTrigger(db: Db): RunTrigger {
  const stack = triggers.get(db.$client);
  return stack?.[stack.length - 1] ?? { trigger: 'command line' };
}

/** Note a message the running step sent, read or moved (no-op outside a recorded step). */
export function noteMessage(db: Db, dir: NotedMessage['dir'], m: { subject: string; n?: number }): void {
  const stack = collectors.get(db.$client);
  stack?.[stack.length - 1]?.push({ dir, subject: m.subject, n: m.n ?? 0 });
}

const maxId = (db: Db, table: 'log_line' | 'event') => (stmt(db, `select coalesce(max(id), 0) as id from ${table}`).get() as { id: number }).id;

/**
 * Run `fn` as one transaction and record it. `object` names what it ran on (called after `fn`, so
 * it may use what `fn` resolved); `counts` adds what only the step knows. A step whose result
 * carries `fatal` is recorded as an Error with that number. A step run inside another recorded
 * step (T2's receive inside an Exchange DSS's DXA cycle, a DXA applying a reply the PC MTA pass
 * just delivered) is part of that step's row, not a row of its own.
 */
export function recordRun<T>(
  db: Db,
  kind: string,
  object: (result: T) => string,
  fn: () => T,
  counts?: (result: T) => RunCounts,
): T {
  if (collectors.get(db.$client)?.length) return step(db, fn);
  return step(db, () => {
    const wallStart = Date.now(); // run history's wall time is a record of the host, not model behaviour
    const simStart = now(db);
    const logFrom = maxId(db, 'log_line') + 1;
    const eventFrom = maxId(db, 'event') + 1;
    let stack = collectors.get(db.$client);
    if (!stack) collectors.set(db.$client, (stack = []));
    const noted: NotedMessage[] = [];
    stack.push(noted);
    let result: T;
    try {
      result = fn();
    } finally {
      stack.pop();
    }
    const logTo = maxId(db, 'log_line');
    const eventTo = maxId(db, 'event');
    const c = counts?.(result) ?? {};
    if (c.idle) return result;
    const fatal = (result as { fatal?: { number: number; text: string } } | undefined)?.fatal;
    const problems = stmt(
      db,
      `select severity as level, number from log_line where id between ? and ? and severity <> 'Status'
       union all select case type when 'Error' then 'Fatal' else 'Warning' end, event_id from event
       where id between ? and ? and type in ('Error', 'Warning')`,
    ).all(logFrom, logTo, eventFrom, eventTo) as { level: 'Fatal' | 'Warning'; number: number }[];
    const outcome = fatal || problems.some((p) => p.level === 'Fatal') ? 'Error' : problems.length ? 'Warning' : 'OK';
    const numbers = [...new Set([...(fatal ? [fatal.number] : []), ...problems.map((p) => p.number)])].join(',');
    const sum = (dir: NotedMessage['dir']) => noted.filter((m) => m.dir === dir).reduce((s, m) => s + m.n, 0);
    const summary = c.summary ?? (fatal ? `Fatal [${fatal.number}] ${fatal.text}` : ((result as { lines?: string[] } | undefined)?.lines ?? []).join(' · '));
    const t = currentTrigger(db);
    const row = stmt(
      db,
      `insert into run_history (kind, object, trigger, who, group_id, sim_start, sim_end, wall_start, wall_end, txn_in, txn_out,
        messages, outcome, numbers, summary, message_list, log_from, log_to, event_from, event_to)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(
      c.kind ?? kind,
      object(result),
      t.trigger,
      t.who ?? '',
      t.groupId ?? null,
      simStart,
      now(db),
      wallStart,
      Date.now(),
      c.txnIn ?? sum('read'),
      c.txnOut ?? sum('sent'),
      c.moved ?? noted.length,
      outcome,
      numbers,
      summary.slice(0, 1000),
      JSON.stringify(noted.slice(0, MAX_LISTED)),
      logFrom,
      logTo,
      eventFrom,
      eventTo,
    ) as { id: number };
    if (row.id % PURGE_EVERY === 0) purgeRunHistory(db);
    return result;
  });
}

/** Keep the newest `max_rows` runs (run_history_settings; 100,000 when unset). */
export function purgeRunHistory(db: Db): number {
  const keep = (stmt(db, 'select max_rows as maxRows from run_history_settings where id = 1').get() as { maxRows: number } | undefined)?.maxRows ?? 100_000;
  const top = (stmt(db, 'select coalesce(max(id), 0) as id from run_history').get() as { id: number }).id;
  return stmt(db, 'delete from run_history where id <= ?').run(top - keep).changes;
}
