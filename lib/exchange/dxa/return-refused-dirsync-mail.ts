import type { Db } from '@/db/client';
import { deleteMessage, heldMessages, type MessageKind } from '@/lib/dirsync/messages';
import { senderPostoffice } from '../connector/connector-queue';
import { senderRefusal } from './directory-sync-object';
import { dxEvent } from '../events/dx-events';
import { noticeToAdminFrom } from '../connector/queue-notice';
import { dxaAddress, type ServerRow } from '../servers/servers';

/**
 * Delivery Restrictions at work (xog11024: "All rejected messages are returned to the original
 * sender"): before the DXA reads its mailbag, every dirsync message of `kinds` from a sender that
 * is not accepted leaves it unprocessed. The sender's postoffice gets a non-delivery notice
 * `Undeliverable: <subject>` in its administrator's inbox and MSExchangeDX logs event 9024. Its
 * transactions were never acknowledged, so the requestor sends them again once it is accepted.
 * Returns one line per message returned.
 */
export function returnRefusedDirsyncMail(db: Db, server: ServerRow, kinds: MessageKind[]): string[] {
  const refusal = senderRefusal(db, server);
  if (!refusal) return [];
  const lines: string[] = [];
  // Headers only: the decision needs the sender, not the (possibly large) attachment.
  for (const m of heldMessages(db, server.connectorPoId).filter((h) => h.place === 'MAILBAG' && kinds.includes(h.kind))) {
    const why = refusal(m.fromAddr);
    if (!why) continue;
    deleteMessage(db, m.id);
    const sender = senderPostoffice(db, m.fromAddr);
    if (sender) noticeToAdminFrom(db, sender, dxaAddress(db, server), m.fromAddr, `Undeliverable: ${m.subject}`);
    dxEvent(
      db,
      server,
      'refusedSender',
      `A directory synchronization message from ${m.fromAddr} was not accepted (${why}) and was returned to the sender.\nSubject: ${m.subject}`,
    );
    lines.push(`Returned to ${m.fromAddr}: ${m.subject} (${why})`);
  }
  return lines;
}
