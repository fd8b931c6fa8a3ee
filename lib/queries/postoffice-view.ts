import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { srvconfOf } from '@/lib/dirsync/dss';
import { formatRequestorConfiguration, formatServerConfiguration, requestorConfiguration, serverConfiguration } from '@/lib/dirsync/listds';
import { formatQueue, QUEUE_FILES, queueEntries, type QueueFile } from '@/lib/dirsync/listq';
import { heldMessages } from '@/lib/dirsync/messages';
import { findPo } from '@/lib/dirsync/postoffices';
import { formatProcessTime, processTimes } from '@/lib/dirsync/process-times';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { stmt } from '@/lib/core/statements';
import { DirsyncError } from '@/lib/core/errors';

/** `NET~PO` in a URL stands for `NET/PO`. */
/** The NET~PO helpers live with every other URL (lib/console/routes.ts); re-exported for older imports. */
import { poFromSegment, poSegment } from '@/lib/console/routes';
export { poFromSegment, poSegment };

export interface PostofficeView {
  name: string;
  drive: string | null;
  fileServer: string;
  role: string;
  isDss: boolean;
  reqconf: { dss: string | null; reqSync: number; srvSync: number; impSync: number; types: string; importNext: boolean };
  keepUpdates: number | null;
  requestors: string[];
  schedule: string;
  mailboxes: { name: string; fullName: string; dirsync: boolean }[];
  messages: { id: number; place: string; subject: string; from: string; to: string; created: string; messageId: string }[];
  listds: string;
  listq: { file: QueueFile; text: string };
}

/** Everything the MS Mail Administrator shows for one postoffice; null when there is no such MS Mail postoffice. */
export function getPostofficeView(db: Db, segment: string, queue: string | undefined): PostofficeView | null {
  const name = poFromSegment(segment);
  const [network, po] = name.split('/');
  const row = network && po ? findPo(db, { network, name: po }) : undefined;
  if (!row || row.kind !== 'msmail') return null;
  const sc = srvconfOf(db, row);
  const rc = reqconfOf(db, row.id);
  const file = (QUEUE_FILES as readonly string[]).includes(queue ?? '') ? (queue as QueueFile) : 'reqtrans';
  let listq: string;
  try {
    listq = formatQueue(queueEntries(db, row, file), { dates: true, checkCrc: true });
  } catch (e) {
    listq = e instanceof DirsyncError ? e.message : String(e);
  }
  return {
    name,
    drive: row.drive,
    fileServer: row.fileServer,
    role: sc ? 'Directory Synchronization Server' : rc.dss ? `Requestor of ${rc.dss}` : 'Not in directory synchronization',
    isDss: !!sc,
    reqconf: { dss: rc.dss, reqSync: rc.reqSync, srvSync: rc.srvSync, impSync: rc.impSync, types: rc.types, importNext: !!rc.importNext },
    keepUpdates: sc?.keepUpdates ?? null,
    requestors: sc ? (stmt(db, 'select requestor from srv_requestor where dss_po_id = ? order by requestor').all(row.id) as { requestor: string }[]).map((r) => r.requestor) : [],
    schedule: processTimes(db, row.id).map(formatProcessTime).join('\n'),
    mailboxes: (stmt(db, 'select name, full_name as fullName, dirsync from mailbox where po_id = ? order by name').all(row.id) as { name: string; fullName: string; dirsync: number }[]).map(
      (m) => ({ ...m, dirsync: !!m.dirsync }),
    ),
    messages: heldMessages(db, row.id).map((m) => ({
      id: m.id,
      place: m.place === 'MAILBAG' ? 'SYSTEM mailbag' : m.place === 'OUTBOUND' ? `Outbound to ${m.dest}` : m.place === 'INBOX' ? 'Administrator inbox' : 'P1',
      subject: m.subject,
      from: m.fromAddr,
      to: m.toAddr,
      created: ctime(m.createdAt),
      messageId: m.messageId,
    })),
    listds: sc ? formatServerConfiguration(serverConfiguration(db, row)) : formatRequestorConfiguration(requestorConfiguration(db, row)),
    listq: { file, text: listq },
  };
}
