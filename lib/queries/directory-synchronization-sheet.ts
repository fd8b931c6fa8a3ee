import type { Db } from '@/db/client';
import { dxaAddress, dxaRole, resolveServer } from '@/lib/exchange/servers';

/** The Directory Synchronization object of a server (reference 5.2): its facts and addresses. */
export interface DirectorySynchronizationSheet {
  server: string;
  site: string;
  organization: string;
  version: string;
  displayName: string;
  /** 'Dirsync server', 'Dirsync requestor' or 'Neither…'. */
  role: string;
  /** The DXA's MS Mail address (KB Q150828). */
  msAddress: string;
}

export function getDirectorySynchronizationSheet(db: Db, serverName: string): DirectorySynchronizationSheet {
  const server = resolveServer(db, serverName);
  const role = dxaRole(db, server);
  return {
    server: server.name,
    site: server.site,
    organization: server.organization,
    version: server.version,
    displayName: 'Directory Synchronization',
    role:
      role === 'server'
        ? 'Dirsync server (this server has the Dirsync Server object)'
        : role === 'requestor'
          ? 'Dirsync requestor (this server has the Dirsync Requestor object)'
          : 'Neither: no Dirsync Server or Dirsync Requestor object uses this server',
    msAddress: dxaAddress(db, server),
  };
}
