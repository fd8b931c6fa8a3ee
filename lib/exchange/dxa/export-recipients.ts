import type { Db } from '@/db/client';
import { appendReqtrans } from '@/lib/dirsync/reqtrans';
import { stmt } from '@/lib/core/statements';
import { recipientAttributes, templateMaps } from './directory-sync-object';
import { msAddress, recipientColumns, type RecipientRow } from '../recipients/recipients';
import { connectorPo, dxaRole, type ServerRow } from '../servers/servers';
import { formatTemplateLine } from './template-attributes';

/**
 * What the DXA exports (T0 on the Exchange side). A recipient is exported when it sits in an
 * export container of a dirsync object with a trust level at or below that object's, is not a
 * custom recipient made by dirsync, and — for custom recipients — "Export custom recipients" is on
 * (KB Q147608, Q152556). An Exchange DSS keeps one master list for its own postoffice, so its
 * export is the union over its Remote Dirsync Requestors (docs/exchange.md).
 *
 * Hidden recipients (KB Q200062): hiding one sends no Delete; one hidden before it was ever sent is
 * never sent; a full export leaves hidden ones out.
 */
interface ExportRule {
  containers: Set<number>;
  trust: number;
  custom: boolean;
}

export function exportRules(db: Db, server: ServerRow): ExportRule[] {
  const role = dxaRole(db, server);
  if (!role) return [];
  const links = stmt(
    db,
    'select id, export_trust as trust, export_custom as custom from dirsync_link where server_id = ? and kind = ?',
  ).all(server.id, role === 'server' ? 'remote' : 'requestor') as { id: number; trust: number; custom: number }[];
  return links.map((l) => ({
    trust: l.trust,
    custom: !!l.custom,
    containers: new Set(
      (stmt(db, 'select container_id as c from dirsync_export_container where link_id = ?').all(l.id) as { c: number }[]).map((r) => r.c),
    ),
  }));
}

/**
 * Outgoing Templates (KB Q158694): with "Send local template information" on the dirsync object
 * (the Dirsync Requestor's Settings; on a DSS any Remote Dirsync Requestor's, set from the CLI), each
 * mapped attribute with a value follows the A or M as `- Prompt:/value`, in the map's order. An M
 * carries the whole template: an attribute cleared is simply not sent (MS Mail replaces the
 * entry's template data with what an M brings). Null when templates are not sent.
 */
function outgoingMap(db: Db, server: ServerRow): { prompt: string; attribute: string }[] | null {
  const role = dxaRole(db, server);
  if (!role) return null;
  const sending = stmt(db, 'select 1 from dirsync_link where server_id = ? and kind = ? and send_templates = 1').get(
    server.id,
    role === 'server' ? 'remote' : 'requestor',
  );
  return sending ? templateMaps(db, server, 'outgoing') : null;
}

function templateOf(db: Db, map: { prompt: string; attribute: string }[] | null, recipientId: number): string {
  if (!map?.length) return '';
  const values = recipientAttributes(db, recipientId);
  return map.filter((m) => values[m.attribute]).map((m) => `\n${formatTemplateLine(m.prompt, values[m.attribute])}`).join('');
}

/** MS Mail full names hold 30 characters. */
const exportName = (displayName: string) => displayName.slice(0, 30);

function isExported(r: RecipientRow, rules: ExportRule[]): boolean {
  if (r.importedBy !== null || r.msMailbox === null) return false;
  return rules.some((rule) => rule.containers.has(r.containerId) && r.trust <= rule.trust && (r.kind !== 'custom' || rule.custom));
}

interface Sent {
  name: string;
  address: string;
}

function desired(db: Db, server: ServerRow, r: RecipientRow, rules: ExportRule[]): Sent | null {
  if (!isExported(r, rules)) return null;
  if (r.hidden) return r.sentName !== null ? { name: r.sentName, address: r.sentAddress! } : null;
  return { name: exportName(r.displayName), address: msAddress(db, server, r.msMailbox!) };
}

const setSent = (db: Db, id: number, s: Sent | null) =>
  stmt(db, 'update recipient set sent_name = ?, sent_address = ? where id = ?').run(s?.name ?? null, s?.address ?? null, id);

/**
 * T0 for one recipient after a change (or before its deletion, with `gone`): append the A, M or D
 * that brings the dirsync server's copy in line — also an M when one of `changedAttributes` is
 * sent as template data. Returns the transactions appended.
 */
export function exportChange(db: Db, server: ServerRow, recipientId: number, gone = false, changedAttributes: string[] = []): string[] {
  const r = stmt(db, `select ${recipientColumns} where r.id = ?`).get(recipientId) as RecipientRow;
  const rules = exportRules(db, server);
  if (rules.length === 0) return [];
  const want = gone ? null : desired(db, server, r, rules);
  const had: Sent | null = r.sentName !== null ? { name: r.sentName, address: r.sentAddress! } : null;
  const map = want ? outgoingMap(db, server) : null;
  const template = want ? templateOf(db, map, r.id) : '';
  // A hidden recipient's export stays as it was sent (KB Q200062): its attributes send nothing either.
  const templateChanged = !r.hidden && !!map?.some((m) => changedAttributes.includes(m.attribute));
  const txns: string[] = [];
  if (had && !want) txns.push(`D ${had.name}\t${had.address}`);
  else if (!had && want) txns.push(`A ${want.name}\t${want.address}${template}`);
  else if (had && want && (had.name !== want.name || had.address !== want.address || templateChanged)) {
    // A changed address is a different entry: delete the old, add the new (KB Q246833).
    if (had.address.toUpperCase() === want.address.toUpperCase()) txns.push(`M ${want.name}\t${want.address}${template}`);
    else txns.push(`D ${had.name}\t${had.address}`, `A ${want.name}\t${want.address}${template}`);
  }
  const po = connectorPo(db, server);
  for (const t of txns) appendReqtrans(db, po.id, t);
  if (txns.length) setSent(db, r.id, want);
  return txns;
}

/**
 * Which recipients a full export would send now (their ids, in order): a dirsync object's change
 * that leaves this and its trust level alone needs no full export.
 */
export function exportedSet(db: Db, server: ServerRow): string {
  const rules = exportRules(db, server);
  if (rules.length === 0) return '';
  const rows = stmt(db, `select ${recipientColumns} where r.site_id = ? and r.imported_by is null order by r.id`).all(server.siteId) as RecipientRow[];
  return rows.filter((r) => !r.hidden && isExported(r, rules)).map((r) => r.id).join(',');
}

/**
 * A full export: `R ms:NET/PO` and an `A` for every exported recipient (a changed export
 * container, trust level or "Export custom recipients", Export on next cycle, a first
 * configuration — KB Q200062). Returns the number of addresses sent.
 */
export function fullExport(db: Db, server: ServerRow): number {
  const rules = exportRules(db, server);
  const po = connectorPo(db, server);
  appendReqtrans(db, po.id, `R ms:${po.network}/${po.name}`);
  // msAddress's form, with the connector postoffice read once for the whole export.
  const prefix = `ms:${po.network}/${po.name}/`;
  const rows = stmt(db, `select ${recipientColumns} where r.site_id = ? and r.imported_by is null order by r.display_name, r.id`).all(
    server.siteId,
  ) as RecipientRow[];
  const map = outgoingMap(db, server);
  let sent = 0;
  for (const r of rows) {
    const want = !r.hidden && isExported(r, rules) ? { name: exportName(r.displayName), address: `${prefix}${r.msMailbox}` } : null;
    if (want) {
      appendReqtrans(db, po.id, `A ${want.name}\t${want.address}${templateOf(db, map, r.id)}`);
      sent++;
    }
    if (want?.name !== (r.sentName ?? undefined) || want?.address !== (r.sentAddress ?? undefined)) setSent(db, r.id, want);
  }
  return sent;
}
