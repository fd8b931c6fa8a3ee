import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { findRemoteLink, deleteLink, requireLink } from './dirsync-links';
import { connectorPo, resolveServer } from '../servers/servers';

/** Delete a Remote Dirsync Requestor: its SRVCONF record and hidden `$SYSTEM` recipient go; the custom recipients it imported stay. */
export function deleteRemoteRequestor(db: Db, serverName: string, which: string): void {
  step(db, () => {
    const server = resolveServer(db, serverName);
    const link = requireLink(findRemoteLink(db, server, which), `there is no Remote Dirsync Requestor "${which}" on ${server.name}`);
    const dss = connectorPo(db, server);
    stmt(db, 'delete from srv_requestor where dss_po_id = ? and requestor = ?').run(dss.id, link.po);
    deleteLink(db, server, link);
  });
}
