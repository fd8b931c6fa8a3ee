import { sqliteTable, integer, text, blob, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { postoffice } from './postoffice';

/** REQCONF.GLB: the requestor record of a postoffice. */
export const reqconf = sqliteTable('reqconf', {
  poId: integer('po_id').primaryKey().references(() => postoffice.id, { onDelete: 'cascade' }),
  /** The DSS this postoffice is registered with, `NET/PO`; null when not registered. */
  dss: text('dss'),
  password: text('password').notNull().default(''),
  reqSync: integer('req_sync').notNull().default(0),
  srvSync: integer('srv_sync').notNull().default(0),
  impSync: integer('imp_sync').notNull().default(0),
  /** The R of the last ReqTx sent, waiting for the DSS to echo it. */
  pendingR: integer('pending_r'),
  /** The REQTRANS "dummy": the highest requestor number ever given out. */
  reqtransHigh: integer('reqtrans_high').notNull().default(0),
  /** Accepted address types, comma separated, upper case. */
  types: text('types').notNull().default('PCM'),
  transactionLimit: integer('transaction_limit').notNull().default(0),
  sendUpdates: integer('send_updates', { mode: 'boolean' }).notNull().default(true),
  receiveUpdates: integer('receive_updates', { mode: 'boolean' }).notNull().default(true),
  /** Requestor ▸ Import: raise ImpSync at the next T1 (one-shot). */
  importNext: integer('import_next', { mode: 'boolean' }).notNull().default(false),
  lastOutcome: text('last_outcome').notNull().default('none'),
});

/** REQTRANS.GLB: local changes waiting for the DSS. */
export const reqtrans = sqliteTable(
  'reqtrans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    sync: integer('sync').notNull(),
    stamp: integer('stamp').notNull(),
    crc: integer('crc').notNull(),
    txn: text('txn').notNull(),
  },
  (t) => [uniqueIndex('reqtrans_sync').on(t.poId, t.sync)],
);

/** SRVCONF.GLB (DSS only): server numbers. Requestor records are `srvRequestor`. */
export const srvconf = sqliteTable('srvconf', {
  poId: integer('po_id').primaryKey().references(() => postoffice.id, { onDelete: 'cascade' }),
  sync: integer('sync').notNull().default(0),
  cycle: integer('cycle').notNull().default(0),
  keepUpdates: integer('keep_updates').notNull().default(14),
  /** Highest MSTTRANS number purged; replies starting below it have lost transactions. */
  purgedThrough: integer('purged_through').notNull().default(0),
});

/** One registered requestor record of SRVCONF.GLB. */
export const srvRequestor = sqliteTable(
  'srv_requestor',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dssPoId: integer('dss_po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    /** `NET/PO` of the requestor. */
    requestor: text('requestor').notNull(),
    password: text('password').notNull().default(''),
    reqSync: integer('req_sync').notNull().default(0),
    srvSync: integer('srv_sync').notNull().default(0),
    impSync: integer('imp_sync').notNull().default(0),
    lastCycle: integer('last_cycle').notNull().default(0),
    lastUpdateAt: integer('last_update_at'),
    /** Set by T2 receive, cleared by T2 transmit: a reply is owed. */
    replyPending: integer('reply_pending', { mode: 'boolean' }).notNull().default(false),
    askedR: integer('asked_r').notNull().default(0),
    askedS: integer('asked_s').notNull().default(0),
    askedI: integer('asked_i').notNull().default(0),
    /** The reply owed is a full Import Reply. */
    importReply: integer('import_reply', { mode: 'boolean' }).notNull().default(false),
    /** DSS-side "Export on next cycle" (one-shot). */
    exportNext: integer('export_next', { mode: 'boolean' }).notNull().default(false),
    /** Where the requestor's last ReqTx came from; the reply goes there (an Exchange requestor is `…/SYSTEM1`). */
    replyAddress: text('reply_address'),
  },
  (t) => [uniqueIndex('srv_requestor_name').on(t.dssPoId, t.requestor)],
);

/** MSTTRANS.GLB: the master change log of a DSS. */
export const msttrans = sqliteTable(
  'msttrans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dssPoId: integer('dss_po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    sync: integer('sync').notNull(),
    stamp: integer('stamp').notNull(),
    crc: integer('crc').notNull(),
    origin: text('origin').notNull(),
    cycle: integer('cycle').notNull(),
    /** The list the transaction changes (see superseded.ts). */
    listKey: text('list_key'),
    txn: text('txn').notNull(),
  },
  (t) => [uniqueIndex('msttrans_sync').on(t.dssPoId, t.sync), index('msttrans_cycle').on(t.dssPoId, t.cycle)],
);

/** The DSS's master address lists: every origin's addresses as its transactions were accepted. */
export const masterEntry = sqliteTable(
  'master_entry',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dssPoId: integer('dss_po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    listKey: text('list_key').notNull(),
    addressKey: text('address_key').notNull(),
    fullName: text('full_name').notNull(),
    address: text('address').notNull(),
    template: text('template').notNull().default(''),
  },
  (t) => [uniqueIndex('master_entry_address').on(t.dssPoId, t.addressKey), index('master_entry_list').on(t.dssPoId, t.listKey, t.addressKey)],
);

/** SRVTRANS.GLB: attachments received from the DSS, waiting for `import -q`. */
export const srvtrans = sqliteTable('srvtrans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
  stamp: integer('stamp').notNull(),
  /** Server numbers of the entries, comma separated, in order. */
  numbers: text('numbers').notNull().default(''),
  /** Transactions, one per line group, as the attachment carried them. */
  body: text('body').notNull(),
});

/**
 * The .USR/.NME lists of a postoffice (ADMIN.NME for its own mailboxes, one per external PO, one per
 * gateway type). The GAL is the set of entries visible at the postoffice's GAL generation.
 */
/**
 * The .USR/.NME entries of every postoffice, one row per name per generation. A table WITHOUT ROWID
 * (migration 0016, written by hand: drizzle has no word for it) keyed by address: the key is the
 * lookup by address, the clear of a list (an address range) and the one-live-entry rule at once, so
 * an import writes two B-trees a name (this and the GAL order), not four.
 */
export const listEntry = sqliteTable(
  'list_entry',
  {
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    addressKey: text('address_key').notNull(),
    /** 0 while the entry is live; the generation that retired it after. */
    removedGen: integer('removed_gen').notNull().default(0),
    fullName: text('full_name').notNull(),
    address: text('address').notNull(),
    template: text('template').notNull().default(''),
    addedGen: integer('added_gen').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.poId, t.addressKey, t.removedGen] }),
    // The GAL order: full name case-insensitively, then address (its key: the same order for the
    // letters and digits of MS Mail names, and one column less to write).
    index('list_entry_gal').on(t.poId, sql`full_name collate nocase`, t.addressKey),
    // Retired rows wait here (a handful) until the next rebuild deletes them.
    index('list_entry_retired').on(t.poId, t.removedGen).where(sql`removed_gen > 0`),
  ],
);

/** Other files kept in a GLB directory or a server's Dxadata folder (RESYNC.GLB). */
export const storedFile = sqliteTable(
  'stored_file',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `NET/PO` for a GLB directory, `SERVER:Dxadata` for an Exchange server. */
    place: text('place').notNull(),
    name: text('name').notNull(),
    bytes: blob('bytes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('stored_file_name').on(t.place, t.name)],
);
