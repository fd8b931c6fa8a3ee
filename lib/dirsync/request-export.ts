import type { Db } from '@/db/client';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { localEntry, txnLine } from './mailboxes';
import { appendReqtrans } from './reqtrans';
import { step, stmt } from '@/lib/core/statements';

/** Requestor ▸ Export: append `R PCM:NET/PO` and an `A` for every participating local mailbox. */
export function requestExport(db: Db, poSpec: string): number {
  return step(db, () => {
    const po = resolvePo(db, poSpec);
    appendReqtrans(db, po.id, `R PCM:${poKey(po)}`);
    const rows = stmt(db, 'select name, full_name as fullName from mailbox where po_id = ? and dirsync = 1 order by name').all(
      po.id,
    ) as { name: string; fullName: string }[];
    for (const m of rows) appendReqtrans(db, po.id, txnLine('A', m.fullName, localEntry(po, m.name, m.fullName).address));
    return rows.length;
  });
}
