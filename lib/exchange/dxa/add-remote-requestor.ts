import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/core/statements';
import { addSystemRecipient, checkLinkName, findRemoteLink, linkById, writeLinkFields, type LinkFields, type LinkRow } from './dirsync-links';
import { EMPTY_GRID } from './schedule-grid';
import { connectorPo, dxaRole, resolveServer } from '../servers/servers';

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
      throw conflict(`The Remote Dirsync Requestor command is unavailable until you set up a Microsoft Exchange Server dirsync server: run "dirsync exchange dss ${server.name}" first`);
    }
    const target = findPo(db, po);
    if (!target || target.kind !== 'msmail') throw usage(`${poKey(po)} is not an MS Mail postoffice of this network`);
    if (findRemoteLink(db, server, poKey(po)) || findRemoteLink(db, server, name)) throw conflict(`a Remote Dirsync Requestor for ${poKey(po)} or named "${name}" already exists`);
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

export const setExportNext = (db: Db, dssPoId: number, po: string, on: boolean) =>
  stmt(db, 'update srv_requestor set export_next = ? where dss_po_id = ? and requestor = ?').run(on ? 1 : 0, dssPoId, po);
