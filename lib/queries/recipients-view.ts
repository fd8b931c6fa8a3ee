import { recipientAttributes } from '@/lib/exchange/dxa/directory-sync-object';
import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { findContainer, findRecipient, msAddress, type RecipientKind } from '@/lib/exchange/recipients/recipients';
import type { ServerRow } from '@/lib/exchange/servers/servers';

/** A recipients container as the Administrator's right pane lists it: sortable, a page at a time. */

export const RECIPIENT_SORTS = { displayName: 'Display Name', alias: 'Alias', type: 'Type', trust: 'Trust level', importedBy: 'Imported by' } as const;
export type RecipientSort = keyof typeof RECIPIENT_SORTS;
export const PAGE_SIZE = 50;

const ORDER: Record<RecipientSort, string> = {
  displayName: 'r.display_name collate nocase',
  alias: 'r.alias collate nocase',
  type: 'r.kind',
  trust: 'r.trust',
  importedBy: 'l.name collate nocase',
};

export const TYPE_LABEL: Record<RecipientKind, string> = { mailbox: 'Mailbox', custom: 'Custom Recipient', dl: 'Distribution List' };

export interface RecipientListRow {
  alias: string;
  displayName: string;
  type: string;
  trust: number;
  hidden: boolean;
  /** Display name of the dirsync object that imported it, if any. */
  importedBy: string | null;
}

export interface RecipientsView {
  container: string;
  rows: RecipientListRow[];
  total: number;
  hiddenCount: number;
  page: number;
  pages: number;
  sort: RecipientSort;
  dir: 'asc' | 'desc';
}

export function parseListQuery(q: { sort?: string; dir?: string; page?: string }): { sort: RecipientSort; dir: 'asc' | 'desc'; page: number } {
  const sort = (q.sort && q.sort in RECIPIENT_SORTS ? q.sort : 'displayName') as RecipientSort;
  const dir = q.dir === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Math.floor(Number(q.page)) || 1);
  return { sort, dir, page };
}

/** A page of a container in one order: the sort column, then the alias (unique in the site), so pages neither repeat nor skip rows. Parameters: container id, limit, offset. */
export const recipientPageSql = (sort: RecipientSort, dir: 'asc' | 'desc') =>
  `select r.alias, r.display_name as displayName, r.kind, r.trust, r.hidden, l.name as importedBy
   from recipient r left join dirsync_link l on l.id = r.imported_by
   where r.container_id = ? order by ${ORDER[sort]} ${dir}, r.alias collate nocase ${dir} limit ? offset ?`;

export function getRecipientsView(db: Db, server: ServerRow, containerName: string, q: { sort: RecipientSort; dir: 'asc' | 'desc'; page: number }): RecipientsView | undefined {
  const c = findContainer(db, server, containerName);
  if (!c) return undefined;
  // Two counts from indexes (the hidden ones from a partial index) rather than one pass over the rows.
  const total = stmt(db, 'select count(*) from recipient where container_id = ?').pluck().get(c.id) as number;
  const hiddenCount = stmt(db, 'select count(*) from recipient where container_id = ? and hidden').pluck().get(c.id) as number;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = (
    stmt(db, recipientPageSql(q.sort, q.dir)).all(c.id, PAGE_SIZE, (page - 1) * PAGE_SIZE) as {
      alias: string;
      displayName: string;
      kind: RecipientKind;
      trust: number;
      hidden: number;
      importedBy: string | null;
    }[]
  ).map((r) => ({ alias: r.alias, displayName: r.displayName, type: TYPE_LABEL[r.kind], trust: r.trust, hidden: !!r.hidden, importedBy: r.importedBy }));
  return { container: c.name, rows, total, hiddenCount, page, pages, sort: q.sort, dir: q.dir };
}

export interface RecipientSheet {
  alias: string;
  displayName: string;
  type: string;
  container: string;
  trust: number;
  hidden: boolean;
  /** The MS (PC) proxy, or a custom recipient's own address. */
  emailAddress: string | null;
  importedBy: string | null;
  /** Title, Company, Department, … (template-attributes.ts); absent ones are empty. */
  attributes: Record<string, string>;
  revision: number;
}

export function getRecipientSheet(db: Db, server: ServerRow, containerName: string, alias: string): RecipientSheet | undefined {
  const r = findRecipient(db, server, alias);
  if (!r || r.container.toLowerCase() !== containerName.trim().toLowerCase()) return undefined;
  const importedBy = r.importedBy === null ? null : ((stmt(db, 'select name from dirsync_link where id = ?').get(r.importedBy) as { name: string } | undefined)?.name ?? null);
  return {
    alias: r.alias,
    displayName: r.displayName,
    type: TYPE_LABEL[r.kind],
    container: r.container,
    trust: r.trust,
    hidden: !!r.hidden,
    emailAddress: r.kind === 'custom' ? r.targetAddress : r.msMailbox ? msAddress(db, server, r.msMailbox) : null,
    importedBy,
    attributes: recipientAttributes(db, r.id),
    revision: r.revision,
  };
}
