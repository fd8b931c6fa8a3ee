import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { findContainer, type ContainerRow } from './recipients';
import { resolveServer } from '../servers/servers';

/** File ▸ New Other ▸ Recipients Container, in the server's site. */
export function addContainer(db: Db, serverName: string, name: string): ContainerRow {
  const n = name.trim();
  if (!/^[^\t\r\n\\/]{1,64}$/.test(n)) throw usage(`container name "${name}" must be 1 to 64 characters without slashes or line breaks`);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    if (findContainer(db, server, n)) throw conflict(`site ${server.site} already has a recipients container "${n}"`);
    stmt(db, 'insert into recipient_container (site_id, name) values (?, ?)').run(server.siteId, n);
    return findContainer(db, server, n)!;
  });
}
