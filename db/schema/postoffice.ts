import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** An MS Mail postoffice (`NET/PO`), or the connector postoffice of an Exchange server. */
export const postoffice = sqliteTable(
  'postoffice',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    network: text('network').notNull(),
    name: text('name').notNull(),
    /** Drive letter the MS Mail utilities reach it by (`-dM`); null once all 26 are in use — such a
     * postoffice is named `-dNET/PO`. */
    drive: text('drive'),
    /** scrypt hash of the postoffice `admin` account password. */
    adminPasswordHash: text('admin_password_hash').notNull(),
    /** File server whose MAILDATA share holds the postoffice. */
    fileServer: text('file_server').notNull(),
    kind: text('kind', { enum: ['msmail', 'connector'] }).notNull().default('msmail'),
    /** Generation of the list entries the GAL shows (see docs/engine.md, "The GAL"). */
    galGen: integer('gal_gen').notNull().default(0),
    galCount: integer('gal_count').notNull().default(0),
    /** List entries added since the last rebuild (they join the GAL at the next one). */
    pendingAdds: integer('pending_adds').notNull().default(0),
    galRebuiltAt: integer('gal_rebuilt_at'),
  },
  (t) => [uniqueIndex('postoffice_name').on(t.network, t.name), uniqueIndex('postoffice_drive').on(t.drive)],
);

/** A local mailbox; its dirsync address is `PCM:NET/PO/NAME`. */
export const mailbox = sqliteTable(
  'mailbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    dirsync: integer('dirsync', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('mailbox_name').on(t.poId, t.name)],
);

/** External postoffice definitions (made by the administrator or autocreated by import). */
export const externalPo = sqliteTable(
  'external_po',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    network: text('network').notNull(),
    name: text('name').notNull(),
    autocreated: integer('autocreated', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('external_po_name').on(t.poId, t.network, t.name)],
);
