import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { type PoRow } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';
import { routedThrough, type ConnectionKind } from './connection-fields';
import { resolveServer, type ServerRow } from '../servers/servers';

export interface ConnectionDto {
  server: string;
  /** `NET/PO` of the MS Mail postoffice. */
  postoffice: string;
  kind: ConnectionKind;
  /** LAN only; empty for the other kinds. */
  uncPath: string;
  connectAs: string;
  /** Async only. */
  phoneNumber: string;
  /** X.25 only. */
  x121Address: string;
  /** Async and X.25 (kept, not used: there are no modems to retry). Null for LAN and Indirect. */
  connectionAttempts: number | null;
  /** Indirect: `NET/PO` of the postoffice its mail goes through; null otherwise. */
  via: string | null;
  /** Direct connections: the indirect postoffices routed through this one. */
  routes: string[];
  /** PC MTA instances whose Postoffices Serviced list holds this postoffice (for Indirect: those of its via). */
  servicedBy: string[];
  /** Messages waiting in the connector postoffice's queue for this postoffice. */
  queued: number;
}

export const connectionOf = (db: Db, server: ServerRow, po: PoRow) =>
  stmt(db, 'select id, kind from connector_connection where server_id = ? and po_id = ?').get(server.id, po.id) as { id: number; kind: ConnectionKind } | undefined;

/** Names of the PC MTA instances of `server` that service postoffice `poId`. */
export function mtasServicing(db: Db, serverId: number, poId: number): string[] {
  return (
    stmt(
      db,
      'select m.service_name as name from pc_mta m join pc_mta_postoffice s on s.mta_id = m.id where m.server_id = ? and s.po_id = ? order by m.service_name',
    ).all(serverId, poId) as { name: string }[]
  ).map((r) => r.name);
}

export const queuedFor = (db: Db, server: ServerRow, dest: string) =>
  (stmt(db, "select count(*) as n from message where holder_po_id = ? and place = 'OUTBOUND' and dest = ?").get(server.connectorPoId, dest) as { n: number }).n;

interface ConnectionRow {
  poId: number;
  network: string;
  name: string;
  kind: ConnectionKind;
  uncPath: string;
  connectAs: string;
  phoneNumber: string;
  x121Address: string;
  attempts: number;
  viaId: number | null;
  viaNetwork: string | null;
  viaName: string | null;
}

const connectionColumns = `p.id as poId, p.network, p.name, c.kind, c.unc_path as uncPath, c.connect_as as connectAs,
  c.phone_number as phoneNumber, c.x121_address as x121Address, c.connection_attempts as attempts,
  c.via_po_id as viaId, v.network as viaNetwork, v.name as viaName
  from connector_connection c join postoffice p on p.id = c.po_id left join postoffice v on v.id = c.via_po_id`;

function toDto(db: Db, server: ServerRow, r: ConnectionRow): ConnectionDto {
  const key = poKey(r);
  const direct = r.kind !== 'Indirect';
  return {
    server: server.name,
    postoffice: key,
    kind: r.kind,
    uncPath: r.uncPath,
    connectAs: r.connectAs,
    phoneNumber: r.phoneNumber,
    x121Address: r.x121Address,
    connectionAttempts: r.kind === 'Async' || r.kind === 'X.25' ? r.attempts : null,
    via: r.viaNetwork === null || r.viaName === null ? null : `${r.viaNetwork}/${r.viaName}`,
    routes: direct ? routedThrough(db, server.id, r.poId) : [],
    servicedBy: mtasServicing(db, server.id, direct ? r.poId : (r.viaId ?? r.poId)),
    queued: queuedFor(db, server, key),
  };
}

/** One connection of the server, by `NET/PO`. */
export function connectionDto(db: Db, server: ServerRow, key: string): ConnectionDto {
  const [network, name] = key.split('/');
  const row = stmt(db, `select ${connectionColumns} where c.server_id = ? and p.network = ? and p.name = ?`).get(server.id, network, name) as ConnectionRow | undefined;
  if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}`);
  return toDto(db, server, row);
}

/** The Connections list of a server's MS Mail Connector, by postoffice name. */
export function connections(db: Db, serverName: string): ConnectionDto[] {
  const server = resolveServer(db, serverName);
  const rows = stmt(db, `select ${connectionColumns} where c.server_id = ? order by p.network, p.name`).all(server.id) as ConnectionRow[];
  return rows.map((r) => toDto(db, server, r));
}
