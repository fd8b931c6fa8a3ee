import type { Db } from '@/db/client';
import { directorySyncObject, restrictionMembers, templateMaps, type TemplateMapRow } from '@/lib/exchange/dxa/directory-sync-object';
import { connectorPo, dxaAddress, dxaRole, generatedDxaMailbox, resolveServer } from '@/lib/exchange/servers/servers';
import { dxaDisplayName } from '@/lib/exchange/dxa/save-directory-sync-general';
import { attributesFor } from '@/lib/exchange/dxa/template-attributes';

/** The Directory Synchronization object of a server (reference 5.2): its facts and addresses. */
export interface DirectorySynchronizationSheet {
  server: string;
  site: string;
  organization: string;
  version: string;
  displayName: string;
  /** 'Dirsync server', 'Dirsync requestor' or 'Neither…'. */
  role: string;
  /** The DXA's MS Mail address (KB Q150828, or as edited: KB Q187779). */
  msAddress: string;
  /** What Setup generates for it now. */
  generatedAddress: string;
  /** The object's revision (General and E-mail Addresses save against it). */
  revision: number;
}

export function getDirectorySynchronizationSheet(db: Db, serverName: string): DirectorySynchronizationSheet {
  const server = resolveServer(db, serverName);
  const role = dxaRole(db, server);
  return {
    server: server.name,
    site: server.site,
    organization: server.organization,
    version: server.version,
    displayName: dxaDisplayName(db, server.id),
    role:
      role === 'server'
        ? 'Dirsync server (this server has the Dirsync Server object)'
        : role === 'requestor'
          ? 'Dirsync requestor (this server has the Dirsync Requestor object)'
          : 'Neither: no Dirsync Server or Dirsync Requestor object uses this server',
    msAddress: dxaAddress(db, server),
    generatedAddress: `${connectorPo(db, server).network}/${connectorPo(db, server).name}/${generatedDxaMailbox(db, server)}`,
    revision: directorySyncObject(db, server).revision,
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
