import type { Db } from '@/db/client';
import { addressKey, listKeyOf, parseAddress } from './names';
import { formatTxn, type Txn } from './transactions';
import { stmt } from '@/lib/core/statements';

/** Apply one accepted transaction of `origin` to the DSS's master lists. */
export function applyToMaster(db: Db, dssId: number, origin: string, txn: Txn): void {
  if (txn.code === 'R') {
    stmt(db, 'delete from master_entry where dss_po_id = ? and origin = ? and list_key = ?').run(dssId, origin, normalTarget(txn.target));
    return;
  }
  const address = parseAddress(txn.address);
  if (!address) return;
  const key = addressKey(address);
  if (txn.code === 'D') {
    stmt(db, 'delete from master_entry where dss_po_id = ? and address_key = ?').run(dssId, key);
    return;
  }
  stmt(
    db,
    `insert into master_entry (dss_po_id, origin, list_key, address_key, full_name, address, template) values (?, ?, ?, ?, ?, ?, ?)
     on conflict(dss_po_id, address_key) do update set origin = excluded.origin, list_key = excluded.list_key,
       full_name = excluded.full_name, address = excluded.address, template = excluded.template`,
  ).run(dssId, origin, listKeyOf(address), key, txn.fullName, txn.address, txn.template.join('\n'));
}

/** `R pcm:net/po` and `R MS:NET/PO` name the list `PCM:NET/PO`; `R smtp:` names `SMTP:`. */
export function normalTarget(target: string): string {
  const colon = target.indexOf(':');
  const type = target.slice(0, colon).toUpperCase();
  const rest = target.slice(colon + 1).toUpperCase();
  return type === 'PCM' || type === 'MS' ? `PCM:${rest}` : `${type}:`;
}

/**
 * The transactions that rebuild every list except those of `excludeOrigin`: per list, `R` then an
 * `A` per address (an Import Reply, or the body of RESYNC.GLB). Every registered requestor's list
 * gets its `R` even when it is empty now, or names the receiver holds from before would stay.
 */
export function masterListTxns(db: Db, dssId: number, excludeOrigin: string | null): string[] {
  const rows = stmt(
    db,
    `select list_key as listKey, full_name as fullName, address, template from master_entry
     where dss_po_id = ? and origin is not ? order by list_key, address_key`,
  ).all(dssId, excludeOrigin) as { listKey: string; fullName: string; address: string; template: string }[];
  const registered = (stmt(db, 'select requestor from srv_requestor where dss_po_id = ? order by requestor').all(dssId) as { requestor: string }[])
    .map((r) => `PCM:${r.requestor}`)
    .filter((key) => key !== `PCM:${excludeOrigin}`);
  const out: string[] = [];
  const replaced = new Set<string>();
  let current = '';
  for (const row of rows) {
    if (row.listKey !== current) {
      out.push(formatTxn({ code: 'R', target: (current = row.listKey) }));
      replaced.add(current);
    }
    out.push(formatTxn({ code: 'A', fullName: row.fullName, address: row.address, template: row.template ? row.template.split('\n') : [] }));
  }
  for (const key of registered) if (!replaced.has(key)) out.push(formatTxn({ code: 'R', target: key }));
  return out;
}

/**
 * How many records masterListTxns would return, counted in SQL without building them (the resync
 * prediction needs the count, not the body): every entry, an R per list, and an R for each
 * registered requestor whose list is empty.
 */
export function masterListCount(db: Db, dssId: number, excludeOrigin: string | null): number {
  if (excludeOrigin === null) {
    // Every list (origin is never null): the entries counted on the smallest index, the lists by
    // hopping from one list_key to the next on master_entry_list (a seek per list, not a scan).
    const row = stmt(
      db,
      `with recursive k(key) as (
         select min(list_key) from master_entry where dss_po_id = @dss
         union all select (select min(list_key) from master_entry where dss_po_id = @dss and list_key > k.key) from k where k.key is not null)
       select (select count(*) from master_entry where dss_po_id = @dss)
            + (select count(key) from k)
            + (select count(*) from srv_requestor r where r.dss_po_id = @dss
                 and not exists (select 1 from master_entry m where m.dss_po_id = @dss and m.list_key = 'PCM:' || r.requestor)) as n`,
    ).get({ dss: dssId }) as { n: number };
    return row.n;
  }
  const row = stmt(
    db,
    `select (select count(*) from master_entry where dss_po_id = @dss and origin is not @origin)
          + (select count(distinct list_key) from master_entry where dss_po_id = @dss and origin is not @origin)
          + (select count(*) from srv_requestor r where r.dss_po_id = @dss and r.requestor is not @origin
               and not exists (select 1 from master_entry m where m.dss_po_id = @dss and m.origin is not @origin and m.list_key = 'PCM:' || r.requestor)) as n`,
  ).get({ dss: dssId, origin: excludeOrigin }) as { n: number };
  return row.n;
}
