import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { GUARD_HELD } from '@/lib/dirsync/delete-guard';
import { stmt } from '@/lib/core/statements';
import type { NetworkFacts } from './network-facts';
import type { Finding } from './types';

/** Imports the delete guard holds (docs/engine.md, "Delete guard"): one error each, with Apply anyway and Discard. */
export function guardChecks(db: Db, facts: NetworkFacts): Finding[] {
  const held = stmt(
    db,
    `select po_id as poId, held_source as source, held_removed as removed, held_gal as gal, held_limit as "limit", held_at as at
     from delete_guard where held_source is not null`,
  ).all() as { poId: number; source: string; removed: number; gal: number; limit: number; at: number }[];
  return held.flatMap((h): Finding[] => {
    const po = facts.pos.get(h.poId);
    if (!po) return [];
    const target = po.server ?? po.key;
    const what = h.source === 'RESYNC.GLB' ? 'a RESYNC.GLB' : 'the received updates (SRVTRANS.GLB)';
    const names = po.server ? 'recipients in its Import Container' : 'names in its GAL';
    return [
      {
        check: 'delete-guard-held',
        severity: 'error',
        object: po.server ? `${po.server} (${po.key})` : po.key,
        title: `Import held by the delete guard: it would remove ${h.removed} of ${h.gal} ${names}`,
        meaning: `Since ${ctime(h.at)} ${target} has not applied ${what}: it removes more than its limit of ${h.limit}, so nothing was applied (error ${GUARD_HELD}) and no later update is applied either. Apply anyway if the deletes are real; Discard keeps the GAL as it is and asks the DSS for every list again (Import on next cycle).`,
        source: 'docs/engine.md ("Delete guard")',
        fixes: [
          { kind: 'guard-apply', label: 'Apply anyway', target },
          { kind: 'guard-discard', label: 'Discard', target },
        ],
      },
    ];
  });
}
