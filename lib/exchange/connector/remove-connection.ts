import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/core/statements';
import { INDIRECT_FIRST, routedThrough } from './connection-fields';
import { resolveServer } from '../servers/servers';
import { connectionOf, mtasServicing, queuedFor } from './connections';

export interface RemovedConnection {
  server: string;
  postoffice: string;
  /** Messages left in the connector's queue for the postoffice: they wait for a new connection. */
  queued: number;
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
    if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}: "dirsync exchange connection list ${server.name}" shows its connections`);
    const routes = routedThrough(db, server.id, po.id);
    if (routes.length) {
      throw conflict(`${INDIRECT_FIRST} ${routes.join(', ')} ${routes.length === 1 ? 'is' : 'are'} routed through ${key}.`);
    }
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
