import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * Run history: one row per engine step (T1, T2 receive/transmit, T3's three utilities, an External
 * or PC MTA pass, a DXA cycle, a resync extract or apply, a text import), written in the step's own
 * transaction, so a step that did not commit has no row (docs/engine.md, "Run history").
 */
export const runHistory = sqliteTable(
  'run_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What ran: `T1`, `T2 receive`, `T2 transmit`, `T3 receive`, `T3 import`, `T3 rebuild`, `External`, … */
    kind: text('kind').notNull(),
    /** The postoffice (`NET/PO`), the Exchange server, or a drive range for an External pass. */
    object: text('object').notNull(),
    /** `schedule`, `Dispatch`, `service pause`, `service start`, `console`, `command line`, `wizard`. */
    trigger: text('trigger').notNull(),
    /** The console account, or empty for the command line and the scheduler. */
    who: text('who').notNull().default(''),
    /** Runs started together (a wizard's procedure, an NSDA chain) share a group. */
    groupId: text('group_id'),
    simStart: integer('sim_start').notNull(),
    simEnd: integer('sim_end').notNull(),
    wallStart: integer('wall_start').notNull(),
    wallEnd: integer('wall_end').notNull(),
    txnIn: integer('txn_in').notNull().default(0),
    txnOut: integer('txn_out').notNull().default(0),
    messages: integer('messages').notNull().default(0),
    outcome: text('outcome', { enum: ['OK', 'Warning', 'Error'] }).notNull(),
    /** MS Mail / DXA numbers of the warnings and errors it logged, comma separated. */
    numbers: text('numbers').notNull().default(''),
    summary: text('summary').notNull().default(''),
    /** JSON: the messages it sent, read or moved, with their subjects (at most 200). */
    messageList: text('message_list').notNull().default('[]'),
    /** Log lines and events it wrote: id ranges (inclusive; from > to when none). */
    logFrom: integer('log_from').notNull(),
    logTo: integer('log_to').notNull(),
    eventFrom: integer('event_from').notNull(),
    eventTo: integer('event_to').notNull(),
  },
  // The filters compare object, kind and trigger without regard to case, so their indexes do too
  // (a binary-collated index cannot serve `= ? collate nocase`); object's pairs serve the filters
  // used together, newest first, without a sort, and sim_start rides along so a time range is
  // checked in the index (bench B11).
  (t) => [
    // Every step writes a row (docs/benchmarks.md, "Run history's cost"): each index is a page more to
    // write at every commit, so only two are on every row — the object's, and object + kind (Health's
    // last T1 and reply per requestor, Run History's usual filters; nocase, as the filters compare);
    // warnings/errors and grouped runs are few, and their indexes hold only those.
    index('run_history_object').on(sql`object collate nocase`, t.id),
    index('run_history_object_kind').on(sql`object collate nocase`, sql`kind collate nocase`, t.id),
    index('run_history_outcome').on(t.outcome, t.id).where(sql`outcome <> 'OK'`),
    index('run_history_group').on(t.groupId).where(sql`group_id is not null`),
  ],
);

/** How much run history is kept (one row): the newest `maxRows` runs. */
export const runHistorySettings = sqliteTable('run_history_settings', {
  id: integer('id').primaryKey(),
  maxRows: integer('max_rows').notNull().default(100_000),
  revision: integer('revision').notNull().default(0),
});
