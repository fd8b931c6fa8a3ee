import type { Db } from '@/db/client';
import { stmt } from './statements';

/**
 * The .USR/.NME lists of a postoffice. Changes are written at generation `galGen + 1` (pending) and
 * the GAL shows the entries visible at `galGen`, so rebuild only moves the generation on: its cost
 * follows the number of changes, not the size of the GAL (docs/engine.md).
 */
export interface ListEntryInput {
  listKey: string;
  addressKey: string;
  fullName: string;
  address: string;
  template: string;
}

interface LiveRow {
  id: number;
  fullName: string;
  address: string;
  template: string;
  addedGen: number;
}

export function pendingGen(db: Db, poId: number): number {
  return (stmt(db, 'select gal_gen as g from postoffice where id = ?').get(poId) as { g: number }).g + 1;
}

/** The address-key range of a list: `PCM:NET/PO` holds `PCM:NET/PO/…`, a gateway `SMTP:` holds `SMTP:…`. */
export function listRange(listKey: string): [string, string] {
  const lo = listKey.endsWith(':') ? listKey : `${listKey}/`;
  // The character after the last one of the prefix closes the range.
  const hi = lo.slice(0, -1) + String.fromCharCode(lo.charCodeAt(lo.length - 1) + 1);
  return [lo, hi];
}

function live(db: Db, poId: number, addressKey: string): LiveRow | undefined {
  return stmt(
    db,
    'select id, full_name as fullName, address, template, added_gen as addedGen from list_entry where po_id = ? and address_key = ? and removed_gen is null',
  ).get(poId, addressKey) as LiveRow | undefined;
}

function countPending(db: Db, poId: number, delta: number): void {
  stmt(db, 'update postoffice set pending_adds = pending_adds + ? where id = ?').run(delta, poId);
}

function retire(db: Db, poId: number, row: LiveRow, gen: number): void {
  if (row.addedGen === gen) {
    stmt(db, 'delete from list_entry where id = ?').run(row.id);
    countPending(db, poId, -1);
  } else stmt(db, 'update list_entry set removed_gen = ? where id = ?').run(gen, row.id);
}

/** Add or replace an entry (an `A` or `M`); a no-op when nothing changed. */
export function putListEntry(db: Db, poId: number, e: ListEntryInput, gen = pendingGen(db, poId)): void {
  const row = live(db, poId, e.addressKey);
  if (row) {
    if (row.fullName === e.fullName && row.address === e.address && row.template === e.template) return;
    retire(db, poId, row, gen);
  }
  stmt(
    db,
    'insert into list_entry (po_id, list_key, address_key, full_name, address, template, added_gen) values (?, ?, ?, ?, ?, ?, ?)',
  ).run(poId, e.listKey, e.addressKey, e.fullName, e.address, e.template, gen);
  countPending(db, poId, 1);
}

/** Remove an entry (a `D`); a no-op when absent. */
export function removeListEntry(db: Db, poId: number, addressKey: string, gen = pendingGen(db, poId)): void {
  const row = live(db, poId, addressKey);
  if (row) retire(db, poId, row, gen);
}

/** Empty a whole list (an `R`). */
export function clearList(db: Db, poId: number, listKey: string, gen = pendingGen(db, poId)): void {
  const [lo, hi] = listRange(listKey);
  const range = 'po_id = ? and address_key >= ? and address_key < ? and removed_gen is null';
  const dropped = stmt(db, `delete from list_entry where ${range} and added_gen = ?`).run(poId, lo, hi, gen).changes;
  countPending(db, poId, -dropped);
  stmt(db, `update list_entry set removed_gen = ? where ${range}`).run(gen, poId, lo, hi);
}
