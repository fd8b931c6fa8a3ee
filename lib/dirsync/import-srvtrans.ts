import type { Db } from '@/db/client';
import { applyToLists, finishLists, listContext } from './apply-to-lists';
import { deleteGuardOf, galNamesGone, GUARD_HELD, guardLimit, holdText, recordHold, stillHeldText, underGuard } from './delete-guard';
import { countLiveEntries } from './lists';
import { normalTarget } from './master-lists';
import { writeLog } from './log';
import { resolvePo, type PoRow } from './postoffices';
import type { StepResult } from './reqconf';
import { applyResyncIfPresent } from './resync-apply';
import { readStoredFile } from './stored-files';
import { parseTxn, RECORD_SEPARATOR, splitRecords } from './transactions';
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
    const g = deleteGuardOf(db, po.id);
    const held = g.hold;
    if (guard && held) {
      const text = stillHeldText(held);
      writeLog(db, po.id, 'DIRSYNC', 'Fatal', GUARD_HELD, text);
      return { lines: [], fatal: { number: GUARD_HELD, text } };
    }
    const hasResync = !!readStoredFile(db, poKey(po), 'RESYNC.GLB');
    const bodies = (stmt(db, 'select body from srvtrans where po_id = ? order by id').all(po.id) as { body: string }[]).map((r) => r.body);
    // Watched (in a savepoint) only when it could remove more than the limit: a first sync cannot.
    const limit = guard ? guardLimit(g, po.galCount) : null;
    const watch = limit !== null && (hasResync || mostRemoved(db, po, bodies) > limit);
    const goneBefore = watch ? galNamesGone(db, po) : 0;
    const run = underGuard(db, po.id, watch, () => applyAll(db, po, bodies), () => ({ removed: galNamesGone(db, po) - goneBefore, gal: po.galCount }));
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

/**
 * The most names applying SRVTRANS can remove from the GAL: one for each D, and every name now in a
 * list an R replaces. Found by scanning the text for D and R records, not by parsing it.
 */
function mostRemoved(db: Db, po: PoRow, bodies: string[]): number {
  let most = 0;
  const replaced = new Set<string>();
  for (const body of bodies) {
    for (let at = 0; at < body.length; ) {
      const end = body.indexOf(RECORD_SEPARATOR, at);
      const next = end < 0 ? body.length : end;
      if (body.startsWith('D ', at)) most += 1;
      else if (body.startsWith('R ', at)) {
        const line = body.indexOf('\n', at);
        replaced.add(normalTarget(body.slice(at + 2, line >= 0 && line < next ? line : next)));
      }
      at = next + 1;
    }
  }
  for (const listKey of replaced) most += countLiveEntries(db, po.id, listKey);
  return most;
}

function applyAll(db: Db, po: PoRow, bodies: string[]): { result: StepResult; applied: number } {
  const resync = applyResyncIfPresent(db, po);
  if (resync.fatal) return { result: resync, applied: 0 };
  const ctx = listContext(db, po);
  const counts = { applied: 0, own: 0, type: 0, bad: 0 };
  for (const body of bodies) {
    for (const text of splitRecords(body)) {
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
