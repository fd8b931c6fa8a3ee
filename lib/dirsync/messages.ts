import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { nextCounter, stmt } from '@/lib/core/statements';
import { noteMessage } from '@/lib/history/record-run';

export type MessageKind = 'ReqTx' | 'ReqStat' | 'SrvTx' | 'Notice';

export interface OutgoingMessage {
  kind: MessageKind;
  subject: string;
  fromAddr: string;
  toAddr: string;
  /** `NET/PO` of the destination postoffice. */
  dest: string;
  r?: number;
  was?: number;
  s?: number;
  i?: number;
  n?: number;
  noReply?: boolean;
  password?: string;
  attachment?: string;
  numbers?: string;
  /** Deliver to the administrator's inbox at the sender instead of sending (notices). */
  toInbox?: boolean;
}

export interface MessageRow extends Required<Omit<OutgoingMessage, 'noReply' | 'toInbox'>> {
  id: number;
  holderPoId: number;
  place: 'P1' | 'OUTBOUND' | 'MAILBAG' | 'INBOX';
  arrival: number | null;
  noReply: number;
  messageId: string;
  createdAt: number;
}

/**
 * Put a message in the sender's P1 directory — or, when the postoffice writes to itself, straight
 * into its own SYSTEM mailbag. Mail from an Exchange server's DXA goes through the MS Mail
 * Connector Interchange straight into the connector postoffice's queue for its destination
 * (OUTBOUND), where the PC MTA picks it up.
 */
export function sendMessage(db: Db, holderPoId: number, ownName: string, m: OutgoingMessage): void {
  const toSelf = m.dest === ownName && !m.toInbox;
  const place = m.toInbox ? 'INBOX' : toSelf ? 'MAILBAG' : isConnector(db, holderPoId) ? 'OUTBOUND' : 'P1';
  const id = stmt(
    db,
    `insert into message (kind, subject, from_addr, to_addr, holder_po_id, place, dest, arrival, r, was, s, i, n,
      no_reply, password, numbers, created_at, message_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.kind,
    m.subject,
    m.fromAddr,
    m.toAddr,
    holderPoId,
    place,
    m.dest,
    toSelf ? nextCounter(db, 'arrival') : null,
    m.r ?? 0,
    m.was ?? 0,
    m.s ?? 0,
    m.i ?? 0,
    m.n ?? 0,
    m.noReply ? 1 : 0,
    m.password ?? '',
    m.numbers ?? '',
    now(db),
    nextCounter(db, 'message-id').toString(16).toUpperCase().padStart(8, '0'),
  ).lastInsertRowid;
  if (m.attachment) stmt(db, 'insert into message_body (message_id, attachment) values (?, ?)').run(id, m.attachment);
  noteMessage(db, 'sent', m);
}

const isConnector = (db: Db, poId: number) =>
  (stmt(db, 'select kind from postoffice where id = ?').get(poId) as { kind: string }).kind === 'connector';

/** Leave a notice for the postoffice administrator (e.g. "Requestor not registered"). */
export function noticeToAdmin(db: Db, poId: number, ownName: string, subject: string): void {
  sendMessage(db, poId, ownName, {
    kind: 'Notice',
    subject,
    fromAddr: `${ownName}/$SYSTEM`,
    toAddr: `${ownName}/ADMIN`,
    dest: ownName,
    toInbox: true,
  });
}

/**
 * A message's attachment as a column of a query on `message` (named `alias` there): '' when it has
 * none. It lives in message_body, so moving a message or listing a queue never touches it.
 */
export const attachmentColumn = (alias = 'message') =>
  `coalesce((select b.attachment from message_body b where b.message_id = ${alias}.id), '') as attachment`;

/** The attachment's length in characters, counted by SQLite rather than carried into JavaScript: 0 when none. */
export const attachmentLengthColumn = (alias = 'message') =>
  `coalesce((select length(b.attachment) from message_body b where b.message_id = ${alias}.id), 0) as attachmentLength`;

const headColumns = `id, kind, subject, from_addr as fromAddr, to_addr as toAddr, dest, holder_po_id as holderPoId, place,
  arrival, r, was, s, i, n, no_reply as noReply, password, numbers, message_id as messageId, created_at as createdAt`;
const columns = `${headColumns}, ${attachmentColumn()}`;

/** Messages waiting in a postoffice's SYSTEM mailbag, in arrival order. */
export function mailbag(db: Db, poId: number, kinds: MessageKind[]): MessageRow[] {
  const rows = stmt(db, `select ${columns} from message where holder_po_id = ? and place = 'MAILBAG' order by arrival`).all(
    poId,
  ) as MessageRow[];
  return rows.filter((m) => kinds.includes(m.kind));
}

/** The mailbag without the attachments (a SrvTx's is ~5 MB): for a step that copies them by SQL or only looks. */
export function mailbagHeads(db: Db, poId: number, kinds: MessageKind[]): Omit<MessageRow, 'attachment'>[] {
  const rows = stmt(db, `select ${headColumns} from message where holder_po_id = ? and place = 'MAILBAG' order by arrival`).all(
    poId,
  ) as Omit<MessageRow, 'attachment'>[];
  return rows.filter((m) => kinds.includes(m.kind));
}

/** Every message a postoffice holds (P1, outbound queues, mailbag, inbox), for queue views. */
export function heldMessages(db: Db, poId: number): Omit<MessageRow, 'attachment' | 'numbers' | 'password'>[] {
  return stmt(
    db,
    `select id, kind, subject, from_addr as fromAddr, to_addr as toAddr, dest, holder_po_id as holderPoId, place, arrival,
      r, was, s, i, n, no_reply as noReply, message_id as messageId, created_at as createdAt
     from message where holder_po_id = ? order by place, coalesce(arrival, id)`,
  ).all(poId) as Omit<MessageRow, 'attachment' | 'numbers' | 'password'>[];
}

export const deleteMessage = (db: Db, id: number) => stmt(db, 'delete from message where id = ?').run(id);
