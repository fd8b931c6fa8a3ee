import type { Db } from '@/db/client';
import { noticeToAdminFrom } from './queue-notice';
import { step, stmt } from '@/lib/core/statements';
import { connectorPo, resolveServer } from '../servers/servers';
import { queuedMessage, queuePostoffice, senderPostoffice } from './connector-queue';
import { logEvent } from '../events/log-event';
import { poKey } from '@/lib/dirsync/names';

/**
 * Queue viewer ▸ Delete (xog09009): the message leaves the queue. With "Send Non-Delivery Reports
 * when messages deleted" (selected by default) its sender gets a non-delivery report — a notice
 * `Undeliverable: <subject>` in the administrator's inbox of the sender's postoffice — and the
 * Interchange logs event 2117 (MSExchangeMSMI, Warning, NDR) "Non delivery report generated.".
 */
export function deleteQueuedMessage(db: Db, serverName: string, poText: string, messageId: string, opts: { ndr: boolean }): { messageId: string; subject: string; ndr: boolean } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = queuePostoffice(db, poText);
    const m = queuedMessage(db, server, po, messageId);
    stmt(db, 'delete from message where id = ?').run(m.id);
    let ndr = false;
    if (opts.ndr) {
      const sender = senderPostoffice(db, m.fromAddr);
      const connector = connectorPo(db, server);
      if (sender) {
        noticeToAdminFrom(db, sender, `${poKey(connector)}/$SYSTEM`, m.fromAddr, `Undeliverable: ${m.subject}`);
        ndr = true;
      }
      logEvent(db, server, {
        service: 'MSExchangeMSMI',
        source: 'MSExchangeMSMI',
        category: 'NDR',
        eventId: 2117,
        type: 'Warning',
        significance: 0,
        description: `Non delivery report generated.\nFrom: ${m.fromAddr}\nSubject: ${m.subject}\nMessage ${m.messageId} deleted from the queue for ${poKey(po)} by the administrator.`,
      });
    }
    return { messageId: m.messageId, subject: m.subject, ndr };
  });
}
