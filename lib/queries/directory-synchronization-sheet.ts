import type { Db } from '@/db/client';
import { directorySyncObject, restrictionMembers, templateMaps, type TemplateMapRow } from '@/lib/exchange/directory-sync-object';
import { dxaAddress, dxaRole, resolveServer } from '@/lib/exchange/servers';
import { attributesFor } from '@/lib/exchange/template-attributes';

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

/** The Delivery Restrictions, Incoming Templates and Outgoing Templates tabs (one revision for the three). */
export interface DirectorySyncSettings {
  revision: number;
  acceptFrom: 'All' | 'List';
  rejectFrom: 'None' | 'List';
  accept: { alias: string; displayName: string }[];
  reject: { alias: string; displayName: string }[];
  incoming: TemplateMapRow[];
  outgoing: TemplateMapRow[];
  /** The attributes this server's version offers (no Initials on 4.0, KB Q150968). */
  attributes: string[];
}

export function getDirectorySyncSettings(db: Db, serverName: string): DirectorySyncSettings {
  const server = resolveServer(db, serverName);
  const o = directorySyncObject(db, server);
  const members = (list: 'accept' | 'reject') => restrictionMembers(db, server, list).map((m) => ({ alias: m.alias, displayName: m.displayName }));
  return {
    revision: o.revision,
    acceptFrom: o.acceptFrom,
    rejectFrom: o.rejectFrom,
    accept: members('accept'),
    reject: members('reject'),
    incoming: templateMaps(db, server, 'incoming'),
    outgoing: templateMaps(db, server, 'outgoing'),
    attributes: attributesFor(server.version),
  };
}
