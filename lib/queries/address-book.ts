import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import type { ServerRow } from '@/lib/exchange/servers/servers';

/**
 * The address book the Administrator's pickers show ("Show Names from the", "Type Name or Select
 * from List"): the Global Address List or one recipients container of the server's site, names
 * starting with what was typed (display name or alias, case-insensitive), sorted by display name,
 * at most `limit` at a time — a container can hold 10,000 entries, so the browser never gets them
 * all. Hidden recipients are listed, marked: the Administrator sees them (the `NET/PO/$SYSTEM`
 * recipients Delivery Restrictions needs are hidden).
 */
export interface AddressBookEntry {
  alias: string;
  displayName: string;
  kind: 'mailbox' | 'custom' | 'dl';
  container: string;
  /** Its e-mail address: a custom recipient's target, else the MS proxy `MS:NET/PO/MAILBOX`. */
  address: string | null;
  hidden: boolean;
}

export interface AddressBookPage {
  /** The recipients containers of the site (the drop-down after "Global Address List"). */
  containers: string[];
  entries: AddressBookEntry[];
  /** How many match in all (the list shows the first `limit`). */
  total: number;
  limit: number;
}

export const ADDRESS_BOOK_LIMIT = 100;

export interface AddressBookQuery {
  /** A recipients container's name; empty for the Global Address List. */
  container?: string;
  /** The start of a display name or alias. */
  name?: string;
  /** Only these kinds (the Dirsync administrator and Administrator's mailbox are mailboxes). */
  kind?: 'mailbox';
  limit?: number;
}

/** `like` with its wildcards taken literally. */
const prefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function addressBookPage(db: Db, server: ServerRow, q: AddressBookQuery): AddressBookPage {
  const containers = (stmt(db, 'select name from recipient_container where site_id = ? order by name collate nocase').all(server.siteId) as { name: string }[]).map(
    (c) => c.name,
  );
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? ADDRESS_BOOK_LIMIT)), ADDRESS_BOOK_LIMIT);
  const name = (q.name ?? '').trim();
  const where = ['r.site_id = ?'];
  const args: (string | number)[] = [server.siteId];
  if (q.container) {
    where.push('c.name = ? collate nocase');
    args.push(q.container);
  }
  if (name) {
    where.push("(r.display_name like ? escape '\\' or r.alias like ? escape '\\')");
    args.push(prefix(name), prefix(name));
  }
  if (q.kind) {
    where.push('r.kind = ?');
    args.push(q.kind);
  }
  const from = `from recipient r join recipient_container c on c.id = r.container_id where ${where.join(' and ')}`;
  const total = (stmt(db, `select count(*) as n ${from}`).get(...args) as { n: number }).n;
  const po = stmt(db, 'select network, name from postoffice where id = ?').get(server.connectorPoId) as { network: string; name: string };
  const rows = stmt(
    db,
    `select r.alias, r.display_name as displayName, r.kind, c.name as container, r.target_address as target, r.ms_mailbox as mailbox, r.hidden
     ${from} order by r.display_name collate nocase, r.alias collate nocase limit ?`,
  ).all(...args, limit) as { alias: string; displayName: string; kind: AddressBookEntry['kind']; container: string; target: string | null; mailbox: string | null; hidden: number }[];
  return {
    containers,
    entries: rows.map((r) => ({
      alias: r.alias,
      displayName: r.displayName,
      kind: r.kind,
      container: r.container,
      address: r.target ?? (r.mailbox ? `MS:${po.network}/${po.name}/${r.mailbox}` : null),
      hidden: !!r.hidden,
    })),
    total,
    limit,
  };
}
