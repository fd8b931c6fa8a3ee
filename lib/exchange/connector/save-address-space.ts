import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';

/**
 * The MS Mail Connector's Address Space tab (xog10023; docs/exchange.md, "MS Mail Connector and the PC MTA"): entries of Type,
 * Address and Cost (1–100, default 1). Each LAN connection brings its `MS NET/PO` entry
 * (add-connection.ts); that entry goes with the connection, so it cannot be removed here. A save
 * names the connector's revision and is refused over a newer one; nothing is saved on a bad value.
 */

export interface AddressSpaceEntry {
  id: number;
  type: string;
  address: string;
  cost: number;
  /** The `MS` entry of a connection: removed with the connection only. */
  ofConnection: boolean;
}

export interface AddressSpaceInput {
  /** New costs by entry id. */
  costs?: Record<number, number | string>;
  /** Entry ids to remove. */
  remove?: number[];
  /** A new entry. */
  add?: { type: string; address: string; cost?: number | string };
  revision?: number;
}

export const COST_MIN = 1;
export const COST_MAX = 100;

export function checkCost(value: number | string): number {
  const text = String(value).trim();
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < COST_MIN || n > COST_MAX) throw usage(`Cost must be a whole number from ${COST_MIN} to ${COST_MAX}; got "${text}"`);
  return n;
}

function checkType(text: string): string {
  const t = text.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,8}$/.test(t)) throw usage(`Type "${text.trim()}" must be 1 to 8 letters or digits, e.g. MS, SMTP, X400`);
  return t;
}

function checkAddress(type: string, text: string): string {
  const a = text.trim();
  if (!a || a.length > 256 || /[\r\n\t]/.test(a)) throw usage('Address must be 1 to 256 characters on one line');
  if (type === 'MS' && !/^[A-Za-z0-9*]{1,10}\/[A-Za-z0-9*]{1,10}$/.test(a)) throw usage(`Address "${a}" of type MS must be NETWORK/POSTOFFICE (letters, digits or *)`);
  return type === 'MS' ? a.toUpperCase() : a;
}

/** The Address Space entries of a server's connector, with which belong to a connection. */
export function addressSpaceEntries(db: Db, serverName: string): AddressSpaceEntry[] {
  const server = resolveServer(db, serverName);
  return (
    stmt(
      db,
      `select a.id, a.type, a.address, a.cost,
        exists(select 1 from connector_connection c join postoffice p on p.id = c.po_id
               where c.server_id = a.server_id and upper(a.type) = 'MS' and upper(a.address) = p.network || '/' || p.name) as ofConnection
       from address_space a where a.server_id = ? order by a.type, a.address`,
    ).all(server.id) as (Omit<AddressSpaceEntry, 'ofConnection'> & { ofConnection: number })[]
  ).map((e) => ({ ...e, ofConnection: !!e.ofConnection }));
}

/** Address Space tab ▸ Apply: new costs, removals and one new entry, in one step. */
export function saveAddressSpace(db: Db, serverName: string, input: AddressSpaceInput): AddressSpaceEntry[] {
  const costs = Object.entries(input.costs ?? {}).map(([id, cost]) => [Number(id), checkCost(cost)] as const);
  const add = input.add ? (() => {
    const type = checkType(input.add.type);
    return { type, address: checkAddress(type, input.add.address), cost: checkCost(input.add.cost ?? 1) };
  })() : undefined;
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const { revision } = stmt(db, 'select revision from ms_mail_connector where server_id = ?').get(server.id) as { revision: number };
    if (input.revision !== undefined && input.revision !== revision) {
      throw conflict(`The MS Mail Connector (${server.name}) was changed by someone else since you opened it: close it and open it again`);
    }
    const entries = new Map(addressSpaceEntries(db, server.name).map((e) => [e.id, e]));
    for (const [id, cost] of costs) {
      if (!entries.has(id)) throw notFound(`address space entry ${id} no longer exists: close the sheet and open it again`);
      stmt(db, 'update address_space set cost = ? where id = ?').run(cost, id);
    }
    for (const id of input.remove ?? []) {
      const e = entries.get(id);
      if (!e) throw notFound(`address space entry ${id} no longer exists: close the sheet and open it again`);
      if (e.ofConnection) throw conflict(`${e.type} ${e.address} belongs to the connection to ${e.address}: it goes when the connection is deleted on the Connections tab`);
      stmt(db, 'delete from address_space where id = ?').run(id);
    }
    if (add) {
      const dup = stmt(db, 'select 1 from address_space where server_id = ? and upper(type) = ? and address = ? collate nocase').get(server.id, add.type, add.address);
      if (dup) throw conflict(`the address space ${add.type} ${add.address} already exists`);
      stmt(db, 'insert into address_space (server_id, type, address, cost) values (?, ?, ?, ?)').run(server.id, add.type, add.address, add.cost);
    }
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return addressSpaceEntries(db, server.name);
  });
}
