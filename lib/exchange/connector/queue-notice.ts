import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import type { PoRow } from '@/lib/dirsync/postoffices';
import { sendMessage } from '@/lib/dirsync/messages';

/** A notice (NDR) for the administrator's inbox of `po`, from `fromAddr` to `toAddr`. */
export function noticeToAdminFrom(db: Db, po: PoRow, fromAddr: string, toAddr: string, subject: string): void {
  const own = poKey(po);
  sendMessage(db, po.id, own, { kind: 'Notice', subject, fromAddr, toAddr, dest: own, toInbox: true });
}
