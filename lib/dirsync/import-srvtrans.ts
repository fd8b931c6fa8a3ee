import type { Db } from '@/db/client';
import { applyToLists, finishLists, listContext } from './apply-to-lists';
import { deleteGuardOf, galNamesGone, GUARD_HELD, holdText, recordHold, stillHeldText, underGuard } from './delete-guard';
import { writeLog } from './log';
import { resolvePo, type PoRow } from './postoffices';
import type { StepResult } from './reqconf';
import { applyResyncIfPresent } from './resync-apply';
import { readStoredFile } from './stored-files';
import { parseTxn, splitRecords } from './transactions';
import { stmt } from '@/lib/core/statements';
import { poKey } from './names';
import { recordRun } from '@/lib/history/record-run';

/**
 * T3 import (`import admin -p<pw> -q -y`; the caller checks the admin password): RESYNC.GLB first when present, then every SRVTRANS
 * entry into the lists. SRVTRANS is empty afterwards — unless the delete guard holds the import
 * (it would remove more names than the postoffice's limit): then nothing is applied, SRVTRANS and
 * the RESYNC.GLB stay, and Fatal 900 is logged. `guard: false` is "Apply anyway".
 */
export function importSrvtrans(db: Db, poSpec: string, opts: { guard?: boolean } = {}): StepResult {
  let at = poSpec;
  let applied = 0;
  return recordRun(db, 'T3 import', () => at, () => {
    const po = resolvePo(db, poSpec);
    at = poKey(po);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 101, 'Begin execution IMPORT -Q');
    const guard = opts.guard !== false;
    const held = deleteGuardOf(db, po.id).hold;
    if (guard && held) {
      const text = stillHeldText(held);
      writeLog(db, po.id, 'DIRSYNC', 'Fatal', GUARD_HELD, text);
      return { lines: [], fatal: { number: GUARD_HELD, text } };
    }
    const hasResync = !!readStoredFile(db, poKey(po), 'RESYNC.GLB');
    const goneBefore = guard ? galNamesGone(db, po) : 0;
    const run = underGuard(db, po.id, guard, () => applyAll(db, po), () => ({ removed: galNamesGone(db, po) - goneBefore, gal: po.galCount }));
    if ('hold' in run) {
      const source = hasResync ? 'RESYNC.GLB' : 'SRVTRANS';
      recordHold(db, po.id, source, run.hold);
      const text = holdText(source, run.hold, at);
      writeLog(db, po.id, 'DIRSYNC', 'Fatal', GUARD_HELD, text);
      return { lines: [], fatal: { number: GUARD_HELD, text } };
    }
    applied = run.result.applied;
    return run.result.result;
  }, (r) => ({ txnIn: applied, kind: r.lines.some((l) => l.startsWith('RESYNC.GLB')) || r.fatal?.number === 14 ? 'T3 import (RESYNC.GLB)' : undefined }));
}

function applyAll(db: Db, po: PoRow): { result: StepResult; applied: number } {
  const resync = applyResyncIfPresent(db, po);
  if (resync.fatal) return { result: resync, applied: 0 };
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
  stmt(db, 'delete from srvtrans where po_id = ?').run(po.id);
  const line = `${counts.applied} transactions imported, ${counts.own} local ignored, ${counts.type} of types not accepted ignored`;
  writeLog(db, po.id, 'DIRSYNC', 'Status', 102, `End process IMPORT -Q: ${line}`);
  return { result: { lines: [...resync.lines, line] }, applied: counts.applied };
}
