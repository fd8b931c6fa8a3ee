import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/core/errors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { step, stmt } from '@/lib/core/statements';
import { links } from './dirsync-links';
import { connectorPo, resolveServer } from '../servers/servers';

/**
 * Edit ▸ Delete on the Dirsync Server object. As in the old program, every Remote Dirsync
 * Requestor under it must be deleted first (KB Q180434). The connector postoffice stops being an
 * MS Mail dirsync server the way Dir-Sync Options ▸ No does it (SRVCONF, its records, MSTTRANS go).
 */
export function deleteDirsyncServer(db: Db, serverName: string): { name: string } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = stmt(db, 'select name from dirsync_server where server_id = ?').get(server.id) as { name: string } | undefined;
    if (!row) throw notFound(`${server.name} has no Dirsync Server object`);
    const remote = links(db, server, 'remote');
    if (remote.length) {
      throw conflict(`Before you delete the dirsync server object, you must delete any requestor objects under it: ${remote.map((l) => l.name).join(', ')}`);
    }
    const po = connectorPo(db, server);
    setDirsyncServer(db, `${po.network}/${po.name}`, false);
    stmt(db, 'delete from dirsync_server where server_id = ?').run(server.id);
    return { name: row.name };
  });
}
