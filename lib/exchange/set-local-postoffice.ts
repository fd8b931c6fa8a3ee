import type { Db } from '@/db/client';
import { conflict } from '@/lib/dirsync/errors';
import { poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { checkLocalPostoffice } from './local-postoffice';
import { connectorPo, resolveServer, type ServerRow } from './servers';

/**
 * The MS Mail Connector's Local Postoffice tab (exchange-admin-reference.md 2.4, KB Q198898):
 * Network name and PostOffice name of the connector postoffice, ≤ 10 standard MS Mail characters
 * each, no reserved network name (KB Q175978).
 *
 * Renaming a postoffice invalidates every address others hold for it (KB Q114246). The model
 * keeps it simple: a rename is refused, with the reason, once dirsync knows the old name —
 * while the server has a Dirsync Server or Dirsync Requestor object, while an MS Mail dirsync
 * server lists the connector postoffice as a requestor or an MS Mail requestor is registered with
 * it, while a recipient has been exported under the old address, or while dirsync messages are
 * held by, or on their way to, the connector postoffice.
 */

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

/** Local Postoffice tab ▸ Apply: rename the connector postoffice (one step). Unchanged names save nothing but the revision. */
export function setLocalPostoffice(db: Db, serverName: string, input: { network: string; postoffice: string; revision?: number }): LocalPostofficeDto {
  const names = checkLocalPostoffice(input.network, input.postoffice);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const { revision } = stmt(db, 'select revision from ms_mail_connector where server_id = ?').get(server.id) as { revision: number };
    if (input.revision !== undefined && input.revision !== revision) {
      throw conflict(`The MS Mail Connector (${server.name}) was changed by someone else since you opened it: close it and open it again`, { code: 'revision.changed' });
    }
    const po = connectorPo(db, server);
    if (po.network !== names.network || po.name !== names.name) {
      const why = renameRefusal(db, server);
      if (why) throw conflict(`The Local Postoffice names cannot be changed: ${why}`, { code: 'local-postoffice.fixed' });
      const other = findPo(db, names);
      if (other && other.id !== po.id) throw conflict(`a postoffice ${poKey(names)} already exists: choose other Local Postoffice names`, { code: 'local-postoffice.exists' });
      stmt(db, 'update postoffice set network = ?, name = ? where id = ?').run(names.network, names.name, po.id);
    }
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return localPostoffice(db, server.name);
  });
}
