import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/dirsync/errors';
import { step, stmt } from '@/lib/dirsync/statements';
import { findContainer, type ContainerRow } from './recipients';
import { resolveServer } from './servers';

/** File ▸ New Other ▸ Recipients Container, in the server's site. */
export function addContainer(db: Db, serverName: string, name: string): ContainerRow {
  const n = name.trim();
  if (!/^[^\t\r\n\\/]{1,64}$/.test(n)) throw usage(`container name "${name}" must be 1 to 64 characters without slashes or line breaks`, { code: 'container.name-invalid', field: 'container' });
  return step(db, () => {
    const server = resolveServer(db, serverName);
    if (findContainer(db, server, n)) throw conflict(`site ${server.site} already has a recipients container "${n}"`, { code: 'container.exists', field: 'container' });
    stmt(db, 'insert into recipient_container (site_id, name) values (?, ?)').run(server.siteId, n);
    return findContainer(db, server, n)!;
  });
}

export function listContainers(db: Db, serverName: string): (ContainerRow & { recipients: number })[] {
  const server = resolveServer(db, serverName);
  return stmt(
    db,
    `select c.id, c.name, (select count(*) from recipient r where r.container_id = c.id) as recipients
     from recipient_container c where c.site_id = ? order by c.name`,
  ).all(server.siteId) as (ContainerRow & { recipients: number })[];
}
