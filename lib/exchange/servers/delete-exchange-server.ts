import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/core/statements';
import { connectorPo, resolveServer } from './servers';

/**
 * Edit ▸ Delete on an Exchange server: the server, its MS Mail Connector with the connector
 * postoffice (connections, Address Space, PC MTAs, queued mail), its services, registry, Dxadata
 * files and Application log. When it was the last server of its site, the site goes too, with its
 * recipients containers (the old program removes a site with its last server).
 *
 * Refused while dirsync still knows the connector postoffice, as the Administrator refuses to
 * remove a server that other objects depend on: its Dirsync Server, Remote Dirsync Requestors or
 * Dirsync Requestor objects, an MS Mail dirsync server that lists it as a requestor, an MS Mail
 * postoffice registered with it as its dirsync server.
 */
export function deleteExchangeServer(db: Db, serverName: string): { name: string; site: string; siteRemoved: boolean } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = connectorPo(db, server);
    const key = poKey(po);
    if (stmt(db, 'select 1 from dirsync_server where server_id = ?').get(server.id)) {
      throw conflict(`${server.name} has a Dirsync Server object: delete its Remote Dirsync Requestors and then the Dirsync Server before deleting the server`);
    }
    const link = stmt(db, 'select kind, name from dirsync_link where server_id = ? order by kind limit 1').get(server.id) as { kind: string; name: string } | undefined;
    if (link) {
      throw conflict(`${server.name} has the ${link.kind === 'remote' ? 'Remote Dirsync Requestor' : 'Dirsync Requestor'} object "${link.name}": delete it before deleting the server`);
    }
    const dss = stmt(db, 'select p.network, p.name from srv_requestor r join postoffice p on p.id = r.dss_po_id where r.requestor = ? and p.id <> ? limit 1').get(key, po.id) as
      | { network: string; name: string }
      | undefined;
    if (dss) throw conflict(`the MS Mail dirsync server ${poKey(dss)} lists ${key} as a requestor: remove it there (Server ▸ Requestors) before deleting ${server.name}`);
    const registered = stmt(db, 'select p.network, p.name from reqconf r join postoffice p on p.id = r.po_id where r.dss = ? and p.id <> ? limit 1').get(key, po.id) as
      | { network: string; name: string }
      | undefined;
    if (registered) throw conflict(`the MS Mail postoffice ${poKey(registered)} is registered with ${key} as its dirsync server: register it elsewhere before deleting ${server.name}`);

    // Other servers' connections to this connector postoffice go by cascade; their Address Space entries do not.
    stmt(db, "delete from address_space where type = 'MS' and address = ?").run(key);
    stmt(db, 'delete from exchange_server where id = ?').run(server.id);
    stmt(db, 'delete from stored_file where place = ? or place = ?').run(key, `${server.name}:Dxadata`);
    stmt(db, 'delete from postoffice where id = ?').run(po.id);
    stmt(db, 'delete from event where computer = ?').run(server.name);
    stmt(db, 'delete from event_log_settings where computer = ?').run(server.name);
    const left = stmt(db, 'select 1 from exchange_server where site_id = ?').get(server.siteId);
    if (!left) stmt(db, 'delete from exchange_site where id = ?').run(server.siteId);
    return { name: server.name, site: server.site, siteRemoved: !left };
  });
}
