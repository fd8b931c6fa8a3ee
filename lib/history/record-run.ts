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
/**
 * The index entries of the runs are written this many runs at a time (`indexRunHistory`): a
 * step's commit writes its run's row page alone, and a batch shares index pages among its runs.
 * Queries read at most this many newest runs by id range beside the indexes.
 */
export const INDEX_EVERY = 256;

const triggers = new WeakMap<Database.Database, RunTrigger[]>();
/** Connections whose steps are not recorded (the benchmark's baseline for what recording costs). */
const unrecorded = new WeakSet<Database.Database>();

/**
 * Run `fn` with run history switched off on this connection: each step is still its one
 * transaction, it only writes no row. For `npm run bench` alone, which measures what recording
 * adds by running the same cycles with and without it; nothing in the console or CLI calls it.
 */
export function withoutRunHistory<T>(db: Db, fn: () => T): T {
  if (unrecorded.has(db.$client)) return fn();
  unrecorded.add(db.$client);
  try {
    return fn();
  } finally {
    unrecorded.delete(db.$client);
  }
}
/**
 * What the running step has done so far, noted by the engine as it goes (messages, the ids of the
 * log lines and events it wrote, their warnings and errors), so recording the step reads nothing
 * back from the database: a step's row costs one insert.
 */
interface Frame {
  messages: NotedMessage[];
  logFrom: number;
  logTo: number;
  eventFrom: number;
  eventTo: number;
  /** Warning and Fatal log lines, then Warning and Error events, in the order written. */
  logProblems: Problem[];
  eventProblems: Problem[];
}
interface Problem {
  level: 'Fatal' | 'Warning';
  number: number;
}
/** The frame of the recorded step running on a connection (steps inside it are part of its row). */
const frames = new WeakMap<Database.Database, Frame>();

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
  frames.get(db.$client)?.messages.push({ dir, subject: m.subject, n: m.n ?? 0 });
}

/** Note a log line the running step wrote (lib/dirsync/log.ts; no-op outside a recorded step). */
export function noteLogLine(db: Db, id: number, severity: string, number: number): void {
  const f = frames.get(db.$client);
  if (!f) return;
  if (f.logTo < 0) f.logFrom = id;
  f.logTo = id;
  if (severity !== 'Status') f.logProblems.push({ level: severity === 'Fatal' ? 'Fatal' : 'Warning', number });
}

/** Note an event the running step logged (lib/exchange/events/log-event.ts; no-op outside a recorded step). */
export function noteEvent(db: Db, id: number, type: string, eventId: number): void {
  const f = frames.get(db.$client);
  if (!f) return;
  if (f.eventTo < 0) f.eventFrom = id;
  f.eventTo = id;
  if (type === 'Error' || type === 'Warning') f.eventProblems.push({ level: type === 'Error' ? 'Fatal' : 'Warning', number: eventId });
}

const INSERT_RUN = `insert into run_history (kind, object, trigger, who, group_id, sim_start, sim_end, wall_start, wall_end, txn_in, txn_out,
  messages, outcome, numbers, summary, message_list, log_from, log_to, event_from, event_to)
 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

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
  if (frames.has(db.$client) || unrecorded.has(db.$client)) return step(db, fn);
  return step(db, () => {
    const wallStart = Date.now(); // run history's wall time is a record of the host, not model behaviour
    const simStart = now(db);
    // A step that writes no line or event keeps an empty range (from > to).
    const frame: Frame = { messages: [], logFrom: 0, logTo: -1, eventFrom: 0, eventTo: -1, logProblems: [], eventProblems: [] };
    frames.set(db.$client, frame);
    let result: T;
    try {
      result = fn();
    } finally {
      frames.delete(db.$client);
    }
    const c = counts?.(result) ?? {};
    if (c.idle) return result;
    const fatal = (result as { fatal?: { number: number; text: string } } | undefined)?.fatal;
    const problems = frame.logProblems.concat(frame.eventProblems);
    const outcome = fatal || problems.some((p) => p.level === 'Fatal') ? 'Error' : problems.length ? 'Warning' : 'OK';
    const numbers = fatal || problems.length ? [...new Set([...(fatal ? [fatal.number] : []), ...problems.map((p) => p.number)])].join(',') : '';
    const noted = frame.messages;
    let sent = 0;
    let read = 0;
    for (const m of noted) {
      if (m.dir === 'sent') sent += m.n;
      else if (m.dir === 'read') read += m.n;
    }
    const summary = c.summary ?? (fatal ? `Fatal [${fatal.number}] ${fatal.text}` : ((result as { lines?: string[] } | undefined)?.lines ?? []).join(' · '));
    const t = currentTrigger(db);
    const id = stmt(db, INSERT_RUN).run(
      c.kind ?? kind,
      object(result),
      t.trigger,
      t.who ?? '',
      t.groupId ?? null,
      simStart,
      // A step takes no simulated time: only Dispatch and the clock's controls move the clock, between steps.
      simStart,
      wallStart,
      Date.now(),
      c.txnIn ?? read,
      c.txnOut ?? sent,
      c.moved ?? noted.length,
      outcome,
      numbers,
      summary.slice(0, 1000),
      noted.length ? JSON.stringify(noted.length > MAX_LISTED ? noted.slice(0, MAX_LISTED) : noted) : '[]',
      frame.logFrom,
      frame.logTo,
      frame.eventFrom,
      frame.eventTo,
    ).lastInsertRowid as number;
    if (id % INDEX_EVERY === 0) indexRunHistory(db);
    if (id % PURGE_EVERY === 0) purgeRunHistory(db);
    return result;
  });
}

/** Every run with an id up to this one is in the batch-written indexes (`indexed = 1`). */
export function runsIndexedTo(db: Db): number {
  return (stmt(db, 'select indexed_to from run_history_settings where id = 1').pluck().get() as number | undefined) ?? 0;
}

/**
 * Write the index entries of every run recorded since the last batch: one UPDATE sets `indexed`
 * on them, and the partial index (db/schema/history.ts) takes their entries together; their
 * blocks' start bounds go to run_history_block. Then every run up to the newest is indexed, and
 * queries read none by id range. Call inside a step.
 */
export function indexRunHistory(db: Db): void {
  const top = (stmt(db, 'select coalesce(max(id), 0) from run_history').pluck().get() as number);
  const mark = runsIndexedTo(db);
  if (top === mark) return;
  // A mark above the newest run (see purgeRunHistory) vouches for nothing: look at every run.
  const from = mark > top ? 0 : mark;
  stmt(db, 'update run_history set indexed = 1 where id > ? and indexed = 0').run(from);
  // Their blocks of ids with the earliest and latest start in each (run_history_block).
  stmt(
    db,
    `insert into run_history_block (first_id, last_id, sim_min, sim_max)
     select min(id), max(id), min(sim_start), max(sim_start) from run_history where id > ? group by (id - 1) / ${INDEX_EVERY}`,
  ).run(from);
  setIndexedTo(db, top);
}

function setIndexedTo(db: Db, id: number): void {
  stmt(db, 'insert into run_history_settings (id, indexed_to) values (1, ?) on conflict(id) do update set indexed_to = excluded.indexed_to').run(id);
}

/** Keep the newest `max_rows` runs (run_history_settings; 100,000 when unset). */
export function purgeRunHistory(db: Db): number {
  const keep = (stmt(db, 'select max_rows as maxRows from run_history_settings where id = 1').get() as { maxRows: number } | undefined)?.maxRows ?? 100_000;
  const top = (stmt(db, 'select coalesce(max(id), 0) as id from run_history').get() as { id: number }).id;
  const removed = stmt(db, 'delete from run_history where id <= ?').run(top - keep).changes;
  // A block whose runs all went goes too; one partly purged still bounds what is left of it.
  stmt(db, 'delete from run_history_block where last_id <= ?').run(top - keep);
  // Ids are not AUTOINCREMENT: had every run gone, the next would take id 1 again, under the
  // indexed mark, unseen by queries until the next batch; an emptied history starts unindexed.
  if (keep <= 0 && top > 0) setIndexedTo(db, 0);
  return removed;
}
