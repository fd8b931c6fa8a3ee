import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { findRemoteLink, linkById, requireLink, writeLinkFields, type LinkRow } from './dirsync-links';
import { templateMaps } from './directory-sync-object';
import { fullExport } from './export-recipients';
import { connectorPo, resolveServer } from '../servers/servers';
import { type RemoteRequestorInput, setExportNext } from './add-remote-requestor';

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
