import type { Db } from '@/db/client';
import { DirsyncError, notFound, usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { connectorPo, type ServerRow } from '../servers/servers';

export type RecipientKind = 'mailbox' | 'custom' | 'dl';

export interface RecipientRow {
  id: number;
  containerId: number;
  container: string;
  alias: string;
  displayName: string;
  kind: RecipientKind;
  trust: number;
  hidden: number;
  msMailbox: string | null;
  targetAddress: string | null;
  importedBy: number | null;
  sentName: string | null;
  sentAddress: string | null;
  revision: number;
}

export const recipientColumns = `r.id, r.container_id as containerId, c.name as container, r.alias, r.display_name as displayName, r.kind,
  r.trust, r.hidden, r.ms_mailbox as msMailbox, r.target_address as targetAddress, r.imported_by as importedBy,
  r.sent_name as sentName, r.sent_address as sentAddress, r.revision
  from recipient r join recipient_container c on c.id = r.container_id`;

export interface ContainerRow {
  id: number;
  name: string;
}

export function findContainer(db: Db, server: ServerRow, name: string): ContainerRow | undefined {
  return stmt(db, 'select id, name from recipient_container where site_id = ? and name = ? collate nocase').get(server.siteId, name.trim()) as
    | ContainerRow
    | undefined;
}

export function resolveContainer(db: Db, server: ServerRow, name: string): ContainerRow {
  const c = findContainer(db, server, name);
  if (!c) throw notFound(`there is no recipients container "${name}" in site ${server.site}: create it with "dirsync exchange container add ${server.name} ${name}"`);
  return c;
}

export function findRecipient(db: Db, server: ServerRow, alias: string): RecipientRow | undefined {
  return stmt(db, `select ${recipientColumns} where r.site_id = ? and r.alias = ? collate nocase`).get(server.siteId, alias) as RecipientRow | undefined;
}

export function resolveRecipient(db: Db, server: ServerRow, alias: string): RecipientRow {
  const r = findRecipient(db, server, alias);
  if (!r) throw notFound(`there is no recipient with alias "${alias}" in site ${server.site}`);
  return r;
}

/** Alias: 1–64 characters, letters, digits and `.-_` (Exchange's rule for the MS Mail-safe subset). */
export function checkAlias(alias: string): string {
  const a = alias.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(a)) throw usage(`alias "${alias}" must be 1 to 64 letters, digits, dots, hyphens or underscores`);
  return a;
}

/** Display name: 1–256 characters, no tabs or line breaks. */
export function checkDisplayName(name: string): string {
  const d = name.trim();
  if (!d) throw new DirsyncError('usage', 'a recipient needs a display name', 46);
  if (d.length > 256) throw usage(`display name "${d.slice(0, 20)}…" is over 256 characters`);
  if (/[\t\r\n\f]/.test(d)) throw usage('a display name cannot contain tabs or line breaks');
  return d;
}

export function checkTrust(trust: number): number {
  if (!Number.isInteger(trust) || trust < 0 || trust > 100) throw usage(`trust level must be a whole number from 0 to 100; got ${trust}`);
  return trust;
}

/** The mailbox part of a recipient's MS proxy: its alias's letters and digits, upper case, cut to 10. */
export function msMailboxOf(alias: string): string {
  return alias.replace(/[^A-Za-z0-9]/g, '').slice(0, 10).toUpperCase();
}

/** `ms:NET/PO/MAILBOX` — Exchange writes address types in lower case. */
export function msAddress(db: Db, server: ServerRow, msMailbox: string): string {
  const po = connectorPo(db, server);
  return `ms:${po.network}/${po.name}/${msMailbox}`;
}

/** A free MS proxy mailbox for a new recipient: the alias's, else with a number in its last places. */
export function freeMsMailbox(db: Db, server: ServerRow, alias: string): string {
  const base = msMailboxOf(alias) || 'RECIP';
  const taken = stmt(db, 'select 1 from recipient where site_id = ? and ms_mailbox = ?');
  if (!taken.get(server.siteId, base)) return base;
  for (let n = 1; ; n++) {
    const candidate = base.slice(0, 10 - String(n).length) + n;
    if (!taken.get(server.siteId, candidate)) return candidate;
  }
}
