import type { Db } from '@/db/client';
import { resolvePo } from './postoffices';
import { findMailbox, localEntry, txnLine } from './mailboxes';
import { changeListNow, removeListEntry } from './lists';
import { appendReqtrans } from './reqtrans';
import { step, stmt } from '@/lib/core/statements';

/** Delete a local mailbox; a participating one is a T0 change (a `D` in REQTRANS). */
export function deleteMailbox(db: Db, poSpec: string, mailbox: string): void {
  step(db, () => {
    const po = resolvePo(db, poSpec);
    const row = findMailbox(db, po, mailbox);
    stmt(db, 'delete from mailbox where id = ?').run(row.id);
    const entry = localEntry(po, row.name, row.fullName);
    changeListNow(db, po.id, (gen) => removeListEntry(db, po.id, entry.addressKey, gen));
    if (row.dirsync) appendReqtrans(db, po.id, txnLine('D', row.fullName, entry.address));
  });
}
