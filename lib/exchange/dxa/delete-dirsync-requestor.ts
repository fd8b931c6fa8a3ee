import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { deleteLink, requestorLink } from './dirsync-links';
import { connectorPo, resolveServer } from '../servers/servers';

/**
 * Edit ▸ Delete on the Dirsync Requestor object: the server stops being a requestor. Its hidden
 * `NET/PO/$SYSTEM` recipient and its containers go; the custom recipients it imported stay (as a
 * Remote Dirsync Requestor's do). The dirsync server's record of this requestor is the MS Mail
 * administrator's to remove (Requestors ▸ Delete on the DSS).
 */
export function deleteDirsyncRequestor(db: Db, serverName: string): { name: string } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const link = requestorLink(db, server);
    if (!link) throw notFound(`${server.name} has no Dirsync Requestor object`);
    const po = connectorPo(db, server);
    deleteLink(db, server, link);
    stmt(db, 'update reqconf set dss = null where po_id = ?').run(po.id);
    return { name: link.name };
  });
}
