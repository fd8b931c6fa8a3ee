import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/dirsync/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { RESERVED_NETWORK_NAMES } from './local-postoffice';
import { resolveServer, serverOfConnector, type ServerRow } from './servers';

/**
 * The MS Mail Connector's Connections tab (exchange-admin-reference.md 2.5) and the Address Space
 * entry each LAN connection brings with it (2.7).
 *
 * A LAN connection names an MS Mail postoffice by its path; the connector reads the network and
 * postoffice names from the postoffice itself, so here the postoffice is named and the path is
 * the detail: `\\<FILESERVER>\MAILDATA` unless given.
 */

export interface ConnectionOptions {
  /** Postoffice Path (UNC): `\\server\share[\path]`; default `\\<FILESERVER>\MAILDATA`. */
  uncPath?: string;
  /** Connect As: only when the postoffice is in a non-trusted domain. */
  connectAs?: string;
}

export interface ConnectionDto {
  server: string;
  /** `NET/PO` of the MS Mail postoffice. */
  postoffice: string;
  uncPath: string;
  connectAs: string;
  /** PC MTA instances whose Postoffices Serviced list holds this postoffice. */
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

/** The MS Mail postoffice a connection is to: it must exist and be an MS Mail postoffice. */
function connectablePo(db: Db, server: ServerRow, poSpec: string): PoRow {
  const po = resolvePo(db, poSpec);
  if (po.kind !== 'msmail') {
    const owner = serverOfConnector(db, po.id);
    const whose = owner?.id === server.id ? `${server.name}'s own MS Mail Connector` : `the MS Mail Connector of Exchange server ${owner?.name ?? '?'}`;
    throw usage(`${poKey(po)} is the connector postoffice of ${whose}, not an MS Mail postoffice: a connection goes to an MS Mail (PC) postoffice`);
  }
  return po;
}

export function checkUnc(path: string): string {
  const p = path.trim();
  if (!UNC.test(p)) throw usage(`Postoffice Path "${path}" is not a UNC path: write \\\\servername\\sharename[\\path], e.g. \\\\SERVER1\\MAILDATA`);
  return p;
}

const connectionOf = (db: Db, server: ServerRow, po: PoRow) =>
  stmt(db, 'select id, unc_path as uncPath, connect_as as connectAs from connector_connection where server_id = ? and po_id = ?').get(server.id, po.id) as
    | { id: number; uncPath: string; connectAs: string }
    | undefined;

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

/** Connections tab ▸ Create… ▸ LAN: a connection to an MS Mail postoffice, and its `MS` address space. */
export function addConnection(db: Db, serverName: string, poSpec: string, opts: ConnectionOptions = {}): AddedConnection {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = connectablePo(db, server, poSpec);
    const key = poKey(po);
    if (RESERVED_NETWORK_NAMES.includes(po.network)) throw usage(`${po.network} is a reserved network name. Enter a different name.`);
    const uncPath = opts.uncPath === undefined ? defaultUncPath(po) : checkUnc(opts.uncPath);
    const connectAs = (opts.connectAs ?? '').trim();
    if (connectionOf(db, server, po)) {
      throw conflict(`${server.name}'s MS Mail Connector already has a connection to ${key}: remove it first to connect it another way`);
    }
    const samePath = stmt(
      db,
      `select p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id
       where c.server_id = ? and c.unc_path = ? collate nocase`,
    ).get(server.id, uncPath) as { network: string; name: string } | undefined;
    if (samePath) {
      throw conflict(`${uncPath} is already the path of ${server.name}'s connection to ${poKey(samePath)}: two connections to one postoffice path are not allowed (event 4188)`);
    }
    stmt(db, 'insert into connector_connection (server_id, po_id, unc_path, connect_as) values (?, ?, ?, ?)').run(server.id, po.id, uncPath, connectAs);
    // Address Space tab: the MS entry for the postoffice is added automatically (xog10023).
    if (!stmt(db, "select 1 from address_space where server_id = ? and upper(type) = 'MS' and upper(address) = ?").get(server.id, key)) {
      stmt(db, "insert into address_space (server_id, type, address, cost) values (?, 'MS', ?, 1)").run(server.id, key);
    }
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { server: server.name, postoffice: key, uncPath, connectAs, servicedBy: [], queued: queuedFor(db, server, key), addressSpace: { type: 'MS', address: key, cost: 1 } };
  });
}

/** Connections tab ▸ Delete: refused while a PC MTA services the postoffice; its `MS` address space goes too. */
export function removeConnection(db: Db, serverName: string, poSpec: string): RemovedConnection {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = resolvePo(db, poSpec);
    const key = poKey(po);
    const row = connectionOf(db, server, po);
    if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}: "dirsync exchange connection list ${server.name}" shows its connections`);
    const mtas = mtasServicing(db, server.id, po.id);
    if (mtas.length) {
      const list = mtas.map((m) => `"${m}"`).join(', ');
      throw conflict(
        `${key} is serviced by the Connector (PC) MTA ${list} on ${server.name}: take it off the MTA's Postoffices Serviced first (dirsync exchange mta set ${server.name} ${`"${mtas[0]}"`} --services <the other postoffices>)`,
      );
    }
    stmt(db, 'delete from connector_connection where id = ?').run(row.id);
    stmt(db, "delete from address_space where server_id = ? and upper(type) = 'MS' and upper(address) = ?").run(server.id, key);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { server: server.name, postoffice: key, queued: queuedFor(db, server, key) };
  });
}

/** The Connections list of a server's MS Mail Connector, by postoffice name. */
export function connections(db: Db, serverName: string): ConnectionDto[] {
  const server = resolveServer(db, serverName);
  const rows = stmt(
    db,
    `select p.id as poId, p.network, p.name, c.unc_path as uncPath, c.connect_as as connectAs
     from connector_connection c join postoffice p on p.id = c.po_id where c.server_id = ? order by p.network, p.name`,
  ).all(server.id) as { poId: number; network: string; name: string; uncPath: string; connectAs: string }[];
  return rows.map((r) => {
    const key = poKey(r);
    return { server: server.name, postoffice: key, uncPath: r.uncPath, connectAs: r.connectAs, servicedBy: mtasServicing(db, server.id, r.poId), queued: queuedFor(db, server, key) };
  });
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
