import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { isElement, poKey } from '@/lib/dirsync/names';
import { findPo, type PoRow } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';
import { RESERVED_NETWORK_NAMES } from './local-postoffice';
import { serverOfConnector, type ServerRow } from '../servers/servers';

/**
 * The fields of the Create / Modify Connection dialog beyond LAN's path (docs/exchange.md,
 * "MS Mail Connector and the PC MTA"): Connection Parameters, the typed Network and Postoffice of an Async, X.25 or Indirect
 * connection, Phone number, X.121 address, Connection attempts and Indirect via. Each check names
 * the field as the dialog labels it, says why and what to do.
 */

export const CONNECTION_KINDS = ['LAN', 'Async', 'X.25', 'Indirect'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** Connection attempts: the reference has no range ([GAP]); the model takes 1–99, default 3. */
export const ATTEMPTS_MIN = 1;
export const ATTEMPTS_MAX = 99;
export const ATTEMPTS_DEFAULT = 3;

/** Which kinds have which field of the dialog, by the dialog's label. */
const KIND_FIELDS: [field: 'uncPath' | 'connectAs' | 'phoneNumber' | 'x121Address' | 'connectionAttempts' | 'via', label: string, kinds: ConnectionKind[]][] = [
  ['uncPath', 'Postoffice Path', ['LAN']],
  ['connectAs', 'Connect As', ['LAN']],
  ['phoneNumber', 'Phone number', ['Async']],
  ['x121Address', 'X.121 address', ['X.25']],
  ['connectionAttempts', 'Connection attempts', ['Async', 'X.25']],
  ['via', 'Indirect via', ['Indirect']],
];

const article = (kind: ConnectionKind) => (kind === 'Indirect' || kind === 'Async' ? 'an' : 'a');

/**
 * A field the connection's kind does not have is refused rather than silently dropped. `key`
 * names an existing connection (Modify…); without it the kind is the one being chosen (Create…).
 */
export function refuseOtherKindsFields(kind: ConnectionKind, input: Partial<Record<(typeof KIND_FIELDS)[number][0], unknown>>, key?: string): void {
  for (const [field, label, kinds] of KIND_FIELDS) {
    const v = input[field];
    if (v === undefined || kinds.includes(kind) || (!key && String(v).trim() === '')) continue;
    throw usage(
      key
        ? `${label} is a field of ${kinds.join(' and ')} connections; ${key} is ${article(kind)} ${kind} connection`
        : `${label} is a field of ${kinds.join(' and ')} connections, not of ${article(kind)} ${kind} one: leave it out or choose ${kinds.join(' or ')}`,
    );
  }
}

/** `LAN`, `async`, `x25`, `X.25`, `indirect` in any case → the kind. */
export function checkKind(text: string): ConnectionKind {
  const t = text.trim().toLowerCase().replace(/[.\s]/g, '');
  const kind = CONNECTION_KINDS.find((k) => k.toLowerCase().replace('.', '') === t);
  if (!kind) throw usage(`Connection Parameters "${text}" is not one of LAN, Async, X.25 or Indirect`);
  return kind;
}

/** Phone number (Async): what the modem dials — digits and the usual dialling characters, at least one digit. */
export function checkPhone(text: string | undefined, key: string): string {
  const p = (text ?? '').trim();
  if (p === '') throw usage(`Phone number is required for an Async connection: type the number the modem dials to reach ${key}, e.g. 1 (206) 555-0100`);
  if (p.length > 40 || !/^[0-9 ()+\-,.*#]+$/.test(p) || !/\d/.test(p)) {
    throw usage(`Phone number "${p}" is not a number a modem can dial: use up to 40 digits, spaces and + - ( ) , . * #, e.g. 1 (206) 555-0100`);
  }
  return p;
}

/** X.121 address (X.25): digits only, at most 15 (the length X.121 allows). */
export function checkX121(text: string | undefined, key: string): string {
  const x = (text ?? '').trim();
  if (x === '') throw usage(`X.121 address is required for an X.25 connection: type the X.121 address of ${key}, up to 15 digits, e.g. 31342123456`);
  if (!/^\d{1,15}$/.test(x)) throw usage(`X.121 address "${x}" must be digits only, 1 to 15 of them (no spaces or dashes), e.g. 31342123456`);
  return x;
}

/** Connection attempts (Async, X.25): a whole number 1–99. */
export function checkAttempts(value: number | string | undefined): number {
  if (value === undefined) return ATTEMPTS_DEFAULT;
  const text = String(value).trim();
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= ATTEMPTS_MIN && n <= ATTEMPTS_MAX)) {
    throw usage(`Connection attempts must be a whole number from ${ATTEMPTS_MIN} to ${ATTEMPTS_MAX}; got "${text}" (the default is ${ATTEMPTS_DEFAULT})`);
  }
  return n;
}

/**
 * The remote postoffice of an Async, X.25 or Indirect connection, typed as Network and Postoffice:
 * not a reserved network name (KB Q175978's message), MS Mail name rules, and it must exist in the
 * modelled network as an MS Mail postoffice (the model carries mail only to postoffices it has).
 */
export function typedPo(db: Db, server: ServerRow, network: string, postoffice: string, kind: ConnectionKind): PoRow {
  const net = network.trim().toUpperCase();
  const name = postoffice.trim().toUpperCase();
  if (net === '') throw usage(`Network is required for an ${kind} connection: type the network name of the remote MS Mail postoffice`);
  if (RESERVED_NETWORK_NAMES.includes(net)) throw usage(`${net} is a reserved network name. Enter a different name.`);
  if (!isElement(net)) throw usage(`Network "${network.trim()}" is not an MS Mail network name: use 1 to 10 letters or digits`);
  if (name === '') throw usage(`Postoffice is required for an ${kind} connection: type the name of the remote MS Mail postoffice on network ${net}`);
  if (!isElement(name)) throw usage(`Postoffice "${postoffice.trim()}" is not an MS Mail postoffice name: use 1 to 10 letters or digits`);
  const key = `${net}/${name}`;
  const po = findPo(db, { network: net, name });
  if (!po) {
    throw notFound(
      `Postoffice ${key} is not in the network: an ${kind} connection goes to an existing MS Mail postoffice — check the Network and Postoffice names, or create it first (dirsync po create ${key})`,
    );
  }
  if (po.kind !== 'msmail') {
    const owner = serverOfConnector(db, po.id);
    const whose = owner?.id === server.id ? `${server.name}'s own MS Mail Connector` : `the MS Mail Connector of Exchange server ${owner?.name ?? '?'}`;
    throw usage(`Postoffice ${key} is the connector postoffice of ${whose}, not an MS Mail postoffice: a connection goes to an MS Mail (PC) postoffice`);
  }
  return po;
}

/** Indirect via: a postoffice this server connects to directly (LAN, Async or X.25), other than `key`. */
export function checkVia(db: Db, server: ServerRow, via: string | undefined, key: string): PoRow & { viaKind: ConnectionKind } {
  const text = (via ?? '').trim().toUpperCase();
  if (text === '') throw usage(`Indirect via is required: choose the directly connected postoffice that mail for ${key} goes through`);
  const [net, name, extra] = text.split('/');
  const row =
    extra === undefined && name !== undefined
      ? (stmt(
          db,
          `select p.id, c.kind as viaKind from connector_connection c join postoffice p on p.id = c.po_id
           where c.server_id = ? and p.network = ? and p.name = ?`,
        ).get(server.id, net, name) as { id: number; viaKind: ConnectionKind } | undefined)
      : undefined;
  if (!row) {
    throw usage(
      `Indirect via: ${server.name}'s MS Mail Connector has no connection to ${text}: choose a postoffice it connects to directly (LAN, Async or X.25), or create that connection first`,
    );
  }
  if (text === key) throw usage(`Indirect via: ${key} cannot be reached through itself: choose another directly connected postoffice`);
  if (row.viaKind === 'Indirect') {
    throw usage(`Indirect via: ${text} is itself an indirect connection: choose a postoffice the connector reaches directly (LAN, Async or X.25)`);
  }
  const po = findPo(db, { network: net, name })!;
  return { ...po, viaKind: row.viaKind };
}

/** The indirect connections of `server` routed through postoffice `poId`, as `NET/PO`. */
export function routedThrough(db: Db, serverId: number, poId: number): string[] {
  return (
    stmt(
      db,
      `select p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id
       where c.server_id = ? and c.kind = 'Indirect' and c.via_po_id = ? order by p.network, p.name`,
    ).all(serverId, poId) as { network: string; name: string }[]
  ).map(poKey);
}

/** The documented refusal (xog10008) when a direct connection still has indirect ones through it. */
export const INDIRECT_FIRST = 'You must delete any indirect postoffice connections routed through a direct postoffice before deleting that direct postoffice.';

/** `\\server\share` with optional `\path` parts; NetWare's `\\server\volume\path` has the same form. */
const UNC = /^\\\\[^\\/:*?"<>|\s][^\\/:*?"<>|]*(\\[^\\/:*?"<>|]+)+$/;

export const defaultUncPath = (po: Pick<PoRow, 'fileServer'>) => `\\\\${po.fileServer}\\MAILDATA`;

export function checkUnc(path: string): string {
  const p = path.trim();
  if (!UNC.test(p)) throw usage(`Postoffice Path "${path}" is not a UNC path: write \\\\servername\\sharename[\\path], e.g. \\\\SERVER1\\MAILDATA`);
  return p;
}

/** A LAN path no other connection of the server uses (two connections to one path: event 4188). */
export function checkPathFree(db: Db, server: ServerRow, uncPath: string, exceptId = 0): void {
  const other = stmt(
    db,
    `select p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id
     where c.server_id = ? and c.kind = 'LAN' and c.unc_path = ? collate nocase and c.id <> ?`,
  ).get(server.id, uncPath, exceptId) as { network: string; name: string } | undefined;
  if (other) throw conflict(`${uncPath} is already the path of ${server.name}'s connection to ${poKey(other)}: two connections to one postoffice path are not allowed (event 4188)`);
}
