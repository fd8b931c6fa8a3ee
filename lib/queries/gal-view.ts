import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

export interface GalView {
  count: number;
  /** The first `limit` names in GAL order (full name, then address). */
  entries: { fullName: string; address: string }[];
}

/**
 * A postoffice's Global Address List as its users see it: the list entries visible at its GAL
 * generation (what the last REBUILD made; later changes wait for the next one — docs/engine.md).
 */
export function galView(db: Db, poId: number, limit = 200): GalView {
  const { gen, count } = stmt(db, 'select gal_gen as gen, gal_count as count from postoffice where id = ?').get(poId) as { gen: number; count: number };
  const entries = stmt(
    db,
    `select full_name as fullName, address from list_entry
     where po_id = ? and added_gen <= ? and (removed_gen = 0 or removed_gen > ?)
     order by full_name collate nocase, address_key limit ?`,
  ).all(poId, gen, gen, limit) as GalView['entries'];
  return { count, entries };
}
