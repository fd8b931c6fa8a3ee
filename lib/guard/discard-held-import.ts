import type { Db } from '@/db/client';
import { clearHold, deleteGuardOf, GUARD_RELEASED } from '@/lib/dirsync/delete-guard';
import { conflict } from '@/lib/core/errors';
import { writeLog } from '@/lib/dirsync/log';
import { poKey } from '@/lib/dirsync/names';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { requestImport } from '@/lib/dirsync/requestor-settings';
import { stmt } from '@/lib/core/statements';
import { deleteStoredFile } from '@/lib/dirsync/stored-files';
import { dxEvent } from '@/lib/exchange/events/dx-events';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { recordRun } from '@/lib/history/record-run';
import { guardTarget } from './guard-target';

/**
 * "Discard": the held SRVTRANS.GLB entries (and a held RESYNC.GLB) are dropped and the GAL stays as
 * it was; Import on next cycle is set, so the next T1 asks the DSS for every list again — nothing
 * the DSS holds is lost, and if it really lost those names the guard holds that import too.
 */
export function discardHeldImport(db: Db, spec: string): StepResult {
  let label = spec;
  return recordRun(db, 'Delete guard discard', () => label, () => {
    const t = guardTarget(db, spec);
    label = t.label;
    const hold = deleteGuardOf(db, t.po.id).hold;
    if (!hold) throw conflict(`no import is held at ${t.label}: it may have been applied or discarded already (refresh Health)`, { code: 'delete-guard.nothing-held' });
    const entries = stmt(db, 'delete from srvtrans where po_id = ?').run(t.po.id).changes;
    const file = hold.source === 'RESYNC.GLB' && deleteStoredFile(db, t.server ? `${t.server.name}:Dxadata` : poKey(t.po), 'RESYNC.GLB');
    clearHold(db, t.po.id);
    if (t.server) saveDirsyncRequestor(db, t.server.name, undefined, { importNext: true });
    else requestImport(db, poKey(t.po));
    const text = `Held import discarded by the administrator (${entries} SRVTRANS entr${entries === 1 ? 'y' : 'ies'}${file ? ' and RESYNC.GLB' : ''}); the GAL is unchanged and Import on next cycle is set`;
    if (t.server) dxEvent(db, t.server, 'deleteGuardReleased', `${text}.`);
    else writeLog(db, t.po.id, 'DIRSYNC', 'Status', GUARD_RELEASED, text);
    return { lines: [text] };
  });
}
