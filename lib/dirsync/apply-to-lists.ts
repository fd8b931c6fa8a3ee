import type { Db } from '@/db/client';
import { insertEntry, liveEntries, putListEntry, recordPendingAdds, removeListEntry, retireEntry, type LiveEntry } from './lists';
import { normalTarget } from './master-lists';
import { addressKey, listKeyOf, parseAddress, poKey } from './names';
import type { PoRow } from './postoffices';
import type { Txn } from './transactions';
import { stmt } from '@/lib/core/statements';

export type ApplyOutcome = 'applied' | 'own' | 'type' | 'bad';

export interface ListContext {
  po: PoRow;
  /** `PCM:NET/PO` of the postoffice itself: its own addresses are ignored. */
  own: string;
  /** Accepted gateway types (PCM is always accepted). */
  types: Set<string>;
  /** The GAL generation changes are written at. */
  gen: number;
  /** Create external postoffice definitions for unknown postoffices. */
  autocreate: boolean;
  /** Pending additions made so far, recorded by `finishLists`. */
  pendingAdds: number;
  /** External postoffices already defined or autocreated in this step. */
  defined: Set<string>;
  /**
   * Lists replaced (`R`) in this step. An R reads the list's live entries once (`old`); the A/M/D
   * after it are matched against them in memory, and finishLists retires the old entries that were
   * not put again. An unchanged entry costs no write and no lookup. An R of an empty list (a first
   * sync) is not kept here: what follows it is plain inserts.
   */
  replacing: Map<string, { old: Map<string, LiveEntry>; put: Set<string> }>;
}

/**
 * Apply one transaction to a postoffice's lists (`import -q`): its own addresses are ignored
 * (status 66), gateway types it does not accept are ignored, unknown postoffices are autocreated.
 */
export function applyToLists(db: Db, ctx: ListContext, txn: Txn): ApplyOutcome {
  if (txn.code === 'R') {
    const key = normalTarget(txn.target);
    if (key === ctx.own) return 'own';
    if (!key.startsWith('PCM:') && !ctx.types.has(key.slice(0, -1))) return 'type';
    finishReplace(db, ctx, key);
    const old = liveEntries(db, ctx.po.id, key);
    if (old.length) ctx.replacing.set(key, { old: new Map(old.map((r) => [r.addressKey, r])), put: new Set() });
    return 'applied';
  }
  const address = parseAddress(txn.address);
  if (!address) return 'bad';
  const listKey = listKeyOf(address);
  if (listKey === ctx.own) return 'own';
  if (!address.po && !ctx.types.has(address.type)) return 'type';
  if (address.po && ctx.autocreate && !ctx.defined.has(listKey)) {
    stmt(db, 'insert or ignore into external_po (po_id, network, name, autocreated) values (?, ?, ?, 1)').run(
      ctx.po.id,
      address.po.network,
      address.po.name,
    );
    ctx.defined.add(listKey);
  }
  const key = addressKey(address);
  const replace = ctx.replacing.size ? ctx.replacing.get(listKey) : undefined;
  const template = txn.template.length ? txn.template.join('\n') : '';
  if (replace && !replace.put.has(key)) {
    // Untouched since the R: its only possible live row is the one the R read.
    const row = replace.old.get(key);
    replace.old.delete(key);
    if (txn.code === 'D') {
      if (row) ctx.pendingAdds += retireEntry(db, ctx.po.id, row, ctx.gen);
      return 'applied';
    }
    replace.put.add(key);
    const e = { addressKey: key, fullName: txn.fullName, address: txn.address, template };
    if (row && row.fullName === e.fullName && row.address === e.address && row.template === e.template) return 'applied';
    if (row) ctx.pendingAdds += retireEntry(db, ctx.po.id, row, ctx.gen);
    ctx.pendingAdds += insertEntry(db, ctx.po.id, e, ctx.gen);
    return 'applied';
  }
  replace?.put.add(key);
  ctx.pendingAdds +=
    txn.code === 'D'
      ? removeListEntry(db, ctx.po.id, key, ctx.gen)
      : putListEntry(db, ctx.po.id, { addressKey: key, fullName: txn.fullName, address: txn.address, template }, ctx.gen);
  return 'applied';
}

export function listContext(db: Db, po: PoRow, autocreate = true): ListContext {
  const { types } = stmt(db, 'select types from reqconf where po_id = ?').get(po.id) as { types: string };
  return { po, own: `PCM:${poKey(po)}`, types: new Set(types.split(',')), gen: po.galGen + 1, autocreate, pendingAdds: 0, defined: new Set(), replacing: new Map() };
}

/** Retire what an R's list held and was not put again. */
function finishReplace(db: Db, ctx: ListContext, listKey: string): void {
  const replace = ctx.replacing.get(listKey);
  if (!replace) return;
  for (const row of replace.old.values()) ctx.pendingAdds += retireEntry(db, ctx.po.id, row, ctx.gen);
  ctx.replacing.delete(listKey);
}

/** Record the pending additions a run of `applyToLists` made. */
export function finishLists(db: Db, ctx: ListContext): void {
  for (const listKey of [...ctx.replacing.keys()]) finishReplace(db, ctx, listKey);
  recordPendingAdds(db, ctx.po.id, ctx.pendingAdds);
  ctx.pendingAdds = 0;
}
