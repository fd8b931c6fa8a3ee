import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { postoffice } from './postoffice';

/**
 * A dirsync mail message. It sits in one place at a time: the sender's P1 directory, the sender's
 * outbound queue for its destination, the destination's SYSTEM mailbag, or (notices) the
 * administrator's inbox.
 */
export const message = sqliteTable(
  'message',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['ReqTx', 'ReqStat', 'SrvTx', 'Notice'] }).notNull(),
    subject: text('subject').notNull(),
    /** `NET/PO/$SYSTEM` style addresses. */
    fromAddr: text('from_addr').notNull(),
    toAddr: text('to_addr').notNull(),
    /** The postoffice holding the message now. */
    holderPoId: integer('holder_po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    place: text('place', { enum: ['P1', 'OUTBOUND', 'MAILBAG', 'INBOX'] }).notNull(),
    /** `NET/PO` of the destination postoffice. */
    dest: text('dest').notNull(),
    /** Order of arrival in the mailbag (global, increasing). */
    arrival: integer('arrival'),
    /** The numbers the subject carries. */
    r: integer('r').notNull().default(0),
    was: integer('was').notNull().default(0),
    s: integer('s').notNull().default(0),
    i: integer('i').notNull().default(0),
    n: integer('n').notNull().default(0),
    /** ReqTx: the requestor asks for no reply (Receive updates off). */
    noReply: integer('no_reply', { mode: 'boolean' }).notNull().default(false),
    password: text('password').notNull().default(''),
    /** Server or requestor numbers of the attached entries, comma separated (ReqTx). */
    numbers: text('numbers').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    messageId: text('message_id').notNull(),
  },
  (t) => [index('message_place').on(t.holderPoId, t.place, t.arrival)],
);

/**
 * A message's attachment, when it has one: the transactions, one per entry, separated by a record
 * mark. A row of its own because a reply to 50 requestors of 2,000 mailboxes is ~5 MB: in the
 * message row every move (an UPDATE of its place) rewrote it, and every read of a column after it
 * walked its overflow pages (docs/engine.md, "Messages").
 */
export const messageBody = sqliteTable('message_body', {
  messageId: integer('message_id')
    .primaryKey()
    .references(() => message.id, { onDelete: 'cascade' }),
  attachment: text('attachment').notNull(),
});

/** DIRSYNC.LOG, DISPATCH.LOG and CENTRAL.LOG lines of a postoffice. */
export const logLine = sqliteTable(
  'log_line',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    file: text('file', { enum: ['DIRSYNC', 'DISPATCH', 'CENTRAL'] }).notNull(),
    at: integer('at').notNull(),
    severity: text('severity', { enum: ['Status', 'Warning', 'Fatal'] }).notNull(),
    number: integer('number').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('log_line_file').on(t.poId, t.file, t.id)],
);
