import type { Db } from '@/db/client';
import { normalTarget } from '@/lib/dirsync/master-lists';
import { addressKey, listKeyOf, parseAddress, poKey } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import type { Txn } from '@/lib/dirsync/transactions';
import { templateMaps, writeRecipientAttributes } from './directory-sync-object';
import { connectorPo, type ServerRow } from '../servers/servers';
import { parseTemplateLine } from './template-attributes';

/**
 * Imported addresses become custom recipients in a dirsync object's Import Container with the
 * container's trust level (xog11013): an `A`/`M` creates or overwrites one (manual edits do not
 * survive), a `D` deletes it, an `R` deletes every one imported from that list. The Exchange
 * postoffice's own addresses are ignored, as MS Mail ignores its own (status 66).
 */
export interface ContainerImport {
  server: ServerRow;
  linkId: number;
  containerId: number;
  trust: number;
  /** "Append to imported users' display name": the dirsync object's name. */
  suffix: string | null;
  ownList: string;
  /** Gateway address types accepted; postoffice (MS/PCM) addresses always are. */
  types: Set<string> | null;
  /** Incoming Templates when "Receive template information" is on: prompt (lower case) → attribute. */
  incoming: Map<string, string> | null;
  counts: { created: number; changed: number; deleted: number; ignored: number };
}

export function containerImport(db: Db, server: ServerRow, linkId: number, types: Set<string> | null = null): ContainerImport {
  const link = stmt(
    db,
    `select name, append_name as appendName, import_container_id as containerId, import_trust as trust, receive_templates as receiveTemplates
     from dirsync_link where id = ?`,
  ).get(linkId) as { name: string; appendName: number; containerId: number; trust: number; receiveTemplates: number };
  const map = link.receiveTemplates ? templateMaps(db, server, 'incoming') : [];
  return {
    server,
    linkId,
    containerId: link.containerId,
    trust: link.trust,
    suffix: link.appendName ? link.name : null,
    ownList: `PCM:${poKey(connectorPo(db, server))}`,
    types,
    incoming: map.length ? new Map(map.map((m) => [m.prompt.toLowerCase(), m.attribute])) : null,
    counts: { created: 0, changed: 0, deleted: 0, ignored: 0 },
  };
}

export function applyToContainer(db: Db, ctx: ContainerImport, txn: Txn): void {
  if (txn.code === 'R') {
    const list = normalTarget(txn.target);
    if (list === ctx.ownList) return void ctx.counts.ignored++;
    ctx.counts.deleted += stmt(db, 'delete from recipient where container_id = ? and imported_list = ?').run(ctx.containerId, list).changes;
    return;
  }
  const address = parseAddress(txn.address);
  if (!address) return void ctx.counts.ignored++;
  const list = listKeyOf(address);
  if (list === ctx.ownList || (!address.po && ctx.types && !ctx.types.has(address.type))) return void ctx.counts.ignored++;
  const key = addressKey(address);
  if (txn.code === 'D') {
    ctx.counts.deleted += stmt(db, 'delete from recipient where container_id = ? and address_key = ?').run(ctx.containerId, key).changes;
    return;
  }
  const name = (ctx.suffix ? `${txn.fullName} (${ctx.suffix})` : txn.fullName).slice(0, 256);
  const changed = stmt(
    db,
    `update recipient set display_name = ?, trust = ?, target_address = ?, imported_list = ?, imported_by = ?, revision = revision + 1
     where container_id = ? and address_key = ?`,
  ).run(name, ctx.trust, txn.address, list, ctx.linkId, ctx.containerId, key).changes;
  if (changed) {
    ctx.counts.changed++;
    return applyTemplate(db, ctx, key, txn.template);
  }
  stmt(
    db,
    `insert into recipient (site_id, container_id, alias, display_name, kind, trust, target_address, address_key, imported_list, imported_by)
     values (?, ?, ?, ?, 'custom', ?, ?, ?, ?, ?)`,
  ).run(ctx.server.siteId, ctx.containerId, freeAlias(db, ctx.server.siteId, address), name, ctx.trust, txn.address, key, list, ctx.linkId);
  ctx.counts.created++;
  applyTemplate(db, ctx, key, txn.template);
}

/**
 * Incoming Templates (KB Q158694, Q175482): each template line whose prompt is mapped sets its
 * attribute on the custom recipient; the A or M carries the whole template, so a mapped attribute
 * without a line is cleared. Lines with other prompts are ignored.
 */
function applyTemplate(db: Db, ctx: ContainerImport, key: string, lines: string[]): void {
  if (!ctx.incoming) return;
  const values: Record<string, string> = Object.fromEntries([...ctx.incoming.values()].map((a) => [a, '']));
  for (const line of lines) {
    const t = parseTemplateLine(line);
    const attribute = t && ctx.incoming.get(t.prompt.trim().toLowerCase());
    // One line, at most 256 characters: what the recipient sheet allows too.
    if (attribute) values[attribute] = t.value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 256);
  }
  const { id } = stmt(db, 'select id from recipient where container_id = ? and address_key = ?').get(ctx.containerId, key) as { id: number };
  writeRecipientAttributes(db, id, values);
}

/** The mailbox name as alias; when taken, `<mailbox>-<PO>`, then numbered. */
function freeAlias(db: Db, siteId: number, address: NonNullable<ReturnType<typeof parseAddress>>): string {
  const mailbox = address.po ? address.value.split('/')[2] : address.value.split('@')[0];
  const base = mailbox.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 48) || 'import';
  const taken = stmt(db, 'select 1 from recipient where site_id = ? and alias = ? collate nocase');
  const second = address.po ? `${base}-${address.po.name}` : `${base}-${address.type}`;
  for (const candidate of [base, second]) if (!taken.get(siteId, candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.get(siteId, `${second}-${n}`)) return `${second}-${n}`;
}
