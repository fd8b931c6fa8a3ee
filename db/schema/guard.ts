import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { postoffice } from './postoffice';

/**
 * The guard against accidental deletes (docs/engine.md, "Delete guard"), one row per postoffice or
 * Exchange requestor's connector postoffice once set or held; no row means the defaults (500 names
 * or 20 % of the GAL). An import it holds is described here until it is applied anyway or discarded.
 */
export const deleteGuard = sqliteTable('delete_guard', {
  poId: integer('po_id')
    .primaryKey()
    .references(() => postoffice.id, { onDelete: 'cascade' }),
  /** Hold an import that removes more than this many names; 0 turns this limit off. */
  names: integer('names').notNull().default(500),
  /** … or more than this percentage of the GAL; 0 turns this limit off. */
  percent: integer('percent').notNull().default(20),
  /** What is held: `SRVTRANS` or `RESYNC.GLB` (the import applies both; the file names the kind). */
  heldSource: text('held_source', { enum: ['SRVTRANS', 'RESYNC.GLB'] }),
  heldRemoved: integer('held_removed'),
  heldGal: integer('held_gal'),
  heldLimit: integer('held_limit'),
  /** Simulation time it was first held. */
  heldAt: integer('held_at'),
  revision: integer('revision').notNull().default(0),
});
