import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/dirsync/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { addSystemRecipient, checkLinkName, findRemoteLink, deleteLink, linkById, requireLink, writeLinkFields, type LinkFields, type LinkRow } from './dirsync-links';
import { templateMaps } from './directory-sync-object';
import { fullExport } from './export-recipients';
import { EMPTY_GRID } from './schedule-grid';
import { connectorPo, dxaRole, resolveServer } from './servers';

export interface RemoteRequestorInput extends LinkFields {
  password?: string;
  /** Export on next cycle: the next T2 sends this requestor a full Import Reply (one-shot). */
  exportNext?: boolean;
  /** DXA-Template-Options: send local / receive template information (no tab shows them; the CLI sets them). */
  sendTemplates?: boolean;
  receiveTemplates?: boolean;
}

/**
 * File ▸ New Other ▸ Remote Dirsync Requestor (an MS Mail postoffice that is a requestor of this
 * Exchange DSS): its SRVCONF record on the connector postoffice, the hidden `NET/PO/$SYSTEM`
 * custom recipient, and its containers. The Import Container defaults to Recipients.
 */
export function addRemoteRequestor(db: Db, serverName: string, requestorPo: string, input: RemoteRequestorInput = {}): LinkRow {
  const po = parsePoName(requestorPo);
  const name = checkLinkName(input.name ?? po.name);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    if (dxaRole(db, server) !== 'server') {
      throw conflict(`The Remote Dirsync Requestor command is unavailable until you set up a Microsoft Exchange Server dirsync server: run "dirsync exchange dss ${server.name}" first`, { code: 'remote-requestor.no-dirsync-server' });
    }
    const target = findPo(db, po);
    if (!target || target.kind !== 'msmail') throw usage(`${poKey(po)} is not an MS Mail postoffice of this network`, { code: 'remote-requestor.postoffice-invalid', field: 'po' });
    if (findRemoteLink(db, server, poKey(po)) || findRemoteLink(db, server, name)) throw conflict(`a Remote Dirsync Requestor for ${poKey(po)} or named "${name}" already exists`, { code: 'remote-requestor.exists' });
    const dss = connectorPo(db, server);
    stmt(db, 'insert into srv_requestor (dss_po_id, requestor, password) values (?, ?, ?)').run(dss.id, poKey(po), input.password ?? '');
    const { id } = stmt(
      db,
      "insert into dirsync_link (server_id, kind, po, name, dirsync_address, schedule, send_templates, receive_templates) values (?, 'remote', ?, ?, ?, ?, ?, ?) returning id",
    ).get(server.id, poKey(po), name, `${poKey(po)}/$SYSTEM`, EMPTY_GRID, input.sendTemplates ? 1 : 0, input.receiveTemplates ? 1 : 0) as { id: number };
    addSystemRecipient(db, server, po);
    writeLinkFields(db, server, linkById(db, id), { ...input, name, importContainer: input.importContainer ?? 'Recipients', revision: undefined });
    if (input.exportNext) setExportNext(db, dss.id, poKey(po), true);
    return linkById(db, id);
  });
}

/** Change a Remote Dirsync Requestor (by postoffice or display name). */
export function setRemoteRequestor(db: Db, serverName: string, which: string, input: RemoteRequestorInput): LinkRow {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const link = requireLink(findRemoteLink(db, server, which), `there is no Remote Dirsync Requestor "${which}" on ${server.name}`);
    writeLinkFields(db, server, link, input);
    const send = input.sendTemplates === undefined ? link.sendTemplates : input.sendTemplates ? 1 : 0;
    const receive = input.receiveTemplates === undefined ? link.receiveTemplates : input.receiveTemplates ? 1 : 0;
    if (send !== link.sendTemplates || receive !== link.receiveTemplates) {
      stmt(db, 'update dirsync_link set send_templates = ?, receive_templates = ?, revision = revision + 1 where id = ?').run(send, receive, link.id);
      // The exported entries' template data changes (DXA-Prev-Template-Options): a full export.
      if (send !== link.sendTemplates && templateMaps(db, server, 'outgoing').length) fullExport(db, server);
    }
    const dss = connectorPo(db, server);
    const record = stmt(db, 'select password, export_next as exportNext from srv_requestor where dss_po_id = ? and requestor = ?');
    const before = JSON.stringify(record.get(dss.id, link.po));
    if (input.password !== undefined) {
      stmt(db, 'update srv_requestor set password = ? where dss_po_id = ? and requestor = ?').run(input.password, dss.id, link.po);
    }
    if (input.exportNext !== undefined) setExportNext(db, dss.id, link.po, input.exportNext);
    // Password and Export on next cycle live in the SRVCONF record; changing them is a new revision of the object too.
    if (JSON.stringify(record.get(dss.id, link.po)) !== before) stmt(db, 'update dirsync_link set revision = revision + 1 where id = ?').run(link.id);
    return linkById(db, link.id);
  });
}

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

const setExportNext = (db: Db, dssPoId: number, po: string, on: boolean) =>
  stmt(db, 'update srv_requestor set export_next = ? where dss_po_id = ? and requestor = ?').run(on ? 1 : 0, dssPoId, po);
