import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { type ContainerRow } from './recipients';
import { resolveServer } from '../servers/servers';

export function listContainers(db: Db, serverName: string): (ContainerRow & { recipients: number })[] {
  const server = resolveServer(db, serverName);
  return stmt(
    db,
    `select c.id, c.name, (select count(*) from recipient r where r.container_id = c.id) as recipients
     from recipient_container c where c.site_id = ? order by c.name`,
  ).all(server.siteId) as (ContainerRow & { recipients: number })[];
}
