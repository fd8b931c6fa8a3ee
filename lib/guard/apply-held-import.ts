import type { Db } from '@/db/client';
import { clearHold, deleteGuardOf, GUARD_RELEASED } from '@/lib/dirsync/delete-guard';
import { conflict } from '@/lib/core/errors';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { writeLog } from '@/lib/dirsync/log';
import { poKey } from '@/lib/dirsync/names';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { stmt } from '@/lib/core/statements';
import { readStoredFile } from '@/lib/dirsync/stored-files';
import { dxEvent } from '@/lib/exchange/events/dx-events';
import { applyReceivedToContainer } from '@/lib/exchange/dxa/dxa-requestor-receive';
import { dxaResyncApply } from '@/lib/exchange/dxa/dxa-resync-apply';
import { recordRun } from '@/lib/history/record-run';
import { guardTarget } from './guard-target';

/**
 * "Apply anyway": the held import runs now with the guard off — on an MS Mail postoffice
 * `import -q` then `rebuild -f` (the rest of the T3 the hold stopped), on an Exchange requestor the
 * held Resync.glb and SRVTRANS into the Import Container. One transaction, one run.
 */
export function applyHeldImport(db: Db, spec: string): StepResult {
  let label = spec;
  return recordRun(db, 'Delete guard apply', () => label, () => {
    const t = guardTarget(db, spec);
    label = t.label;
    const hold = deleteGuardOf(db, t.po.id).hold;
    if (!hold) throw conflict(`no import is held at ${t.label}: it may have been applied or discarded already (refresh Health)`, { code: 'delete-guard.nothing-held' });
    const lines: string[] = [];
    const fail = (r: StepResult) => ({ lines: [...lines, ...r.lines], fatal: r.fatal });
    if (t.server) {
      if (readStoredFile(db, `${t.server.name}:Dxadata`, 'RESYNC.GLB')) {
        const r = dxaResyncApply(db, t.server, { guard: false });
        if (r.fatal) return fail(r);
        lines.push(...r.lines);
      }
      if (stmt(db, 'select 1 from srvtrans where po_id = ? limit 1').get(t.po.id)) {
        const r = applyReceivedToContainer(db, t.server, false);
        if ('fatal' in r) return { lines, fatal: r.fatal };
        lines.push(r.result);
      }
    } else {
      const imported = importSrvtrans(db, poKey(t.po), { guard: false });
      if (imported.fatal) return fail(imported);
      lines.push(...imported.lines, ...rebuildGal(db, poKey(t.po)).lines);
    }
    clearHold(db, t.po.id);
    const text = `Held import applied anyway by the administrator (${hold.removed} of ${hold.gal} names, limit ${hold.limit})`;
    if (t.server) dxEvent(db, t.server, 'deleteGuardReleased', `${text}.`);
    else writeLog(db, t.po.id, 'DIRSYNC', 'Status', GUARD_RELEASED, text);
    return { lines: [text, ...lines] };
  });
}
