import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/core/statements';
import {
  ATTEMPTS_DEFAULT,
  checkAttempts,
  checkKind,
  checkPathFree,
  checkPhone,
  checkUnc,
  checkVia,
  checkX121,
  defaultUncPath,
  refuseOtherKindsFields,
  typedPo,
  type ConnectionKind,
} from './connection-fields';
import { RESERVED_NETWORK_NAMES } from './local-postoffice';
import { resolveServer, serverOfConnector, type ServerRow } from '../servers/servers';
import { connectionDto, connectionOf, type ConnectionDto } from './connections';

/**
 * The MS Mail Connector's Connections tab (docs/exchange.md, "MS Mail Connector and the PC MTA") and the Address Space
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

export interface AddedConnection extends ConnectionDto {
  addressSpace: { type: 'MS'; address: string; cost: number };
}

/** The MS Mail postoffice a LAN connection is to: it must exist and be an MS Mail postoffice. */
function connectablePo(db: Db, server: ServerRow, poSpec: string): PoRow {
  const po = resolvePo(db, poSpec);
  if (po.kind !== 'msmail') {
    const owner = serverOfConnector(db, po.id);
    const whose = owner?.id === server.id ? `${server.name}'s own MS Mail Connector` : `the MS Mail Connector of Exchange server ${owner?.name ?? '?'}`;
    throw usage(`${poKey(po)} is the connector postoffice of ${whose}, not an MS Mail postoffice: a connection goes to an MS Mail (PC) postoffice`);
  }
  return po;
}

/** Connections tab ▸ Create…: a connection to an MS Mail postoffice of any kind, and its `MS` address space. */
export function addConnection(db: Db, serverName: string, poSpec: string, opts: ConnectionOptions = {}): AddedConnection {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const kind = opts.kind === undefined ? 'LAN' : checkKind(opts.kind);
    refuseOtherKindsFields(kind, opts);
    let po: PoRow;
    if (kind === 'LAN') {
      po = connectablePo(db, server, poSpec);
      if (RESERVED_NETWORK_NAMES.includes(po.network)) throw usage(`${po.network} is a reserved network name. Enter a different name.`);
    } else {
      // Typed names: the reserved check comes before the name rules (*EMS is not a valid name).
      const [network, postoffice = '', ...rest] = poSpec.split('/');
      if (rest.length) throw usage(`"${poSpec}" is not a postoffice name: write NET/PO`);
      po = typedPo(db, server, network, postoffice, kind);
    }
    const key = poKey(po);
    const existing = connectionOf(db, server, po);
    if (existing) {
      throw conflict(`${server.name}'s MS Mail Connector already has a connection to ${key} (${existing.kind}): delete it first to connect it another way`);
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
