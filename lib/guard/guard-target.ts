import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import { poById, resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { dxaRole, findServer, serverOfConnector, type ServerRow } from '@/lib/exchange/servers/servers';

/**
 * What a delete-guard command names: an MS Mail postoffice (`M`, `NET/PO`) or an Exchange
 * requestor (its server name, or its connector postoffice). The limits and the hold live on the
 * postoffice; `server` is set when it is an Exchange requestor, whose DXA applies the imports.
 */
export interface GuardTarget {
  po: PoRow;
  server: ServerRow | null;
  /** How messages name it: `NET/PO`, or the server for an Exchange requestor. */
  label: string;
}

export function guardTarget(db: Db, spec: string): GuardTarget {
  const s = spec.trim();
  // A drive letter is one letter and NET/PO has a slash: anything else is a server name.
  const named = s.length > 1 && !s.includes('/') ? findServer(db, s) : undefined;
  const po = named ? poById(db, named.connectorPoId) : resolvePo(db, s);
  const server = named ?? serverOfConnector(db, po.id) ?? null;
  const requestor = server && dxaRole(db, server) === 'requestor' ? server : null;
  return { po, server: requestor, label: requestor ? requestor.name : poKey(po) };
}

/** The revision a delete-guard form is opened at (the action wrapper refuses a save over a newer one). */
export function deleteGuardRevision(db: Db, spec: string): { revision: number; object: string } {
  const t = guardTarget(db, spec);
  const row = db.$client.prepare('select revision from delete_guard where po_id = ?').get(t.po.id) as { revision: number } | undefined;
  return { revision: row?.revision ?? 0, object: `The delete guard of ${t.label}` };
}
