import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { findPo, type PoRow } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';
import { connectorPo, resolveServer, type ServerRow } from '../servers/servers';

/**
 * The Connections tab's Queue viewer (xog09009; docs/console.md, "Connections, the MS Mail Connector sheet, Directory Synchronization") for one
 * connection: the messages the connector postoffice holds for the MS Mail postoffice (its
 * outbound queue for it, what the PC MTA carries next) and those that came from it and still wait
 * in the connector postoffice's SYSTEM mailbag for the DXA. A snapshot: Refresh reads it again.
 */

export interface QueuedMessageDto {
  /** The message's ID (8 hex digits), as the PC MTA's events name it. */
  messageId: string;
  queue: 'Outbound' | 'Mailbag';
  subject: string;
  from: string;
  to: string;
  /** Simulation time the message was written (ISO). */
  date: string;
}

export interface ConnectorQueueDto {
  server: string;
  /** `NET/PO` of the connection's postoffice. */
  postoffice: string;
  messages: QueuedMessageDto[];
}

export interface QueuedRow {
  id: number;
  messageId: string;
  place: 'OUTBOUND' | 'MAILBAG';
  kind: string;
  subject: string;
  fromAddr: string;
  toAddr: string;
  createdAt: number;
}

const columns = 'id, message_id as messageId, place, kind, subject, from_addr as fromAddr, to_addr as toAddr, created_at as createdAt';
/** Outbound for the postoffice, or in the mailbag from it (the from address starts with `NET/PO/`). */
const inQueue = `holder_po_id = @holder and ((place = 'OUTBOUND' and dest = @key) or (place = 'MAILBAG' and upper(from_addr) like @from escape '\\'))`;

const likePrefix = (key: string) => `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;

/** The connection's postoffice: an existing postoffice named `NET/PO`. */
export function queuePostoffice(db: Db, text: string): PoRow {
  const name = parsePoName(text);
  const po = findPo(db, name);
  if (!po) throw notFound(`postoffice ${poKey(name)} does not exist`);
  return po;
}

export function queuedRows(db: Db, server: ServerRow, po: PoRow): QueuedRow[] {
  const key = poKey(po);
  return stmt(db, `select ${columns} from message where ${inQueue} order by place desc, coalesce(arrival, id)`).all({
    holder: connectorPo(db, server).id,
    key,
    from: likePrefix(key),
  }) as QueuedRow[];
}

/** One queued message by its ID, or a notFound error saying the view is out of date. */
export function queuedMessage(db: Db, server: ServerRow, po: PoRow, messageId: string): QueuedRow {
  const key = poKey(po);
  const row = stmt(db, `select ${columns} from message where ${inQueue} and message_id = @id`).get({
    holder: connectorPo(db, server).id,
    key,
    from: likePrefix(key),
    id: messageId.trim().toUpperCase(),
  }) as QueuedRow | undefined;
  if (!row) throw notFound(`message ${messageId.trim().toUpperCase()} is no longer in the queue for ${key}: it was delivered or removed (Refresh shows the queue now)`);
  return row;
}

/** The sender's postoffice: the `NET/PO` of the from address, when it exists. */
export function senderPostoffice(db: Db, fromAddr: string): PoRow | undefined {
  const [network, name] = fromAddr.split('/');
  if (!network || !name) return undefined;
  return findPo(db, { network: network.toUpperCase(), name: name.toUpperCase() });
}

export function connectorQueue(db: Db, serverName: string, poText: string): ConnectorQueueDto {
  const server = resolveServer(db, serverName);
  const po = queuePostoffice(db, poText);
  return {
    server: server.name,
    postoffice: poKey(po),
    messages: queuedRows(db, server, po).map((r) => ({
      messageId: r.messageId,
      queue: r.place === 'OUTBOUND' ? 'Outbound' : 'Mailbag',
      subject: r.subject,
      from: r.fromAddr,
      to: r.toAddr,
      date: new Date(r.createdAt).toISOString(),
    })),
  };
}
