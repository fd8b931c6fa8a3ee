import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { nextCounter, step, stmt } from '@/lib/core/statements';
import { queuedMessage, queuePostoffice, senderPostoffice } from './connector-queue';
import { resolveServer } from '../servers/servers';

/**
 * Queue viewer ▸ Return (xog09009: "Returns a message and removes it from the queue"): the message
 * itself goes back to its sender — into the administrator's inbox of the postoffice its from
 * address names (for the DXA's own mail that is the connector postoffice). No dirsync process reads
 * an inbox, so a returned message is never processed again; it stays there for the administrator
 * to read. Refused when the sender's postoffice does not exist (Delete it instead).
 */
export function returnQueuedMessage(db: Db, serverName: string, poText: string, messageId: string): { messageId: string; subject: string; returnedTo: string } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = queuePostoffice(db, poText);
    const m = queuedMessage(db, server, po, messageId);
    const sender = senderPostoffice(db, m.fromAddr);
    if (!sender) throw conflict(`message ${m.messageId} cannot be returned: its sender ${m.fromAddr} is not on a postoffice of this network; Delete it instead`);
    stmt(db, "update message set holder_po_id = ?, place = 'INBOX', dest = ?, arrival = ? where id = ?").run(sender.id, poKey(sender), nextCounter(db, 'arrival'), m.id);
    return { messageId: m.messageId, subject: m.subject, returnedTo: poKey(sender) };
  });
}
