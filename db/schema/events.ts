import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { exchangeServer } from './exchange';

/**
 * Diagnostics logging levels (None 0, Minimum 1, Medium 3, Maximum 5) per server, service and
 * category. `effectiveLevel` is what the running service reads: on 4.0–5.5 it takes `level` when
 * the service starts, on 2000 at once.
 */
export const diagnosticsLevel = sqliteTable(
  'diagnostics_level',
  {
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    /** MSExchangeMSMI, MSExchangePCMTA, MSExchangeATMTA or MSExchangeDX. */
    service: text('service').notNull(),
    category: text('category').notNull(),
    level: integer('level').notNull().default(0),
    effectiveLevel: integer('effective_level').notNull().default(0),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.service, t.category] })],
);

/** The Application event log settings of a computer. */
export const eventLogSettings = sqliteTable('event_log_settings', {
  computer: text('computer').primaryKey(),
  /** Maximum log size in KB (Windows NT: 64–4,194,240, in steps of 64; default 512). */
  maxKb: integer('max_kb').notNull().default(512),
  /** When full: overwrite events as needed, overwrite events older than N days, or do not overwrite. */
  overwrite: text('overwrite', { enum: ['as_needed', 'older_than', 'never'] }).notNull().default('as_needed'),
  olderThanDays: integer('older_than_days').notNull().default(7),
  /** Bytes the stored events take (the sum of `event.bytes`). */
  usedBytes: integer('used_bytes').notNull().default(0),
  /** How many events the log holds: kept by triggers on `event` (migration 0012), so no page counts them. */
  events: integer('events').notNull().default(0),
  revision: integer('revision').notNull().default(0),
});

/** An Application log event (Date, Time, Source, Type, Category, Event, User, Computer, Description). */
export const event = sqliteTable(
  'event',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    computer: text('computer').notNull(),
    /** Simulation time, Unix ms. */
    at: integer('at').notNull(),
    source: text('source').notNull(),
    type: text('type', { enum: ['Error', 'Warning', 'Information', 'Success Audit', 'Failure Audit'] }).notNull(),
    category: text('category').notNull(),
    eventId: integer('event_id').notNull(),
    user: text('user').notNull().default('N/A'),
    description: text('description').notNull(),
    /** Size the event counts for against the log's maximum. */
    bytes: integer('bytes').notNull(),
  },
  (t) => [
    // Newest first, per computer; and the Filter's common combinations.
    index('event_newest').on(t.computer, sql`${t.at} desc`, sql`${t.id} desc`),
    index('event_by_id').on(t.computer, t.eventId, t.source, sql`${t.at} desc`),
    index('event_by_source').on(t.computer, t.source, sql`${t.at} desc`),
  ],
);
