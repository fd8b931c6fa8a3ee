import type { Db } from '@/db/client';
import { applyToLists, finishLists, listContext } from './apply-to-lists';
import { writeLog } from './log';
import { resolvePo } from './postoffices';
import type { StepResult } from './reqconf';
import { applyResyncIfPresent } from './resync-apply';
import { parseTxn, splitRecords } from './transactions';
import { stmt } from '@/lib/core/statements';
import { poKey } from './names';
import { recordRun } from '@/lib/history/record-run';

/**
 * T3 import (`import admin -p<pw> -q -y`; the caller checks the admin password): RESYNC.GLB first when present, then every SRVTRANS
 * entry into the lists. SRVTRANS is empty afterwards.
 */
export function importSrvtrans(db: Db, poSpec: string): StepResult {
  let at = poSpec;
  let applied = 0;
  return recordRun(db, 'T3 import', () => at, () => {
    const po = resolvePo(db, poSpec);
    at = poKey(po);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 101, 'Begin execution IMPORT -Q');
    const resync = applyResyncIfPresent(db, po);
    if (resync.fatal) return resync;
    const ctx = listContext(db, po);
    const counts = { applied: 0, own: 0, type: 0, bad: 0 };
    const rows = stmt(db, 'select id, body from srvtrans where po_id = ? order by id').all(po.id) as { id: number; body: string }[];
    for (const row of rows) {
      for (const text of splitRecords(row.body)) {
        const outcome = applyToLists(db, ctx, parseTxn(text));
        counts[outcome] += 1;
        if (outcome === 'own') writeLog(db, po.id, 'DIRSYNC', 'Status', 66, `Local postoffice transaction ignored: ${text.split('\n')[0]}`);
      }
    }
    finishLists(db, ctx);
    applied = counts.applied;
    stmt(db, 'delete from srvtrans where po_id = ?').run(po.id);
    const line = `${counts.applied} transactions imported, ${counts.own} local ignored, ${counts.type} of types not accepted ignored`;
    writeLog(db, po.id, 'DIRSYNC', 'Status', 102, `End process IMPORT -Q: ${line}`);
    return { lines: [...resync.lines, line] };
  }, (r) => ({ txnIn: applied, kind: r.lines.some((l) => l.startsWith('RESYNC.GLB')) || r.fatal?.number === 14 ? 'T3 import (RESYNC.GLB)' : undefined }));
}
