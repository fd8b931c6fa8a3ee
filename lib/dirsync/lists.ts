import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

/**
 * The .USR/.NME lists of a postoffice. Changes are written at generation `galGen + 1` (pending) and
 * the GAL shows the entries visible at `galGen`, so rebuild only moves the generation on: its cost
 * follows the number of changes, not the size of the GAL (docs/engine.md).
 *
 * Each change returns how it moved the count of pending additions; callers add those up and
 * record them once per step with `recordPendingAdds`.
 */
export interface ListEntryInput {
  addressKey: string;
  fullName: string;
  address: string;
  template: string;
}

export interface LiveEntry {
  addressKey: string;
  fullName: string;
  address: string;
  template: string;
  addedGen: number;
}

export function pendingGen(db: Db, poId: number): number {
  return (stmt(db, 'select gal_gen as g from postoffice where id = ?').get(poId) as { g: number }).g + 1;
}

export function recordPendingAdds(db: Db, poId: number, delta: number): void {
  if (delta !== 0) stmt(db, 'update postoffice set pending_adds = pending_adds + ? where id = ?').run(delta, poId);
}

/** The address-key range of a list: `PCM:NET/PO` holds `PCM:NET/PO/…`, a gateway `SMTP:` holds `SMTP:…`. */
export function listRange(listKey: string): [string, string] {
  const lo = listKey.endsWith(':') ? listKey : `${listKey}/`;
  // The character after the last one of the prefix closes the range.
  const hi = lo.slice(0, -1) + String.fromCharCode(lo.charCodeAt(lo.length - 1) + 1);
  return [lo, hi];
}

function live(db: Db, poId: number, addressKey: string): LiveEntry | undefined {
  return stmt(
    db,
    'select address_key as addressKey, full_name as fullName, address, template, added_gen as addedGen from list_entry where po_id = ? and address_key = ? and removed_gen = 0',
  ).get(poId, addressKey) as LiveEntry | undefined;
}

/**
 * Retire a live row; a row added in this same generation simply goes (-1 pending). A row retired at
 * `gen` was added before it, so (po, address, gen) names at most one retired row.
 */
function retire(db: Db, poId: number, row: LiveEntry, gen: number): number {
  if (row.addedGen === gen) {
    stmt(db, 'delete from list_entry where po_id = ? and address_key = ? and removed_gen = 0').run(poId, row.addressKey);
    return -1;
  }
  stmt(db, 'update list_entry set removed_gen = ? where po_id = ? and address_key = ? and removed_gen = 0').run(gen, poId, row.addressKey);
  return 0;
}

// The key (po, address, 0) is the live entry: a second live entry for an address is a conflict.
const insertNew = (db: Db) =>
  stmt(
    db,
    `insert into list_entry (po_id, address_key, removed_gen, full_name, address, template, added_gen) values (?, ?, 0, ?, ?, ?, ?)
     on conflict do nothing`,
  );

/** Add or replace an entry (an `A` or `M`); a no-op when nothing changed. */
export function putListEntry(db: Db, poId: number, e: ListEntryInput, gen: number): number {
  // Most entries are new (an import after an R, a first cycle): one insert, no lookup.
  if (insertNew(db).run(poId, e.addressKey, e.fullName, e.address, e.template, gen).changes) return 1;
  const row = live(db, poId, e.addressKey)!;
  if (row.fullName === e.fullName && row.address === e.address && row.template === e.template) return 0;
  const delta = retire(db, poId, row, gen);
  insertNew(db).run(poId, e.addressKey, e.fullName, e.address, e.template, gen);
  return delta + 1;
}

/** Remove an entry (a `D`); a no-op when absent. */
export function removeListEntry(db: Db, poId: number, addressKey: string, gen: number): number {
  const row = live(db, poId, addressKey);
  return row ? retire(db, poId, row, gen) : 0;
}

/** The live entries of a list, read once when an import replaces it (an `R`). */
export function liveEntries(db: Db, poId: number, listKey: string): LiveEntry[] {
  const [lo, hi] = listRange(listKey);
  return stmt(
    db,
    `select address_key as addressKey, full_name as fullName, address, template, added_gen as addedGen from list_entry
     where po_id = ? and address_key >= ? and address_key < ? and removed_gen = 0`,
  ).all(poId, lo, hi) as LiveEntry[];
}

/** How many live entries a list holds (the most an `R` of it can retire). */
export function countLiveEntries(db: Db, poId: number, listKey: string): number {
  const [lo, hi] = listRange(listKey);
  return (stmt(db, 'select count(*) as n from list_entry where po_id = ? and address_key >= ? and address_key < ? and removed_gen = 0').get(poId, lo, hi) as { n: number }).n;
}

/** Retire a row read by liveEntries. */
export const retireEntry = (db: Db, poId: number, row: LiveEntry, gen: number) => retire(db, poId, row, gen);

/** Insert an entry the caller knows has no live row. */
export function insertEntry(db: Db, poId: number, e: ListEntryInput, gen: number): number {
  return insertNew(db).run(poId, e.addressKey, e.fullName, e.address, e.template, gen).changes;
}

/** One change to a list outside an import (a local mailbox): applied and counted at once. */
export function changeListNow(db: Db, poId: number, change: (gen: number) => number): void {
  recordPendingAdds(db, poId, change(pendingGen(db, poId)));
}
