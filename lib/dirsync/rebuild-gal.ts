import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { writeLog } from './log';
import { resolvePo } from './postoffices';
import type { StepResult } from './reqconf';
import { stmt } from '@/lib/core/statements';
import { poKey } from './names';
import { recordRun } from '@/lib/history/record-run';

/**
 * `rebuild -f`: make the GAL show every list change made since the last rebuild. The GAL is the
 * list entries visible at the postoffice's generation, so this moves the generation on and drops
 * retired entries — work that follows the number of changes, not the size of the GAL.
 */
export function rebuildGal(db: Db, poSpec: string): StepResult {
  let at = poSpec;
  return recordRun(db, 'T3 rebuild', () => at, () => {
    const po = resolvePo(db, poSpec);
    at = poKey(po);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 101, 'Begin execution REBUILD -F');
    const gen = po.galGen + 1;
    const { added } = stmt(db, 'select pending_adds as added from postoffice where id = ?').get(po.id) as { added: number };
    const removed = stmt(db, 'delete from list_entry where po_id = ? and removed_gen > 0 and removed_gen = ?').run(po.id, gen).changes;
    const count = po.galCount + added - removed;
    stmt(db, 'update postoffice set gal_gen = ?, gal_count = ?, pending_adds = 0, gal_rebuilt_at = ? where id = ?').run(gen, count, now(db), po.id);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 102, `End process REBUILD -F: GAL rebuilt, ${count} names`);
    return { lines: [`GAL rebuilt: ${count} names`] };
  });
}
