import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { requestExport } from '@/lib/dirsync/request-export';
import { requestImport } from '@/lib/dirsync/requestor-settings';
import { step, stmt } from '@/lib/core/statements';
import { controlService } from '@/lib/exchange/services/control-service';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { checkHealth } from './check-health';
import type { Fix } from './types';

/** A fix that changes state (the others open a page). */
export type StateFix = Extract<Fix, { kind: 'import-next' | 'export-next' | 'restart-service' }>;

export const sameFix = (a: Fix, b: Fix) =>
  a.kind === b.kind &&
  (a.kind === 'import-next' || a.kind === 'export-next'
    ? a.requestor === (b as typeof a).requestor
    : a.kind === 'restart-service'
      ? a.server === (b as typeof a).server && a.service === (b as typeof a).service
      : a.href === (b as typeof a).href);

/**
 * Apply a Health fix through the engine verb that owns it: Import or Export on the next cycle
 * (Requestor ▸ Import / Export on an MS Mail postoffice, the Dirsync Requestor's Settings on
 * Exchange) or a service restart. Only a fix a current finding offers is applied, so this is no
 * back door to the verbs; the finding clears once the next cycle has run.
 */
export function applyHealthFix(db: Db, fix: StateFix): string {
  return step(db, () => {
    if (!checkHealth(db).findings.some((f) => f.fixes.some((x) => sameFix(x, fix)))) {
      throw conflict('No current Health finding offers this fix (it may have been applied or cleared already): refresh the Health page');
    }
    if (fix.kind === 'restart-service') {
      const r = controlService(db, fix.server, fix.service, 'restart');
      return r.lines.join(' ');
    }
    const server = (
      stmt(db, "select s.name from exchange_server s join postoffice p on p.id = s.connector_po_id where p.network || '/' || p.name = ?").get(fix.requestor) as
        | { name: string }
        | undefined
    )?.name;
    if (fix.kind === 'import-next') {
      if (server) saveDirsyncRequestor(db, server, undefined, { importNext: true });
      else requestImport(db, fix.requestor);
      return `${server ?? fix.requestor}: Import on next cycle is set; the next T1 asks the DSS for all its addresses.`;
    }
    if (server) {
      saveDirsyncRequestor(db, server, undefined, { exportNext: true });
      return `${server}: Export on next cycle is set; the next T1 sends every exported recipient.`;
    }
    const n = requestExport(db, fix.requestor);
    return `${fix.requestor}: Export queued ${n} address${n === 1 ? '' : 'es'} for the next T1.`;
  });
}
