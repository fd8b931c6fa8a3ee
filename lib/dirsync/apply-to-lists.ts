import type { Db } from '@/db/client';
import { clearList, putListEntry, recordPendingAdds, removeListEntry } from './lists';
import { normalTarget } from './master-lists';
import { addressKey, listKeyOf, parseAddress, poKey } from './names';
import type { PoRow } from './postoffices';
import type { Txn } from './transactions';
import { stmt } from './statements';

export type ApplyOutcome = 'applied' | 'own' | 'type' | 'bad';

export interface ListContext {
  po: PoRow;
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
}

/**
 * Apply one transaction to a postoffice's lists (`import -q`): its own addresses are ignored
 * (status 66), gateway types it does not accept are ignored, unknown postoffices are autocreated.
 */
export function applyToLists(db: Db, ctx: ListContext, txn: Txn): ApplyOutcome {
  const own = `PCM:${poKey(ctx.po)}`;
  if (txn.code === 'R') {
    const key = normalTarget(txn.target);
    if (key === own) return 'own';
    if (!key.startsWith('PCM:') && !ctx.types.has(key.slice(0, -1))) return 'type';
    ctx.pendingAdds += clearList(db, ctx.po.id, key, ctx.gen);
    return 'applied';
  }
  const address = parseAddress(txn.address);
  if (!address) return 'bad';
  const listKey = listKeyOf(address);
  if (listKey === own) return 'own';
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
  ctx.pendingAdds +=
    txn.code === 'D'
      ? removeListEntry(db, ctx.po.id, key, ctx.gen)
      : putListEntry(db, ctx.po.id, { listKey, addressKey: key, fullName: txn.fullName, address: txn.address, template: txn.template.join('\n') }, ctx.gen);
  return 'applied';
}

export function listContext(db: Db, po: PoRow, autocreate = true): ListContext {
  const { types } = stmt(db, 'select types from reqconf where po_id = ?').get(po.id) as { types: string };
  return { po, types: new Set(types.split(',')), gen: po.galGen + 1, autocreate, pendingAdds: 0, defined: new Set() };
}

/** Record the pending additions a run of `applyToLists` made. */
export function finishLists(db: Db, ctx: ListContext): void {
  recordPendingAdds(db, ctx.po.id, ctx.pendingAdds);
  ctx.pendingAdds = 0;
}
