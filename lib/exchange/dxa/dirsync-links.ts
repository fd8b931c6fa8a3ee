import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { parsePoName, poKey, type PoName } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import { exportedSet, fullExport } from './export-recipients';
import { checkTrust, resolveContainer } from '../recipients/recipients';
import type { ServerRow } from '../servers/servers';

/** A Remote Dirsync Requestor or the Dirsync Requestor object (db/schema/exchange.ts `dirsync_link`). */
export interface LinkRow {
  id: number;
  kind: 'remote' | 'requestor';
  po: string;
  name: string;
  appendName: number;
  dirsyncAddress: string;
  addressType: string;
  language: string;
  importContainerId: number | null;
  importContainer: string | null;
  importTrust: number;
  exportTrust: number;
  exportCustom: number;
  exportNext: number;
  sendTemplates: number;
  receiveTemplates: number;
  scheduleStyle: 'never' | 'always' | 'selected';
  schedule: string;
  revision: number;
}

const columns = `l.id, l.kind, l.po, l.name, l.append_name as appendName, l.dirsync_address as dirsyncAddress, l.address_type as addressType,
  l.language, l.import_container_id as importContainerId, c.name as importContainer, l.import_trust as importTrust,
  l.export_trust as exportTrust, l.export_custom as exportCustom, l.export_next as exportNext, l.send_templates as sendTemplates,
  l.receive_templates as receiveTemplates, l.schedule_style as scheduleStyle, l.schedule, l.revision
  from dirsync_link l left join recipient_container c on c.id = l.import_container_id`;

export function links(db: Db, server: ServerRow, kind: LinkRow['kind']): LinkRow[] {
  return stmt(db, `select ${columns} where l.server_id = ? and l.kind = ? order by l.name`).all(server.id, kind) as LinkRow[];
}

export function linkById(db: Db, id: number): LinkRow {
  return stmt(db, `select ${columns} where l.id = ?`).get(id) as LinkRow;
}

/** A Remote Dirsync Requestor by its postoffice (`NET/PO`) or its display name. */
export function findRemoteLink(db: Db, server: ServerRow, nameOrPo: string): LinkRow | undefined {
  return stmt(db, `select ${columns} where l.server_id = ? and l.kind = 'remote' and (l.po = upper(?) or l.name = ? collate nocase)`).get(
    server.id,
    nameOrPo.trim(),
    nameOrPo.trim(),
  ) as LinkRow | undefined;
}

export function requestorLink(db: Db, server: ServerRow): LinkRow | undefined {
  return links(db, server, 'requestor')[0];
}

export function exportContainerNames(db: Db, linkId: number): string[] {
  return (
    stmt(db, 'select c.name from dirsync_export_container e join recipient_container c on c.id = e.container_id where e.link_id = ? order by c.name').all(
      linkId,
    ) as { name: string }[]
  ).map((r) => r.name);
}

/** The fields of the General, Import Container and Export Containers tabs both objects share. */
export interface LinkFields {
  name?: string;
  appendName?: boolean;
  language?: string;
  importContainer?: string;
  importTrust?: number;
  exportContainers?: string[];
  exportTrust?: number;
  exportCustom?: boolean;
  revision?: number;
}

/** Requestor language: the code page of the other side (`DXA-Recipient-CP`); English by default. */
export const LANGUAGES = [
  'English', 'Danish', 'Dutch', 'Finnish', 'French', 'German', 'Italian', 'Norwegian', 'Portuguese', 'Spanish', 'Swedish',
  'Czech', 'Greek', 'Hungarian', 'Polish', 'Russian', 'Turkish', 'Hebrew', 'Arabic', 'Thai', 'Japanese', 'Korean',
  'Chinese (Simplified)', 'Chinese (Traditional)',
] as const;

export function checkLanguage(language: string): string {
  const l = LANGUAGES.find((x) => x.toLowerCase() === language.trim().toLowerCase());
  if (!l) throw usage(`Requestor language "${language}" is not one of ${LANGUAGES.join(', ')}`);
  return l;
}

export function checkLinkName(name: string): string {
  const n = name.trim();
  if (!n || n.length > 64 || /[\t\r\n]/.test(n)) throw usage(`Name "${name}" must be 1 to 64 characters on one line`);
  return n;
}

/** The hidden custom recipient `NET/PO/$SYSTEM` that addresses the other side's dirsync mail (KB Q147084). */
export function addSystemRecipient(db: Db, server: ServerRow, po: PoName): void {
  const address = `${poKey(po)}/$SYSTEM`;
  const { id } = stmt(db, "select id from recipient_container where site_id = ? and name = 'Recipients'").get(server.siteId) as { id: number };
  stmt(
    db,
    `insert or ignore into recipient (site_id, container_id, alias, display_name, kind, hidden, target_address)
     values (?, ?, ?, ?, 'custom', 1, ?)`,
  ).run(server.siteId, id, `${po.network}.${po.name}.$SYSTEM`, address, `MS:${address}`);
}

/**
 * Edit ▸ Delete of a dirsync object (Remote Dirsync Requestor or Dirsync Requestor): the link and
 * its hidden `NET/PO/$SYSTEM` recipient go; the custom recipients it imported stay, no longer its.
 */
export function deleteLink(db: Db, server: ServerRow, link: Pick<LinkRow, 'id' | 'po'>): void {
  stmt(db, 'update recipient set imported_by = null where imported_by = ?').run(link.id);
  stmt(db, 'delete from dirsync_link where id = ?').run(link.id);
  const po = parsePoName(link.po);
  stmt(db, 'delete from recipient where site_id = ? and alias = ?').run(server.siteId, `${po.network}.${po.name}.$SYSTEM`);
}

/**
 * Write the shared fields of a link. The Import Container is fixed once chosen (xog11013). A new
 * export trust level, or a change of containers or Export custom recipients that changes which
 * recipients are exported, makes a full export (KB Q200062). Returns whether it did.
 */
export function writeLinkFields(db: Db, server: ServerRow, link: LinkRow, f: LinkFields): boolean {
  if (f.revision !== undefined && f.revision !== link.revision) {
    throw conflict(`${link.name} was changed by someone else since you opened it: close it and open it again`);
  }
  let importContainerId = link.importContainerId;
  if (f.importContainer !== undefined) {
    const c = resolveContainer(db, server, f.importContainer);
    if (importContainerId !== null && importContainerId !== c.id) {
      throw usage(
        'You cannot choose another directory import container once one has been specified. If you want to modify where imported directory information is placed, you must delete the existing requestor and configure a new one.',
      );
    }
    importContainerId = c.id;
  }
  const exportedBefore = exportedSet(db, server);
  const importTrust = f.importTrust === undefined ? link.importTrust : checkTrust(f.importTrust);
  const exportTrust = f.exportTrust === undefined ? link.exportTrust : checkTrust(f.exportTrust);
  const exportCustom = f.exportCustom === undefined ? !!link.exportCustom : f.exportCustom;
  const next = [
    f.name === undefined ? link.name : checkLinkName(f.name),
    f.appendName === undefined ? link.appendName : f.appendName ? 1 : 0,
    f.language === undefined ? link.language : checkLanguage(f.language),
    importContainerId,
    importTrust,
    exportTrust,
    exportCustom ? 1 : 0,
  ];
  const now = [link.name, link.appendName, link.language, link.importContainerId, link.importTrust, link.exportTrust, link.exportCustom];
  // A save that changes nothing leaves the object (and its revision) as it was.
  if (next.some((v, k) => v !== now[k])) {
    stmt(
      db,
      `update dirsync_link set name = ?, append_name = ?, language = ?, import_container_id = ?, import_trust = ?, export_trust = ?,
         export_custom = ?, revision = revision + 1 where id = ?`,
    ).run(...next, link.id);
  }
  if (f.exportContainers !== undefined) {
    const ids = f.exportContainers.map((n) => resolveContainer(db, server, n).id);
    stmt(db, 'delete from dirsync_export_container where link_id = ?').run(link.id);
    for (const id of new Set(ids)) stmt(db, 'insert into dirsync_export_container (link_id, container_id) values (?, ?)').run(link.id, id);
  }
  // A new trust level is a full Replace (KB Q200062); other changes only when they change what is
  // exported (a second Remote Dirsync Requestor with the same containers sends nothing again).
  const changed = exportTrust !== link.exportTrust || exportedSet(db, server) !== exportedBefore;
  if (changed) fullExport(db, server);
  return changed;
}

export function requireLink<T>(row: T | undefined, what: string): T {
  if (!row) throw notFound(what);
  return row;
}
