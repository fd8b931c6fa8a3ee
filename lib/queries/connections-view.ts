import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { links } from '@/lib/exchange/dxa/dirsync-links';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { routes } from '@/lib/console/routes';

export type ConnectionObjectType = 'MS Mail Connector' | 'Dirsync Server' | 'Remote Dirsync Requestor' | 'Dirsync Requestor';

export interface ConnectionObject {
  displayName: string;
  type: ConnectionObjectType;
  /** The object's property sheet. */
  href: string;
  /** A Remote Dirsync Requestor's postoffice (NET/PO): what Edit ▸ Delete names. */
  postoffice?: string;
}

export interface ConnectionsView {
  server: string;
  site: string;
  objects: ConnectionObject[];
}

/** Site ▸ Configuration ▸ Connections for one server: its MS Mail Connector and dirsync objects. */
export function getConnectionsView(db: Db, serverName: string): ConnectionsView {
  const server = resolveServer(db, serverName);
  const connector = stmt(db, 'select display_name as name from ms_mail_connector where server_id = ?').get(server.id) as { name: string } | undefined;
  const dss = stmt(db, 'select name from dirsync_server where server_id = ?').get(server.id) as { name: string } | undefined;
  const objects: ConnectionObject[] = [];
  if (connector) objects.push({ displayName: `${connector.name} (${server.name})`, type: 'MS Mail Connector', href: routes.connector(server.name) });
  if (dss) objects.push({ displayName: dss.name, type: 'Dirsync Server', href: routes.dirsyncServer(server.name) });
  for (const l of links(db, server, 'remote')) {
    objects.push({ displayName: l.name, type: 'Remote Dirsync Requestor', href: routes.remoteRequestor(server.name, l.po), postoffice: l.po });
  }
  for (const l of links(db, server, 'requestor')) objects.push({ displayName: l.name, type: 'Dirsync Requestor', href: routes.requestor(server.name) });
  return { server: server.name, site: server.site, objects };
}
