import type { Db } from '@/db/client';
import { resolvePo } from './postoffices';
import { checkFullName, findMailbox, localEntry, txnLine } from './mailboxes';
import { changeListNow, putListEntry } from './lists';
import { appendReqtrans } from './reqtrans';
import { step, stmt } from '@/lib/core/statements';

/**
 * Change a mailbox's full name or whether it takes part in dirsync. The T0 change is `M` for a
 * new name, `A` when it starts taking part, `D` when it stops.
 */
export function modifyMailbox(db: Db, poSpec: string, mailbox: string, change: { fullName?: string; dirsync?: boolean }): void {
  const newName = change.fullName === undefined ? undefined : checkFullName(change.fullName);
  step(db, () => {
    const po = resolvePo(db, poSpec);
    const before = findMailbox(db, po, mailbox);
    const fullName = newName ?? before.fullName;
    const dirsync = change.dirsync ?? before.dirsync;
    stmt(db, 'update mailbox set full_name = ?, dirsync = ? where id = ?').run(fullName, dirsync ? 1 : 0, before.id);
    const entry = localEntry(po, before.name, fullName);
    changeListNow(db, po.id, (gen) => putListEntry(db, po.id, entry, gen));
    if (before.dirsync && dirsync && fullName !== before.fullName) appendReqtrans(db, po.id, txnLine('M', fullName, entry.address));
    if (!before.dirsync && dirsync) appendReqtrans(db, po.id, txnLine('A', fullName, entry.address));
    if (before.dirsync && !dirsync) appendReqtrans(db, po.id, txnLine('D', before.fullName, entry.address));
  });
}
