import type { Db } from '@/db/client';
import type { ExchangeVersion } from '@/db/schema';
import { notFound } from '@/lib/core/errors';
import { poById, type PoRow } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';

export interface ServerRow {
  id: number;
  name: string;
  version: ExchangeVersion;
  siteId: number;
  organization: string;
  site: string;
  connectorPoId: number;
}

const columns = `s.id, s.name, s.version, s.site_id as siteId, t.organization, t.site, s.connector_po_id as connectorPoId
  from exchange_server s join exchange_site t on t.id = s.site_id`;

export function findServer(db: Db, name: string): ServerRow | undefined {
  return stmt(db, `select ${columns} where s.name = ?`).get(name.trim().toUpperCase()) as ServerRow | undefined;
}

/** A server by name, or a notFound error that says how to make one. */
export function resolveServer(db: Db, name: string): ServerRow {
  const server = findServer(db, name);
  if (!server) throw notFound(`there is no Exchange server ${name.toUpperCase()}: create it with "dirsync exchange create <ORG> <SITE> <SERVER>"`);
  return server;
}

export const serverById = (db: Db, id: number) => stmt(db, `select ${columns} where s.id = ?`).get(id) as ServerRow;

export function allServers(db: Db): ServerRow[] {
  return stmt(db, `select ${columns} order by s.name`).all() as ServerRow[];
}

/** The server whose MS Mail Connector owns a connector postoffice. */
export function serverOfConnector(db: Db, poId: number): ServerRow | undefined {
  return stmt(db, `select ${columns} where s.connector_po_id = ?`).get(poId) as ServerRow | undefined;
}

export const connectorPo = (db: Db, server: ServerRow): PoRow => poById(db, server.connectorPoId);

/** 5.5 SP3 (DXA build 2524) or later: reads GlobalMaxSeqInResync. */
export const atLeastSp3 = (server: Pick<ServerRow, 'version'>) => server.version === '5.5 SP3' || server.version === '2000';

/** The DXA's role: the Dirsync Server object makes it the DSS, the Dirsync Requestor object a requestor. */
export function dxaRole(db: Db, server: Pick<ServerRow, 'id'>): 'server' | 'requestor' | null {
  if (stmt(db, 'select 1 from dirsync_server where server_id = ?').get(server.id)) return 'server';
  if (stmt(db, "select 1 from dirsync_link where server_id = ? and kind = 'requestor'").get(server.id)) return 'requestor';
  return null;
}

/**
 * The DXA's MS Mail address (KB Q150828): `$SYSTEM` on a dirsync server, `SYSTEM1` on a requestor —
 * which Exchange 2000 shows as `DXA` (the manual dirsync procedure, docs/engine.md).
 */
export function dxaAddress(db: Db, server: ServerRow): string {
  const po = connectorPo(db, server);
  // An address edited on the E-mail Addresses tab (KB Q187779) keeps its mailbox whatever the role.
  const edited = (stmt(db, 'select ms_mailbox as m from directory_sync_object where server_id = ?').get(server.id) as { m: string | null } | undefined)?.m;
  return `${po.network}/${po.name}/${edited ?? generatedDxaMailbox(db, server)}`;
}

/** The mailbox part Setup generates: `$SYSTEM` on a dirsync server, else `SYSTEM1` (`DXA` on Exchange 2000). */
export function generatedDxaMailbox(db: Db, server: ServerRow): string {
  return dxaRole(db, server) === 'server' ? '$SYSTEM' : server.version === '2000' ? 'DXA' : 'SYSTEM1';
}
