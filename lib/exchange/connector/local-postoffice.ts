import { DirsyncError } from '@/lib/core/errors';
import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import { connectorPo, resolveServer, type ServerRow } from '../servers/servers';

/** Network names the connector refuses (KB Q175978). */
export const RESERVED_NETWORK_NAMES = [
  'ATTMAIL', 'COMPUSERVE', 'DISOSS', 'EASYLINK', 'ENVOY', 'FAX', 'GTE', 'MCI', 'MHS', 'MSMAIL', 'OV', 'PROFS', 'SMTP',
  'SNADS', 'SOURCE', 'VMGATE', 'X400', '*EMS',
];

/** Setup's proxy name from an organization or site name: its letters and digits, cut to 10 (KB Q198898). */
export function proxyName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').slice(0, 10).toUpperCase();
}

/** Local Postoffice tab: Network name and PostOffice name, ≤ 10 standard MS Mail characters each. */
export function checkLocalPostoffice(network: string, postoffice: string): { network: string; name: string } {
  const net = network.trim().toUpperCase();
  const po = postoffice.trim().toUpperCase();
  if (RESERVED_NETWORK_NAMES.includes(net)) throw new DirsyncError('usage', `${net} is a reserved network name. Enter a different name.`);
  for (const [label, value, number] of [['Network name', net, 69], ['PostOffice name', po, 70]] as const) {
    if (!/^[A-Z0-9]{1,10}$/.test(value)) {
      throw new DirsyncError('usage', `${label} "${value}" must be 1 to 10 letters or digits (the standard MS Mail characters)`, number);
    }
  }
  return { network: net, name: po };
}

export interface LocalPostofficeDto {
  server: string;
  network: string;
  postoffice: string;
  /** Why the names cannot be changed now; null when they can. */
  lockedBecause: string | null;
  revision: number;
}

/** The first reason the connector postoffice's names are fixed now, or null. */
export function renameRefusal(db: Db, server: ServerRow): string | null {
  const po = connectorPo(db, server);
  const key = poKey(po);
  const objects = (stmt(db, 'select (select count(*) from dirsync_server where server_id = ?) + (select count(*) from dirsync_link where server_id = ?) as n').get(server.id, server.id) as {
    n: number;
  }).n;
  if (objects > 0) {
    return `${server.name} has directory synchronization objects (Dirsync Server, Remote Dirsync Requestors or the Dirsync Requestor) that address the connector postoffice as ${key}: delete them before changing the Local Postoffice names`;
  }
  const dss = stmt(db, 'select p.network, p.name from srv_requestor r join postoffice p on p.id = r.dss_po_id where r.requestor = ? limit 1').get(key) as
    | { network: string; name: string }
    | undefined;
  if (dss) return `the MS Mail dirsync server ${poKey(dss)} lists ${key} as a requestor: remove it there before changing the Local Postoffice names`;
  const registered = stmt(db, 'select p.network, p.name from reqconf r join postoffice p on p.id = r.po_id where r.dss = ? and p.id <> ? limit 1').get(key, po.id) as
    | { network: string; name: string }
    | undefined;
  if (registered) return `the MS Mail postoffice ${poKey(registered)} is registered with ${key} as its dirsync server: change the Local Postoffice names only before dirsync is set up`;
  if (stmt(db, 'select 1 from recipient where site_id = ? and sent_address is not null limit 1').get(server.siteId)) {
    return `recipients of site ${server.site} were exported to the dirsync server with addresses on ${key}: change the Local Postoffice names only before dirsync is set up`;
  }
  const held = (stmt(db, 'select count(*) as n from message where holder_po_id = ? or dest = ?').get(po.id, key) as { n: number }).n;
  if (held > 0) return `${held} dirsync message${held === 1 ? ' is' : 's are'} held by or on the way to ${key}: let them be delivered (or delete them in the Queue viewer) first`;
  return null;
}

export function localPostoffice(db: Db, serverName: string): LocalPostofficeDto {
  const server = resolveServer(db, serverName);
  const po = connectorPo(db, server);
  const { revision } = stmt(db, 'select revision from ms_mail_connector where server_id = ?').get(server.id) as { revision: number };
  return { server: server.name, network: po.network, postoffice: po.name, lockedBecause: renameRefusal(db, server), revision };
}
