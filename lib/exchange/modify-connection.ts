import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/dirsync/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { checkUnc, connections, type ConnectionDto } from './add-connection';
import { resolveServer } from './servers';

/**
 * Connections tab ▸ Modify…: the Postoffice Path and Connect As of a LAN connection. The
 * postoffice itself is fixed (the connector read its names from it): to connect another one,
 * Create… a new connection. The path rules are Create's: a UNC path no other connection of the
 * server uses.
 */
export function modifyConnection(db: Db, serverName: string, poSpec: string, input: { uncPath: string; connectAs?: string }): ConnectionDto {
  const uncPath = checkUnc(input.uncPath);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = resolvePo(db, poSpec);
    const key = poKey(po);
    const row = stmt(db, 'select id from connector_connection where server_id = ? and po_id = ?').get(server.id, po.id) as { id: number } | undefined;
    if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}`);
    const other = stmt(
      db,
      `select p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id
       where c.server_id = ? and c.unc_path = ? collate nocase and c.id <> ?`,
    ).get(server.id, uncPath, row.id) as { network: string; name: string } | undefined;
    if (other) throw conflict(`${uncPath} is already the path of ${server.name}'s connection to ${poKey(other)}: two connections to one postoffice path are not allowed (event 4188)`);
    stmt(db, 'update connector_connection set unc_path = ?, connect_as = ? where id = ?').run(uncPath, (input.connectAs ?? '').trim(), row.id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return connections(db, server.name).find((c) => c.postoffice === key)!;
  });
}
