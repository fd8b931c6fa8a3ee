import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { runsIndexedTo } from './record-run';

/** A run as lists show it (docs/engine.md, "Run history"). */
export interface RunRow {
  id: number;
  kind: string;
  object: string;
  trigger: string;
  who: string;
  groupId: string | null;
  simStart: number;
  simEnd: number;
  wallStart: number;
  wallEnd: number;
  txnIn: number;
  txnOut: number;
  messages: number;
  outcome: 'OK' | 'Warning' | 'Error';
  numbers: string;
  summary: string;
}

export interface RunFilter {
  object?: string;
  kind?: string;
  outcome?: string;
  trigger?: string;
  groupId?: string;
  /** Simulation time range of the run's start, Unix ms, inclusive. */
  since?: number;
  until?: number;
  /** Keyset paging: runs older than this id. */
  before?: number;
  limit?: number;
}

export const RUN_OUTCOMES = ['OK', 'Warning', 'Error'] as const;
/** Every kind a run can have (docs/engine.md, "Run history"). */
export const RUN_KINDS = [
  'T1',
  'T2 receive',
  'T2 transmit',
  'T3 receive',
  'T3 import',
  'T3 import (RESYNC.GLB)',
  'T3 rebuild',
  'External',
  'PC MTA',
  'DXA T1',
  'DXA T2',
  'DXA T3',
  'Resync extract',
  'DXA resync extract',
  'DXA resync apply',
  'Text import',
  'Delete guard apply',
  'Delete guard discard',
] as const;
export const MAX_RUN_LIMIT = 1000;
const COLUMNS = `id, kind, object, trigger, who, group_id as groupId, sim_start as simStart, sim_end as simEnd, wall_start as wallStart,
  wall_end as wallEnd, txn_in as txnIn, txn_out as txnOut, messages, outcome, numbers, summary`;

/** The runs a filter selects, newest first, one page; `next` continues the list. */
export function queryRuns(db: Db, f: RunFilter = {}): { runs: RunRow[]; next: number | null } {
  const limit = Math.min(Math.max(f.limit ?? 100, 1), MAX_RUN_LIMIT);
  if (f.outcome !== undefined && !(RUN_OUTCOMES as readonly string[]).includes(f.outcome)) {
    throw usage(`"${f.outcome}" is not an outcome: choose ${RUN_OUTCOMES.join(', ')}`, { code: 'history.outcome-invalid' });
  }
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, v: string | number | undefined) => {
    if (v === undefined || v === '') return;
    where.push(sql);
    args.push(v);
  };
  add('object = ? collate nocase', f.object);
  add('kind = ? collate nocase', f.kind);
  add('outcome = ?', f.outcome);
  // Warnings and errors have an index of their own (only they are in it): the literal term lets it serve.
  if (f.outcome && f.outcome !== 'OK') where.push("outcome <> 'OK'");
  add('trigger = ? collate nocase', f.trigger);
  add('group_id = ?', f.groupId);
  add('sim_start >= ?', f.since);
  add('sim_start <= ?', f.until);
  add('id < ?', f.before);
  // Ids first, then the page's rows: the filter is answered from an index alone, and only the rows
  // shown are read (bench B11). The index holds the runs up to the indexed mark
  // (db/schema/history.ts): the newer ones, fewer than INDEX_EVERY, are read by id range first;
  // every one of them is newer than every indexed run.
  const cond = where.length ? ` and ${where.join(' and ')}` : '';
  // One read transaction: the mark and the runs on both sides of it from the same snapshot (another
  // connection may write a batch in between).
  return db.$client.transaction(() => page(db, f, limit, cond, args)).deferred();
}

function page(db: Db, f: RunFilter, limit: number, cond: string, args: (string | number)[]): { runs: RunRow[]; next: number | null } {
  const mark = runsIndexedTo(db);
  const ids =
    f.before !== undefined && f.before <= mark + 1
      ? []
      : (stmt(db, `select id from run_history where id > ?${cond} order by id desc limit ?`).pluck().all(mark, ...args, limit + 1) as number[]);
  const timeAlone = (f.since !== undefined || f.until !== undefined) && !f.object && !f.groupId && !(f.outcome && f.outcome !== 'OK');
  if (ids.length <= limit && timeAlone) {
    // A time range without an object (whose index carries sim_start): only the blocks of ids whose
    // runs started in it can hold a match (run_history_block), read newest first by id range.
    const blocks = stmt(
      db,
      'select first_id as firstId, last_id as lastId from run_history_block where first_id < ? and sim_max >= ? and sim_min <= ? order by first_id desc',
    ).all(Math.min(mark + 1, f.before ?? Infinity), f.since ?? Number.MIN_SAFE_INTEGER, f.until ?? Number.MAX_SAFE_INTEGER) as { firstId: number; lastId: number }[];
    const inRange = stmt(db, `select id from run_history where id between ? and ?${cond} order by id desc limit ?`).pluck();
    for (let k = 0; k < blocks.length && ids.length <= limit; ) {
      // Blocks that follow one another are one id range.
      const hi = blocks[k].lastId;
      let lo = blocks[k].firstId;
      for (k++; k < blocks.length && blocks[k].lastId + 1 === lo; k++) lo = blocks[k].firstId;
      for (const id of inRange.all(lo, hi, ...args, limit + 1 - ids.length) as number[]) ids.push(id);
    }
  } else if (ids.length <= limit) {
    // `indexed = 1` lets the partial index serve; every run up to the mark has it.
    const older = stmt(db, `select id from run_history where indexed = 1 and id <= ?${cond} order by id desc limit ?`).pluck().all(mark, ...args, limit + 1 - ids.length) as number[];
    for (const id of older) ids.push(id);
  }
  const rows = ids.length
    ? (stmt(db, `select ${COLUMNS} from run_history where id in (select value from json_each(?)) order by id desc`).all(JSON.stringify(ids)) as RunRow[])
    : [];
  const more = rows.length > limit;
  const runs = more ? rows.slice(0, limit) : rows;
  return { runs, next: more ? runs[runs.length - 1].id : null };
}

export interface RunDetail extends RunRow {
  messageList: { dir: 'sent' | 'read' | 'moved'; subject: string; n: number }[];
  logLines: { po: string; file: string; severity: string; number: number; text: string; at: number }[];
  events: { computer: string; source: string; type: string; category: string; eventId: number; description: string; at: number }[];
}

/** One run with the messages it sent, read or moved, the log lines it wrote and the events it logged. */
export function runDetail(db: Db, id: number): RunDetail {
  const row = stmt(db, `select ${COLUMNS}, message_list as messageList, log_from as logFrom, log_to as logTo, event_from as eventFrom, event_to as eventTo from run_history where id = ?`).get(id) as
    | (RunRow & { messageList: string; logFrom: number; logTo: number; eventFrom: number; eventTo: number })
    | undefined;
  if (!row) throw usage(`there is no run ${id} in the run history (it may have been purged: see "dirsync history retention")`, { code: 'history.run-not-found' });
  const { logFrom, logTo, eventFrom, eventTo, ...run } = row;
  const logLines = stmt(
    db,
    `select p.network || '/' || p.name as po, l.file, l.severity, l.number, l.text, l.at from log_line l join postoffice p on p.id = l.po_id
     where l.id between ? and ? order by l.id limit 500`,
  ).all(logFrom, logTo) as RunDetail['logLines'];
  const events = stmt(
    db,
    'select computer, source, type, category, event_id as eventId, description, at from event where id between ? and ? order by id limit 500',
  ).all(eventFrom, eventTo) as RunDetail['events'];
  return { ...run, messageList: JSON.parse(row.messageList), logLines, events };
}

export const RUN_CSV_HEADER = 'Id,Start,End,Kind,Object,Trigger,Who,Outcome,Numbers,Transactions in,Transactions out,Messages,Duration ms,Summary';

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV line of a run (times are the simulation clock's, as the console shows them). */
export function runCsvLine(r: RunRow): string {
  return [r.id, ctime(r.simStart), ctime(r.simEnd), r.kind, r.object, r.trigger, r.who, r.outcome, r.numbers, r.txnIn, r.txnOut, r.messages, r.wallEnd - r.wallStart, r.summary]
    .map(csvField)
    .join(',');
}

/** Every run a filter selects (newest first), page by page: for exports. */
export function* allRuns(db: Db, f: RunFilter): Generator<RunRow> {
  let before = f.before;
  for (;;) {
    const page = queryRuns(db, { ...f, before, limit: MAX_RUN_LIMIT });
    yield* page.runs;
    if (page.next === null) return;
    before = page.next;
  }
}
