import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { crc16Text } from './crc16';
import { stmt } from '@/lib/core/statements';

/** T0: append a transaction to REQTRANS numbered max(last REQTRANS number, ReqSync) + 1. */
export function appendReqtrans(db: Db, poId: number, txn: string): number {
  const rc = stmt(db, 'select req_sync as reqSync, reqtrans_high as high from reqconf where po_id = ?').get(poId) as {
    reqSync: number;
    high: number;
  };
  const sync = Math.max(rc.high, rc.reqSync) + 1;
  stmt(db, 'insert into reqtrans (po_id, sync, stamp, crc, txn) values (?, ?, ?, ?, ?)').run(
    poId,
    sync,
    now(db),
    crc16Text(txn),
    txn,
  );
  stmt(db, 'update reqconf set reqtrans_high = ? where po_id = ?').run(sync, poId);
  return sync;
}
