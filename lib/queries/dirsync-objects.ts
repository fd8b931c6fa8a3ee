import { poSegment } from '@/lib/console/routes';
import type { Db } from '@/db/client';
import { srvRequestor } from '@/lib/dirsync/dss';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { stmt } from '@/lib/core/statements';
import { dirsyncServerOf } from '@/lib/exchange/dxa/dirsync-server';
import { exportContainerNames, findRemoteLink, links, requestorLink, LANGUAGES, type LinkRow } from '@/lib/exchange/dxa/dirsync-links';
import { describeSchedule, type ScheduleStyle } from '@/lib/exchange/dxa/schedule-grid';
import { siteMailboxes } from '@/lib/exchange/recipients/recipients';
import { connectorPo, dxaRole, findServer, type ServerRow } from '@/lib/exchange/servers/servers';

/**
 * Read models of the dirsync objects' property sheets (reference §5.3–5.5) and of File ▸ New Other.
 * DTOs only: passwords never leave the server, only whether one is set.
 */

export interface ServerContext {
  server: string;
  site: string;
  organization: string;
  role: 'server' | 'requestor' | null;
  /** Servers of the site, for the Server drop-downs. */
  siteServers: string[];
  /** Recipients containers of the site. */
  containers: string[];
}

export function serverContext(db: Db, name: string): (ServerContext & { row: ServerRow }) | undefined {
  const row = findServer(db, decodeURIComponent(name));
  if (!row) return undefined;
  const siteServers = (stmt(db, 'select name from exchange_server where site_id = ? order by name').all(row.siteId) as { name: string }[]).map((s) => s.name);
  const containers = (stmt(db, 'select name from recipient_container where site_id = ? order by name collate nocase').all(row.siteId) as { name: string }[]).map((c) => c.name);
  return { row, server: row.name, site: row.site, organization: row.organization, role: dxaRole(db, row), siteServers, containers };
}

export interface DirsyncServerSheet {
  name: string;
  /** Alias of the Dirsync administrator's mailbox, '' for none. */
  administrator: string;
  copyAdministrator: boolean;
  forwardToAdministrator: boolean;
  style: ScheduleStyle;
  grid: string;
  scheduleText: string;
  revision: number;
  /** The site's mailboxes, hidden ones included (siteMailboxes), for the Dirsync administrator picker. */
  mailboxes: { alias: string; displayName: string }[];
  remoteRequestors: number;
}

export function getDirsyncServerSheet(db: Db, server: ServerRow): DirsyncServerSheet | undefined {
  const row = dirsyncServerOf(db, server.name);
  if (!row) return undefined;
  return {
    name: row.name,
    administrator: row.administrator,
    copyAdministrator: !!row.copyAdministrator,
    forwardToAdministrator: !!row.forwardToAdministrator,
    style: row.style,
    grid: row.grid,
    scheduleText: describeSchedule(row),
    revision: row.revision,
    mailboxes: siteMailboxes(db, server),
    remoteRequestors: links(db, server, 'remote').length,
  };
}

export interface RemoteRequestorRowView {
  name: string;
  postoffice: string;
  /** `NET~PO`, the sheet's URL segment. */
  slug: string;
  importContainer: string | null;
  exportContainers: string[];
  exportTrust: number;
  reqSync: number;
  srvSync: number;
  impSync: number;
  exportNext: boolean;
}

/** The right pane when the Dirsync Server is selected: its Remote Dirsync Requestors (KB Q152231). */
export function getRemoteRequestors(db: Db, server: ServerRow): RemoteRequestorRowView[] {
  const dss = connectorPo(db, server);
  return links(db, server, 'remote').map((l) => {
    const r = srvRequestor(db, dss, l.po);
    return {
      name: l.name,
      postoffice: l.po,
      slug: poSegment(l.po),
      importContainer: l.importContainer,
      exportContainers: exportContainerNames(db, l.id),
      exportTrust: l.exportTrust,
      reqSync: r?.reqSync ?? 0,
      srvSync: r?.srvSync ?? 0,
      impSync: r?.impSync ?? 0,
      exportNext: !!r?.exportNext,
    };
  });
}

/** The fields the Remote Dirsync Requestor and Dirsync Requestor sheets share. */
export interface LinkSheet {
  name: string;
  postoffice: string;
  appendName: boolean;
  dirsyncAddress: string;
  addressType: string;
  language: string;
  languages: readonly string[];
  importContainer: string | null;
  importTrust: number;
  exportContainers: string[];
  exportTrust: number;
  exportCustom: boolean;
  exportNext: boolean;
  hasPassword: boolean;
  revision: number;
}

function linkSheet(db: Db, l: LinkRow, password: string, exportNext: boolean): LinkSheet {
  return {
    name: l.name,
    postoffice: l.po,
    appendName: !!l.appendName,
    dirsyncAddress: l.dirsyncAddress,
    addressType: l.addressType,
    language: l.language,
    languages: LANGUAGES,
    importContainer: l.importContainer,
    importTrust: l.importTrust,
    exportContainers: exportContainerNames(db, l.id),
    exportTrust: l.exportTrust,
    exportCustom: !!l.exportCustom,
    exportNext,
    hasPassword: password !== '',
    revision: l.revision,
  };
}

export function getRemoteRequestorSheet(db: Db, server: ServerRow, po: string): LinkSheet | undefined {
  const l = findRemoteLink(db, server, po);
  if (!l || l.po !== po) return undefined;
  const r = srvRequestor(db, connectorPo(db, server), l.po);
  return linkSheet(db, l, r?.password ?? '', !!r?.exportNext);
}

export interface DirsyncRequestorSheet extends LinkSheet {
  /** The Exchange server's own connector postoffice, the requestor. */
  requestorPostoffice: string;
  addressTypes: string[];
  sendUpdates: boolean;
  receiveUpdates: boolean;
  sendTemplates: boolean;
  receiveTemplates: boolean;
  importNext: boolean;
  style: ScheduleStyle;
  grid: string;
  scheduleText: string;
  reqSync: number;
  srvSync: number;
  impSync: number;
}

export function getDirsyncRequestorSheet(db: Db, server: ServerRow): DirsyncRequestorSheet | undefined {
  const l = requestorLink(db, server);
  if (!l) return undefined;
  const po = connectorPo(db, server);
  const rc = reqconfOf(db, po.id);
  return {
    ...linkSheet(db, l, rc.password, !!l.exportNext),
    requestorPostoffice: `${po.network}/${po.name}`,
    // REQCONF keeps the postoffice's own PCM first; the tab lists the foreign types.
    addressTypes: rc.types.split(',').map((t) => t.trim()).filter((t) => t && t !== 'PCM' && t !== 'MS'),
    sendUpdates: !!rc.sendUpdates,
    receiveUpdates: !!rc.receiveUpdates,
    sendTemplates: !!l.sendTemplates,
    receiveTemplates: !!l.receiveTemplates,
    importNext: !!rc.importNext,
    style: l.scheduleStyle,
    grid: l.schedule,
    scheduleText: describeSchedule({ style: l.scheduleStyle, grid: l.schedule }),
    reqSync: rc.reqSync,
    srvSync: rc.srvSync,
    impSync: rc.impSync,
  };
}

export interface PostofficeChoice {
  name: string;
  /** What the postoffice is in MS Mail dirsync, in words. */
  role: string;
  /** The server's MS Mail Connector has a connection to it. */
  connected: boolean;
}

function msMailPostoffices(db: Db, server: ServerRow): PostofficeChoice[] {
  return (
    stmt(
      db,
      `select p.network || '/' || p.name as name, (select 1 from srvconf s where s.po_id = p.id) as dss, r.dss as registered,
         exists (select 1 from connector_connection c where c.server_id = ? and c.po_id = p.id) as connected
       from postoffice p left join reqconf r on r.po_id = p.id where p.kind = 'msmail' order by p.network, p.name`,
    ).all(server.id) as { name: string; dss: number | null; registered: string | null; connected: number }[]
  ).map((p) => ({
    name: p.name,
    role: p.dss ? 'MS Mail dirsync server' : p.registered ? `Requestor of ${p.registered}` : 'Not in dirsync',
    connected: !!p.connected,
  }));
}

/** File ▸ New Other ▸ Remote Dirsync Requestor: the MS Mail postoffices not yet requestors of this server. */
export function getRemoteRequestorChoices(db: Db, server: ServerRow): PostofficeChoice[] {
  const taken = new Set(links(db, server, 'remote').map((l) => l.po));
  return msMailPostoffices(db, server).filter((p) => !taken.has(p.name));
}

/** File ▸ New Other ▸ Dirsync Requestor: the MS Mail dirsync server postoffices. */
export function getDirsyncServerChoices(db: Db, server: ServerRow): PostofficeChoice[] {
  return msMailPostoffices(db, server).filter((p) => p.role === 'MS Mail dirsync server');
}
