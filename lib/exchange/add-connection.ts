import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/dirsync/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { ATTEMPTS_DEFAULT, checkAttempts, checkKind, checkPhone, checkVia, checkX121, INDIRECT_FIRST, refuseOtherKindsFields, routedThrough, typedPo, type ConnectionKind } from './connection-fields';
import { RESERVED_NETWORK_NAMES } from './local-postoffice';
import { resolveServer, serverOfConnector, type ServerRow } from './servers';

/**
 * The MS Mail Connector's Connections tab (exchange-admin-reference.md 2.5) and the Address Space
 * entry each connection brings with it (2.7).
 *
 * Connection Parameters: LAN, Async, X.25 or Indirect. A LAN connection names an MS Mail
 * postoffice by its path; the connector reads the network and postoffice names from the
 * postoffice itself, so here the postoffice is named and the path is the detail:
 * `\\<FILESERVER>\MAILDATA` unless given. Async and X.25 connections type the remote postoffice's
 * Network and Postoffice and how to reach it (Phone number, X.121 address, Connection attempts);
 * there are no modems in the model, so they carry mail as LAN does, through a PC MTA of their own
 * type. An Indirect connection types Network and Postoffice and names the directly connected
 * postoffice ("Indirect via") its mail is handed to.
 */

export interface ConnectionOptions {
  /** Connection Parameters; default LAN. Fixed once the connection is made. */
  kind?: ConnectionKind | string;
  /** LAN: Postoffice Path (UNC): `\\server\share[\path]`; default `\\<FILESERVER>\MAILDATA`. */
  uncPath?: string;
  /** LAN: Connect As, only when the postoffice is in a non-trusted domain. */
  connectAs?: string;
  /** Async: the number the modem dials. */
  phoneNumber?: string;
  /** X.25: the remote postoffice's X.121 address. */
  x121Address?: string;
  /** Async and X.25: 1–99, default 3. */
  connectionAttempts?: number | string;
  /** Indirect: `NET/PO` of a directly connected postoffice of this server. */
  via?: string;
}

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

export interface AddedConnection extends ConnectionDto {
  addressSpace: { type: 'MS'; address: string; cost: number };
}

export interface RemovedConnection {
  server: string;
  postoffice: string;
  /** Messages left in the connector's queue for the postoffice: they wait for a new connection. */
  queued: number;
}

/** `\\server\share` with optional `\path` parts; NetWare's `\\server\volume\path` has the same form. */
const UNC = /^\\\\[^\\/:*?"<>|\s][^\\/:*?"<>|]*(\\[^\\/:*?"<>|]+)+$/;

export const defaultUncPath = (po: Pick<PoRow, 'fileServer'>) => `\\\\${po.fileServer}\\MAILDATA`;

/** The MS Mail postoffice a LAN connection is to: it must exist and be an MS Mail postoffice. */
function connectablePo(db: Db, server: ServerRow, poSpec: string): PoRow {
  const po = resolvePo(db, poSpec);
  if (po.kind !== 'msmail') {
    const owner = serverOfConnector(db, po.id);
    const whose = owner?.id === server.id ? `${server.name}'s own MS Mail Connector` : `the MS Mail Connector of Exchange server ${owner?.name ?? '?'}`;
    throw usage(`${poKey(po)} is the connector postoffice of ${whose}, not an MS Mail postoffice: a connection goes to an MS Mail (PC) postoffice`, { code: 'connection.connector-postoffice', field: 'postoffice' });
  }
  return po;
}

export function checkUnc(path: string): string {
  const p = path.trim();
  if (!UNC.test(p)) throw usage(`Postoffice Path "${path}" is not a UNC path: write \\\\servername\\sharename[\\path], e.g. \\\\SERVER1\\MAILDATA`, { code: 'connection.unc-path-invalid', field: 'uncPath' });
  return p;
}

/** A LAN path no other connection of the server uses (two connections to one path: event 4188). */
export function checkPathFree(db: Db, server: ServerRow, uncPath: string, exceptId = 0): void {
  const other = stmt(
    db,
    `select p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id
     where c.server_id = ? and c.kind = 'LAN' and c.unc_path = ? collate nocase and c.id <> ?`,
  ).get(server.id, uncPath, exceptId) as { network: string; name: string } | undefined;
  if (other) throw conflict(`${uncPath} is already the path of ${server.name}'s connection to ${poKey(other)}: two connections to one postoffice path are not allowed (event 4188)`, { code: 'connection.unc-path-taken', field: 'uncPath' });
}

const connectionOf = (db: Db, server: ServerRow, po: PoRow) =>
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

const queuedFor = (db: Db, server: ServerRow, dest: string) =>
  (stmt(db, "select count(*) as n from message where holder_po_id = ? and place = 'OUTBOUND' and dest = ?").get(server.connectorPoId, dest) as { n: number }).n;

/** Connections tab ▸ Create…: a connection to an MS Mail postoffice of any kind, and its `MS` address space. */
export function addConnection(db: Db, serverName: string, poSpec: string, opts: ConnectionOptions = {}): AddedConnection {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const kind = opts.kind === undefined ? 'LAN' : checkKind(opts.kind);
    refuseOtherKindsFields(kind, opts);
    let po: PoRow;
    if (kind === 'LAN') {
      po = connectablePo(db, server, poSpec);
      if (RESERVED_NETWORK_NAMES.includes(po.network)) throw usage(`${po.network} is a reserved network name. Enter a different name.`, { code: 'network.reserved', field: 'network' });
    } else {
      // Typed names: the reserved check comes before the name rules (*EMS is not a valid name).
      const [network, postoffice = '', ...rest] = poSpec.split('/');
      if (rest.length) throw usage(`"${poSpec}" is not a postoffice name: write NET/PO`, { code: 'connection.postoffice-spec-invalid' });
      po = typedPo(db, server, network, postoffice, kind);
    }
    const key = poKey(po);
    const existing = connectionOf(db, server, po);
    if (existing) {
      throw conflict(`${server.name}'s MS Mail Connector already has a connection to ${key} (${existing.kind}): delete it first to connect it another way`, { code: 'connection.exists', field: 'postoffice' });
    }
    const row = { uncPath: '', connectAs: '', phoneNumber: '', x121Address: '', attempts: ATTEMPTS_DEFAULT, viaId: null as number | null };
    if (kind === 'LAN') {
      row.uncPath = opts.uncPath === undefined ? defaultUncPath(po) : checkUnc(opts.uncPath);
      row.connectAs = (opts.connectAs ?? '').trim();
      checkPathFree(db, server, row.uncPath);
    } else if (kind === 'Async') {
      row.phoneNumber = checkPhone(opts.phoneNumber, key);
      row.attempts = checkAttempts(opts.connectionAttempts);
    } else if (kind === 'X.25') {
      row.x121Address = checkX121(opts.x121Address, key);
      row.attempts = checkAttempts(opts.connectionAttempts);
    } else {
      row.viaId = checkVia(db, server, opts.via, key).id;
    }
    stmt(
      db,
      `insert into connector_connection (server_id, po_id, kind, unc_path, connect_as, phone_number, x121_address, connection_attempts, via_po_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(server.id, po.id, kind, row.uncPath, row.connectAs, row.phoneNumber, row.x121Address, row.attempts, row.viaId);
    // Address Space tab: the MS entry for the postoffice is added automatically (xog10023), for every kind.
    if (!stmt(db, "select 1 from address_space where server_id = ? and upper(type) = 'MS' and upper(address) = ?").get(server.id, key)) {
      stmt(db, "insert into address_space (server_id, type, address, cost) values (?, 'MS', ?, 1)").run(server.id, key);
    }
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { ...connectionDto(db, server, key), addressSpace: { type: 'MS', address: key, cost: 1 } };
  });
}

/**
 * Connections tab ▸ Delete: refused while indirect connections are routed through the postoffice
 * (the documented message) or a PC MTA services it; its `MS` address space goes too.
 */
export function removeConnection(db: Db, serverName: string, poSpec: string): RemovedConnection {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = resolvePo(db, poSpec);
    const key = poKey(po);
    const row = connectionOf(db, server, po);
    if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}: "dirsync exchange connection list ${server.name}" shows its connections`, { code: 'connection.not-found' });
    const routes = routedThrough(db, server.id, po.id);
    if (routes.length) {
      throw conflict(`${INDIRECT_FIRST} ${routes.join(', ')} ${routes.length === 1 ? 'is' : 'are'} routed through ${key}.`, { code: 'connection.routes-through' });
    }
    const mtas = mtasServicing(db, server.id, po.id);
    if (mtas.length) {
      const list = mtas.map((m) => `"${m}"`).join(', ');
      throw conflict(`${key} is serviced by the Connector (PC) MTA ${list} on ${server.name}: take it off the MTA's Postoffices Serviced first (dirsync exchange mta set ${server.name} ${`"${mtas[0]}"`} --services <the other postoffices>)`, { code: 'connection.serviced-by-mta' });
    }
    stmt(db, 'delete from connector_connection where id = ?').run(row.id);
    stmt(db, "delete from address_space where server_id = ? and upper(type) = 'MS' and upper(address) = ?").run(server.id, key);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { server: server.name, postoffice: key, queued: queuedFor(db, server, key) };
  });
}

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
  if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}`, { code: 'connection.not-found' });
  return toDto(db, server, row);
}

/** The Connections list of a server's MS Mail Connector, by postoffice name. */
export function connections(db: Db, serverName: string): ConnectionDto[] {
  const server = resolveServer(db, serverName);
  const rows = stmt(db, `select ${connectionColumns} where c.server_id = ? order by p.network, p.name`).all(server.id) as ConnectionRow[];
  return rows.map((r) => toDto(db, server, r));
}

/** Address Space tab entries of a server's MS Mail Connector. */
export function addressSpaces(db: Db, serverName: string): { type: string; address: string; cost: number }[] {
  const server = resolveServer(db, serverName);
  return stmt(db, 'select type, address, cost from address_space where server_id = ? order by type, address').all(server.id) as {
    type: string;
    address: string;
    cost: number;
  }[];
}
