import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';
import type { NetworkFacts } from './network-facts';
import type { Finding } from './types';

/** Files the documents say must not stay: a RESYNC.GLB on a DSS, and SRVTRANS.GLB not empty while no step runs. */
export function fileChecks(db: Db, facts: NetworkFacts): Finding[] {
  const findings: Finding[] = [];
  for (const f of stmt(db, "select place, created_at as createdAt from stored_file where upper(name) = 'RESYNC.GLB'").all() as { place: string; createdAt: number }[]) {
    if (!facts.byKey.get(f.place)?.isDss) continue;
    findings.push({
      check: 'resync-glb-on-dss',
      severity: 'warning',
      object: f.place,
      title: 'RESYNC.GLB left in the GLB directory of the dirsync server',
      meaning: `A RESYNC.GLB (made ${ctime(f.createdAt)}) is still on the DSS: it must be removed once copied, or the DSS's own next import applies it and may damage its Global Address List. Delete it from the postoffice's Files (dirsync file delete ${f.place} RESYNC.GLB).`,
      source: 'KB Q156124 (using RESYNC.GLB with an Exchange requestor)',
      fixes: [],
    });
  }
  // A held import's SRVTRANS is the delete guard's finding, not a forgotten file.
  const srvtrans = stmt(
    db,
    'select po_id as poId, count(*) as n, min(stamp) as oldest from srvtrans where po_id not in (select po_id from delete_guard where held_source is not null) group by po_id',
  ).all() as { poId: number; n: number; oldest: number }[];
  for (const s of srvtrans) {
    const po = facts.pos.get(s.poId);
    if (!po) continue;
    findings.push({
      check: 'temporary-file-not-empty',
      severity: 'warning',
      object: po.server ? `${po.server} (${po.key})` : po.key,
      title: `SRVTRANS.GLB holds ${s.n} received update${s.n === 1 ? '' : 's'} not yet imported`,
      meaning: `SRVTRANS.GLB must be empty when no step runs: T3 received the DSS's reply (since ${ctime(s.oldest)}) but "import -q" has not applied it, so the GAL lacks those changes until the rest of T3 runs.`,
      source: 'KB Q96060 (sync numbers and files); docs/engine.md ("Health")',
      fixes: [],
    });
  }
  return findings;
}
