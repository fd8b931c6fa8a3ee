import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { isPostofficeType, parsePoName, poKey } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/core/statements';
import { templateMaps } from './directory-sync-object';
import { addSystemRecipient, checkLinkName, linkById, requestorLink, writeLinkFields, type LinkFields, type LinkRow } from './dirsync-links';
import { fullExport } from './export-recipients';
import { dailyAt, toSchedule, type Schedule } from './schedule-grid';
import { connectorPo, dxaRole, resolveServer } from '../servers/servers';

export interface DirsyncRequestorInput extends LinkFields {
  /** Settings tab. */
  password?: string;
  sendUpdates?: boolean;
  receiveUpdates?: boolean;
  sendTemplates?: boolean;
  receiveTemplates?: boolean;
  importNext?: boolean;
  exportNext?: boolean;
  /** General tab: foreign address types to receive besides MS. */
  addressTypes?: string[];
  /** Schedule tab: `always`, `never` or selected hours (schedule-grid.ts), or the tab's style and grid; default every day at 00:00. */
  schedule?: string | Schedule;
  /** File ▸ New Other ▸ Dirsync Requestor: refused when the server already has one. */
  create?: boolean;
}

/**
 * File ▸ New Other ▸ Dirsync Requestor (Exchange as a requestor of an MS Mail DSS), or a change to
 * it. Its numbers and Settings are the connector postoffice's REQCONF. Made for the first time, it
 * exports every local recipient it exports at all (xog11006) — and, its numbers being 0, the DSS
 * answers the first T1 with an Import Reply.
 */
export function saveDirsyncRequestor(db: Db, serverName: string, dss: string | undefined, input: DirsyncRequestorInput = {}): LinkRow {
  const schedule = input.schedule === undefined ? undefined : toSchedule(input.schedule);
  const types = input.addressTypes?.map((t) => t.trim().toUpperCase()).filter(Boolean);
  for (const t of types ?? []) {
    if (!/^[A-Z0-9]{1,8}$/.test(t) || isPostofficeType(t)) throw usage(`address type "${t}" must be a foreign type of 1 to 8 letters or digits (MS is always received)`);
  }
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = connectorPo(db, server);
    let link = requestorLink(db, server);
    if (link && input.create) throw conflict(`${server.name} already has a Dirsync Requestor, "${link.name}": open it from Connections`);
    const created = !link;
    if (!link) {
      if (!dss) throw usage(`the Dirsync Requestor needs the dirsync server postoffice: dirsync exchange requestor ${server.name} NET/PO`);
      if (dxaRole(db, server) === 'server') throw conflict(`${server.name} is the dirsync server (it has a Dirsync Server object): a server is either the dirsync server or a requestor`);
      const dssName = parsePoName(dss);
      const { id } = stmt(
        db,
        // The template options first, so the first full export already carries template lines.
        "insert into dirsync_link (server_id, kind, po, name, dirsync_address, schedule, send_templates, receive_templates) values (?, 'requestor', ?, ?, ?, ?, ?, ?) returning id",
      ).get(server.id, poKey(dssName), checkLinkName(input.name ?? `${dssName.name} Dirsync Requestor`), `${poKey(dssName)}/$SYSTEM`, dailyAt(0), input.sendTemplates ? 1 : 0, input.receiveTemplates ? 1 : 0) as { id: number };
      stmt(db, 'update reqconf set dss = ? where po_id = ?').run(poKey(dssName), po.id);
      addSystemRecipient(db, server, dssName);
      link = linkById(db, id);
    } else if (dss && poKey(parsePoName(dss)) !== link.po) {
      throw conflict(`${link.name} is a requestor of ${link.po}: delete it and make a new one to change dirsync servers`);
    }
    const exportChanged = writeLinkFields(db, server, link, { ...input, importContainer: input.importContainer ?? (created ? 'Recipients' : undefined) });
    if (created && !exportChanged) fullExport(db, server);
    const settingsBefore = settingsOf(db, po.id, link.id);
    stmt(
      db,
      `update reqconf set password = coalesce(?, password), send_updates = coalesce(?, send_updates), receive_updates = coalesce(?, receive_updates),
         import_next = coalesce(?, import_next), types = coalesce(?, types) where po_id = ?`,
    ).run(
      input.password ?? null,
      bool(input.sendUpdates),
      bool(input.receiveUpdates),
      bool(input.importNext),
      types ? ['PCM', ...new Set(types)].join(',') : null,
      po.id,
    );
    stmt(
      db,
      `update dirsync_link set send_templates = coalesce(?, send_templates), receive_templates = coalesce(?, receive_templates),
         export_next = coalesce(?, export_next), schedule_style = coalesce(?, schedule_style),
         schedule = case when ? = 'selected' then ? else schedule end where id = ?`,
    ).run(bool(input.sendTemplates), bool(input.receiveTemplates), bool(input.exportNext), schedule?.style ?? null, schedule?.style ?? null, schedule?.grid ?? null, link.id);
    // Send local template information turned on or off changes every exported entry's template
    // data (the DXA's DXA-Prev-Template-Options): a full export, when there is a map to send.
    if (!created && input.sendTemplates !== undefined && input.sendTemplates !== !!link.sendTemplates && templateMaps(db, server, 'outgoing').length) fullExport(db, server);
    // The Settings and Schedule tabs are part of the object: a change to them is a new revision too.
    if (!created && settingsOf(db, po.id, link.id) !== settingsBefore) stmt(db, 'update dirsync_link set revision = revision + 1 where id = ?').run(link.id);
    return linkById(db, link.id);
  });
}

/** What the Settings and Schedule tabs hold, to tell whether a save changed any of it. */
const settingsOf = (db: Db, poId: number, linkId: number) =>
  JSON.stringify([
    stmt(db, 'select password, send_updates, receive_updates, import_next, types from reqconf where po_id = ?').get(poId),
    stmt(db, 'select send_templates, receive_templates, export_next, schedule_style, schedule from dirsync_link where id = ?').get(linkId),
  ]);

const bool = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);
