import { sqliteTable, integer, real, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { postoffice } from './postoffice';

/** The stored simulation clock (one row). Nothing in the engine reads the wall clock. */
export const clock = sqliteTable('clock', {
  id: integer('id').primaryKey(),
  /** Simulation time, Unix milliseconds. */
  now: integer('now').notNull(),
  /** Simulated seconds per real second when following real time; 0 = stopped. */
  speed: real('speed').notNull().default(0),
  /** Wall-clock ms the console last moved the clock while following real time (null: not following). */
  followedAt: integer('followed_at'),
});

/** PROCESS.GLB: weekly process times. `t` is 1, 2 or 3; `minute` is minutes since Sunday 00:00. */
export const processTime = sqliteTable(
  'process_time',
  {
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    t: integer('t').notNull(),
    minute: integer('minute').notNull(),
    /** Simulation time this entry last ran or was skipped (ms); the next run is due after it. */
    lastDone: integer('last_done'),
  },
  (t) => [primaryKey({ columns: [t.poId, t.t, t.minute] })],
);

/** Small counters (message ids, arrival order). */
export const counter = sqliteTable('counter', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
