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
    // No AUTOINCREMENT: its counter row is one more write on every step, and ids need not outlive
    // a purge of every run (one always survives a purge: at least 100 are kept).
    id: integer('id').primaryKey(),
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
    /**
     * 1 once the run's index entries are written. A recorded step writes its row alone (0); every
     * INDEX_EVERY runs one UPDATE sets 1 on the runs since the last batch, writing their entries
     * in the object index below together (lib/history/record-run.ts, `indexRunHistory`).
     */
    indexed: integer('indexed').notNull().default(0),
  },
  // The filters compare object and kind without regard to case, so their indexes do too (a
  // binary-collated index cannot serve `= ? collate nocase`).
  (t) => [
    // Every step writes a row (docs/benchmarks.md, "Run history's cost"): an index entry written at
    // each step is a page more at every commit, so the index the filters need holds only runs whose
    // entries were written in a batch (`indexed = 1`, every INDEX_EVERY runs); the newest runs (ids
    // above run_history_settings.indexed_to) are read by id range beside it
    // (lib/history/query-runs.ts). The object's runs newest first, with kind and sim_start in the
    // entry, serve the object filter with or without kind and a time range, and Health's last T1
    // and reply per requestor; a time range alone goes by run_history_block.
    index('run_history_object').on(sql`object collate nocase`, t.id, sql`kind collate nocase`, t.simStart).where(sql`indexed = 1`),
    // Warnings, errors and grouped runs are few: their entries are written with the row.
    index('run_history_outcome').on(t.outcome, t.id).where(sql`outcome <> 'OK'`),
    index('run_history_group').on(t.groupId).where(sql`group_id is not null`),
  ],
);

/**
 * The earliest and latest start of the runs of each block of ids, written with the batch that
 * indexes them (every run up to the indexed mark is in one block): a time range reads only the
 * blocks it overlaps, by id range, newest first. Exact whatever the clock did — a block's bounds
 * are its own runs' starts, and a purge only removes runs (a block it emptied goes with them).
 */
export const runHistoryBlock = sqliteTable('run_history_block', {
  firstId: integer('first_id').primaryKey(),
  lastId: integer('last_id').notNull(),
  simMin: integer('sim_min').notNull(),
  simMax: integer('sim_max').notNull(),
});

/** How much run history is kept (one row): the newest `maxRows` runs. */
export const runHistorySettings = sqliteTable('run_history_settings', {
  id: integer('id').primaryKey(),
  maxRows: integer('max_rows').notNull().default(100_000),
  revision: integer('revision').notNull().default(0),
  /** Every run with an id up to this one has its index entries written (`run_history.indexed = 1`). */
  indexedTo: integer('indexed_to').notNull().default(0),
});
