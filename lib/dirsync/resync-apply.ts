import type { Db } from '@/db/client';
import { applyToLists, finishLists, listContext } from './apply-to-lists';
import { srvconfOf } from './dss';
import { DirsyncError } from '@/lib/core/errors';
import { writeLog } from './log';
import { poKey } from './names';
import type { PoRow } from './postoffices';
import { reqconfOf, type StepResult } from './reqconf';
import { decodeResyncGlb, type ResyncFile } from './resync-glb';
import { deleteStoredFile, readStoredFile } from './stored-files';
import { parseTxn, type Txn } from './transactions';
import { stmt } from '@/lib/core/statements';
import { belowRequestor } from '@/lib/dirsync/resync-seq-rule';

const FATAL_14 = 'Error processing RESYNC.GLB';

/**
 * The RESYNC.GLB part of `import -q`: validate, then set the numbers, renumber pending REQTRANS
 * entries above REQSEQ and replace the lists; the file is deleted. Any failure is Fatal 14 with the
 * file left in place and nothing else changed.
 */
export function applyResyncIfPresent(db: Db, po: PoRow): StepResult {
  const bytes = readStoredFile(db, poKey(po), 'RESYNC.GLB');
  if (!bytes) return { lines: [] };
  const checked = validate(db, po, bytes);
  if (typeof checked === 'string') {
    writeLog(db, po.id, 'DIRSYNC', 'Fatal', 14, `${FATAL_14}: ${checked}`);
    return { lines: [], fatal: { number: 14, text: `${FATAL_14}: ${checked}` } };
  }
  applyNumbers(db, po, checked);
  const ctx = listContext(db, po);
  for (const txn of checked.txns) applyToLists(db, ctx, txn);
  finishLists(db, ctx);
  deleteStoredFile(db, poKey(po), 'RESYNC.GLB');
  const line = `RESYNC.GLB processed: ReqSync = ${checked.reqSeq}, SrvSync = ${checked.srvSeq}, ImpSync = ${checked.impSeq}, ${checked.records.length} transactions`;
  writeLog(db, po.id, 'DIRSYNC', 'Status', 102, line);
  return { lines: [line] };
}

/** A RESYNC.GLB read whole: its header, records and parsed transactions, or why it is damaged. */
export type ResyncRead = (ResyncFile & { txns: Txn[] }) | { damaged: string };

/** Decode and parse every record; any damage (signature, CRC, length, a record that is no transaction) is named. */
export function readResync(bytes: Uint8Array): ResyncRead {
  let file: ResyncFile;
  try {
    file = decodeResyncGlb(bytes);
  } catch (e) {
    if (e instanceof DirsyncError) return { damaged: e.details[0] ?? e.message };
    throw e;
  }
  const txns: Txn[] = [];
  for (const [k, r] of file.records.entries()) {
    try {
      txns.push(parseTxn(r.text));
    } catch {
      return { damaged: `record ${k + 1} is not a transaction` };
    }
  }
  return { ...file, txns };
}

/**
 * Why `po` would refuse a RESYNC.GLB with Fatal 14, or undefined when it would apply it
 * (docs/engine.md, "The documents the code follows"). The one place these rules live: the apply and the resync prediction
 * both ask it. `file` is the header's numbers, or the damage found by readResync.
 */
export function resyncRefusal(db: Db, po: PoRow, file: Pick<ResyncFile, 'reqSeq' | 'impSeq'> | { damaged: string }): string | undefined {
  if (srvconfOf(db, po)) {
    return `${poKey(po)} is the dirsync server and its own RESYNC.GLB is still in its GLB directory; delete it there after copying it out`;
  }
  if ('damaged' in file) return `the file is damaged (${file.damaged})`;
  const rc = reqconfOf(db, po.id);
  const below = belowRequestor(file, rc);
  if (below.reqSync) return `REQSEQ ${file.reqSeq} is below this requestor's ReqSync ${rc.reqSync}; the DSS would reject its next changes as old`;
  if (below.impSync) return `IMPSEQ ${file.impSeq} is below this requestor's ImpSync ${rc.impSync}`;
  return undefined;
}

/** The file with its transactions parsed, or why it cannot be applied. */
export function validate(db: Db, po: PoRow, bytes: Uint8Array): (ResyncFile & { txns: Txn[] }) | string {
  // The dirsync server refuses before reading the file at all.
  const early = srvconfOf(db, po) ? resyncRefusal(db, po, { damaged: '' }) : undefined;
  if (early) return early;
  const read = readResync(bytes);
  return resyncRefusal(db, po, read) ?? (read as ResyncFile & { txns: Txn[] });
}

/** ReqSync/SrvSync/ImpSync from the header; pending REQTRANS entries move above REQSEQ. */
export function applyNumbers(db: Db, po: PoRow, file: Pick<ResyncFile, 'reqSeq' | 'srvSeq' | 'impSeq'>): void {
  const rc = reqconfOf(db, po.id);
  const pending = stmt(db, 'select id from reqtrans where po_id = ? and sync > ? order by sync').all(po.id, rc.reqSync) as { id: number }[];
  stmt(db, 'delete from reqtrans where po_id = ? and sync <= ?').run(po.id, rc.reqSync);
  // Two passes so the unique (po, sync) index never sees a collision mid-way.
  pending.forEach((row, k) => stmt(db, 'update reqtrans set sync = ? where id = ?').run(-(k + 1), row.id));
  pending.forEach((row, k) => stmt(db, 'update reqtrans set sync = ? where id = ?').run(file.reqSeq + k + 1, row.id));
  stmt(
    db,
    'update reqconf set req_sync = ?, srv_sync = ?, imp_sync = ?, pending_r = null, reqtrans_high = ? where po_id = ?',
  ).run(file.reqSeq, file.srvSeq, file.impSeq, file.reqSeq + pending.length, po.id);
}
