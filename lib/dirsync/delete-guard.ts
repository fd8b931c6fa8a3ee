import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';

/**
 * The guard against accidental deletes (docs/engine.md, "Delete guard"): an import (T3's
 * `import -q`, a RESYNC.GLB, a DXA applying a reply or a Resync.glb) that would remove more names
 * than the postoffice's limit is held — rolled back whole, its SRVTRANS.GLB or RESYNC.GLB kept —
 * until an administrator applies it anyway or discards it.
 */

/** Our log number for a held import (not an MS Mail number; docs/engine.md lists it). */
export const GUARD_HELD = 900;
/** Our log number for a held import applied anyway or discarded. */
export const GUARD_RELEASED = 901;
export const DEFAULT_GUARD = { names: 500, percent: 20 } as const;
/**
 * The percentage never holds an import that removes this many names or fewer: on a postoffice of a
 * few dozen names, deleting two mailboxes is a normal day, not an accident.
 */
export const PERCENT_FLOOR = 10;

export type HeldSource = 'SRVTRANS' | 'RESYNC.GLB';

export interface GuardHold {
  source: HeldSource;
  /** Names the import would remove, of `gal`, against the limit in force when it was held. */
  removed: number;
  gal: number;
  limit: number;
  at: number;
}

export interface DeleteGuardSetting {
  names: number;
  percent: number;
  revision: number;
  hold: GuardHold | null;
}

interface GuardRow {
  names: number;
  percent: number;
  revision: number;
  heldSource: HeldSource | null;
  heldRemoved: number | null;
  heldGal: number | null;
  heldLimit: number | null;
  heldAt: number | null;
}

/** A postoffice's (or Exchange requestor's connector postoffice's) limits and its held import. */
export function deleteGuardOf(db: Db, poId: number): DeleteGuardSetting {
  const row = stmt(
    db,
    `select names, percent, revision, held_source as heldSource, held_removed as heldRemoved, held_gal as heldGal,
       held_limit as heldLimit, held_at as heldAt from delete_guard where po_id = ?`,
  ).get(poId) as GuardRow | undefined;
  if (!row) return { ...DEFAULT_GUARD, revision: 0, hold: null };
  const hold = row.heldSource
    ? { source: row.heldSource, removed: row.heldRemoved ?? 0, gal: row.heldGal ?? 0, limit: row.heldLimit ?? 0, at: row.heldAt ?? 0 }
    : null;
  return { names: row.names, percent: row.percent, revision: row.revision, hold };
}

/**
 * The most names an import may remove from a GAL of `gal` names: the smaller of the two limits in
 * force (a limit of 0 is off; the percentage is at least PERCENT_FLOOR names); null when both are off.
 */
export function guardLimit(g: { names: number; percent: number }, gal: number): number | null {
  const byPercent = g.percent > 0 ? Math.max(PERCENT_FLOOR, Math.floor((gal * g.percent) / 100)) : null;
  const limits = [g.names > 0 ? g.names : null, byPercent].filter((x): x is number => x !== null);
  return limits.length ? Math.min(...limits) : null;
}

/** The limits in words: "500 names or 20 % of the GAL", "off". */
export function guardWords(g: { names: number; percent: number }): string {
  const parts = [g.names > 0 ? `${g.names} name${g.names === 1 ? '' : 's'}` : '', g.percent > 0 ? `${g.percent} % of the GAL` : ''].filter(Boolean);
  return parts.length ? parts.join(' or ') : 'off';
}

/**
 * The names in the GAL the lists no longer hold: retired at the pending generation, visible in the
 * GAL, and with no live entry for the same address. Read before and after an import, the difference
 * is what the import removed (a changed name is retired and put again, so it does not count).
 */
export function galNamesGone(db: Db, po: { id: number; galGen: number }): number {
  return (
    stmt(
      db,
      `select count(*) as n from list_entry e where e.po_id = ? and e.removed_gen > 0 and e.removed_gen = ? and e.added_gen <= ?
       and not exists (select 1 from list_entry x where x.po_id = e.po_id and x.address_key = e.address_key and x.removed_gen = 0)`,
    ).get(po.id, po.galGen + 1, po.galGen) as { n: number }
  ).n;
}

const HOLD = Symbol('delete guard hold');

/**
 * Run an import's apply in a savepoint and, unless `guard` is false, hold it when it removes more
 * names than the limit: everything it did is rolled back and the hold is returned instead. `measure`
 * reads, after the apply, how many names it removed and how big the GAL was before it. Unguarded,
 * the apply runs in the caller's transaction as it is: a savepoint copies every page the apply
 * changes first, and there is nothing to roll back to.
 */
export function underGuard<T>(
  db: Db,
  poId: number,
  guard: boolean,
  fn: () => T,
  measure: (result: T) => { removed: number; gal: number },
): { result: T } | { hold: { removed: number; gal: number; limit: number } } {
  if (!guard) return { result: db.$client.inTransaction ? fn() : db.$client.transaction(fn)() };
  const g = deleteGuardOf(db, poId);
  let hold: { removed: number; gal: number; limit: number } | undefined;
  try {
    return {
      result: db.$client.transaction(() => {
        const result = fn();
        if (!guard) return result;
        const { removed, gal } = measure(result);
        const limit = removed > 0 ? guardLimit(g, gal) : null;
        if (limit !== null && removed > limit) {
          hold = { removed, gal, limit };
          throw HOLD;
        }
        return result;
      })(),
    };
  } catch (e) {
    if (e === HOLD && hold) return { hold };
    throw e;
  }
}

/** Record a hold (the first one's time is kept while it stays held). */
export function recordHold(db: Db, poId: number, source: HeldSource, h: { removed: number; gal: number; limit: number }): void {
  stmt(
    db,
    `insert into delete_guard (po_id, held_source, held_removed, held_gal, held_limit, held_at) values (?, ?, ?, ?, ?, ?)
     on conflict (po_id) do update set held_source = excluded.held_source, held_removed = excluded.held_removed,
       held_gal = excluded.held_gal, held_limit = excluded.held_limit, held_at = coalesce(held_at, excluded.held_at), revision = revision + 1`,
  ).run(poId, source, h.removed, h.gal, h.limit, now(db));
}

export function clearHold(db: Db, poId: number): void {
  stmt(
    db,
    'update delete_guard set held_source = null, held_removed = null, held_gal = null, held_limit = null, held_at = null, revision = revision + 1 where po_id = ?',
  ).run(poId);
}

/** The log line's text for a hold: what, how many, and what to do. */
export function holdText(source: HeldSource, h: { removed: number; gal: number; limit: number }, file: string): string {
  return (
    `Import held by the delete guard: it would remove ${h.removed} of the ${h.gal} names in the GAL (limit ${h.limit}); ` +
    `${source === 'RESYNC.GLB' ? 'RESYNC.GLB' : 'SRVTRANS.GLB'} kept in ${file}. Apply it anyway or discard it (Health, or dirsync guard apply|discard)`
  );
}

/** The text logged when an import is refused because an earlier one is still held. */
export function stillHeldText(hold: GuardHold): string {
  return `Import still held by the delete guard (${hold.removed} of ${hold.gal} names, limit ${hold.limit}): nothing applied until it is applied anyway or discarded`;
}
