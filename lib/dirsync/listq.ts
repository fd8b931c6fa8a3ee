import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { crc16Text } from './crc16';
import { requireDss } from './dss';
import { DirsyncError, usage } from '@/lib/core/errors';
import { poKey } from './names';
import type { PoRow } from './postoffices';
import { reqconfOf } from './reqconf';
import { decodeResyncGlb } from './resync-glb';
import { readStoredFile } from './stored-files';
import { splitRecords } from './transactions';
import { stmt } from '@/lib/core/statements';

export const QUEUE_FILES = ['reqtrans', 'srvtrans', 'msttrans', 'resync'] as const;
export type QueueFile = (typeof QUEUE_FILES)[number];

export interface QueueEntry {
  crc: number;
  stamp: number;
  sync: number;
  text: string;
  crcOk: boolean;
}

/** The entries of a queue file, as LISTQ dumps them. */
export function queueEntries(db: Db, po: PoRow, file: QueueFile): QueueEntry[] {
  const checked = (rows: { crc: number; stamp: number; sync: number; text: string }[]) =>
    rows.map((r) => ({ ...r, crcOk: crc16Text(r.text) === r.crc }));
  switch (file) {
    case 'reqtrans': {
      const rows = checked(stmt(db, 'select crc, stamp, sync, txn as text from reqtrans where po_id = ? order by sync').all(po.id) as QueueEntry[]);
      if (rows.length) return rows;
      // Nothing pending: the dummy entry still carries the current requestor number.
      const rc = reqconfOf(db, po.id);
      return [{ crc: crc16Text(''), stamp: 0, sync: Math.max(rc.reqtransHigh, rc.reqSync), text: '', crcOk: true }];
    }
    case 'msttrans':
      requireDss(db, po, 'LISTQ -FMSTTRANS');
      return checked(stmt(db, 'select crc, stamp, sync, txn as text from msttrans where dss_po_id = ? order by sync').all(po.id) as QueueEntry[]);
    case 'srvtrans': {
      const rows = stmt(db, 'select stamp, numbers, body from srvtrans where po_id = ? order by id').all(po.id) as { stamp: number; numbers: string; body: string }[];
      return rows.flatMap((r) => {
        const numbers = r.numbers.split(',').map(Number);
        return splitRecords(r.body).map((text, k) => ({ crc: crc16Text(text), stamp: r.stamp, sync: numbers[k] ?? 0, text, crcOk: true }));
      });
    }
    case 'resync': {
      const bytes = readStoredFile(db, poKey(po), 'RESYNC.GLB');
      if (!bytes) throw new DirsyncError('notFound', `there is no RESYNC.GLB in the GLB directory of ${poKey(po)}`);
      const f = decodeResyncGlb(bytes);
      return f.records.map((r) => ({ crc: crc16Text(r.text), stamp: r.stamp, sync: r.sync, text: r.text, crcOk: true }));
    }
    default:
      throw usage(`unknown queue file "${file}": use one of ${QUEUE_FILES.join(', ')}`);
  }
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** `CRC  Date stamp               Sync#  Transaction`; the date column only with `-t`. */
export function formatQueue(entries: QueueEntry[], opts: { dates: boolean; checkCrc: boolean }): string {
  const head = opts.dates ? 'CRC  Date stamp               Sync#  Transaction' : 'CRC  Sync#  Transaction';
  const lines = entries.map((e) => {
    const date = opts.dates ? `${e.stamp ? ctime(e.stamp) : '                        '} ` : '';
    const flag = opts.checkCrc && !e.crcOk ? `   <-- CRC error (computed ${hex4(crc16Text(e.text))})` : '';
    // The REQTRANS dummy has no text: its line ends at the sync number (no trailing blank).
    return `${hex4(e.crc)} ${date}${String(e.sync).padStart(6, '0')}${e.text ? ` ${e.text}` : ''}${flag}`;
  });
  return [head, ...lines].join('\n');
}
