import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { checkFullName, checkMailboxName, localEntry, txnLine } from './mailboxes';
import { changeListNow, putListEntry } from './lists';
import { appendReqtrans } from './reqtrans';
import { step, stmt } from '@/lib/core/statements';

/** Add a local mailbox; a participating one is a T0 change (an `A` in REQTRANS). */
export function addMailbox(db: Db, poSpec: string, mailbox: string, fullName: string, dirsync = true): void {
  const name = checkMailboxName(mailbox);
  const full = checkFullName(fullName);
  step(db, () => {
    const po = resolvePo(db, poSpec);
    if (stmt(db, 'select 1 from mailbox where po_id = ? and name = ?').get(po.id, name)) {
      throw conflict(`mailbox ${name} already exists on ${poKey(po)}`);
    }
    stmt(db, 'insert into mailbox (po_id, name, full_name, dirsync) values (?, ?, ?, ?)').run(po.id, name, full, dirsync ? 1 : 0);
    const entry = localEntry(po, name, full);
    changeListNow(db, po.id, (gen) => putListEntry(db, po.id, entry, gen));
    if (dirsync) appendReqtrans(db, po.id, txnLine('A', full, entry.address));
  });
}
