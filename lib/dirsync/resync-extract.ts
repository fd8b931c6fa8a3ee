import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { srvconfOf } from './dss';
import { writeLog } from './log';
import { masterListTxns } from './master-lists';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import type { StepResult } from './reqconf';
import { encodeResyncGlb } from './resync-glb';
import { resyncHeaderOf } from './resync-header';
import { writeStoredFile } from './stored-files';
import { recordRun } from '@/lib/history/record-run';

/**
 * `import admin -p<pw> -s` on an MS Mail DSS: write RESYNC.GLB to its GLB directory with the
 * largest ReqSync and ImpSync over every SRVCONF record and the DSS's own SrvSync, and every list.
 */
export function resyncExtract(db: Db, dssSpec: string): StepResult {
  let at = dssSpec;
  return recordRun(db, 'Resync extract', () => at, () => {
    const dss = resolvePo(db, dssSpec);
    at = poKey(dss);
    if (!srvconfOf(db, dss)) {
      const text = 'Resync extract can be performed only at a Directory Synchronization Server';
      writeLog(db, dss.id, 'DIRSYNC', 'Fatal', 67, text);
      return { lines: [], fatal: { number: 67, text } };
    }
    const stamp = now(db);
    const bytes = encodeResyncGlb({
      ...resyncHeaderOf(db, dss, { kind: 'msmail' }),
      createdAt: stamp,
      dss: poKey(dss),
      records: masterListTxns(db, dss.id, null).map((text, k) => ({ stamp, sync: k + 1, text })),
    });
    writeStoredFile(db, poKey(dss), 'RESYNC.GLB', bytes);
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 102, `End process IMPORT -S: RESYNC.GLB written, ${bytes.length} bytes`);
    return { lines: [`RESYNC.GLB written to the GLB directory of ${poKey(dss)} (${bytes.length} bytes)`] };
  });
}
