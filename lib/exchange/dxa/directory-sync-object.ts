import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import type { ServerRow } from '../servers/servers';

/**
 * The Directory Synchronization object's own settings (reference 5.2): Delivery Restrictions and
 * the Incoming / Outgoing template maps. A server without a `directory_sync_object` row has the
 * defaults (Accept All, Reject None); the row is made by the first save. One revision covers the
 * three tabs, as `ms_mail_connector.revision` covers the connector's.
 */
export interface DirectorySyncObject {
  acceptFrom: 'All' | 'List';
  rejectFrom: 'None' | 'List';
  revision: number;
}

export function directorySyncObject(db: Db, server: Pick<ServerRow, 'id'>): DirectorySyncObject {
  return (
    (stmt(db, 'select accept_from as acceptFrom, reject_from as rejectFrom, revision from directory_sync_object where server_id = ?').get(server.id) as
      | DirectorySyncObject
      | undefined) ?? { acceptFrom: 'All', rejectFrom: 'None', revision: 0 }
  );
}

/** Refuse a save made over someone else's (the revision the sheet was opened at). */
export function checkRevision(server: ServerRow, o: DirectorySyncObject, revision: number | undefined): void {
  if (revision !== undefined && revision !== o.revision) {
    throw conflict(`The Directory Synchronization object of ${server.name} was changed by someone else since you opened it: close it and open it again`);
  }
}

/** A save that changed something: make the row if needed and raise the revision. Returns the new one. */
export function touchDirectorySyncObject(db: Db, server: ServerRow): number {
  stmt(db, 'insert or ignore into directory_sync_object (server_id) values (?)').run(server.id);
  return (stmt(db, 'update directory_sync_object set revision = revision + 1 where server_id = ? returning revision').get(server.id) as { revision: number }).revision;
}

export interface RestrictionMember {
  id: number;
  alias: string;
  displayName: string;
  kind: 'mailbox' | 'custom' | 'dl';
  /** A custom recipient's target address (what a sender is matched by), else null. */
  targetAddress: string | null;
}

export function restrictionMembers(db: Db, server: Pick<ServerRow, 'id'>, list: 'accept' | 'reject'): RestrictionMember[] {
  return stmt(
    db,
    `select r.id, r.alias, r.display_name as displayName, r.kind, r.target_address as targetAddress
     from delivery_restriction d join recipient r on r.id = d.recipient_id
     where d.server_id = ? and d.list = ? order by r.display_name collate nocase, r.alias`,
  ).all(server.id, list) as RestrictionMember[];
}

/** `MS:NET/PO/MBX` or `PCM:NET/PO/MBX` as the `NET/PO/MBX` a dirsync message's From carries, upper case. */
const msMailAddress = (target: string | null) => {
  const m = target ? /^(MS|PCM):(.+)$/i.exec(target) : null;
  return m ? m[2].toUpperCase() : null;
};

/**
 * The Delivery Restrictions as a test of senders, read once: null when every sender is accepted
 * (Accept All, Reject None — the default, so a cycle reads nothing more), else a function telling
 * why a dirsync message from `fromAddr` (`NET/PO/MBX`) is not accepted, or null when it is.
 * Senders are matched by their MS Mail address against the custom recipients on the lists;
 * mailboxes and distribution lists on a list match no MS Mail sender (no DL expansion).
 */
export function senderRefusal(db: Db, server: Pick<ServerRow, 'id'>): ((fromAddr: string) => string | null) | null {
  const o = directorySyncObject(db, server);
  if (o.acceptFrom === 'All' && o.rejectFrom === 'None') return null;
  const byAddress = (list: 'accept' | 'reject') => new Map(restrictionMembers(db, server, list).map((m) => [msMailAddress(m.targetAddress), m]));
  const rejected = o.rejectFrom === 'List' ? byAddress('reject') : null;
  const accepted = o.acceptFrom === 'List' ? byAddress('accept') : null;
  return (fromAddr) => {
    const from = fromAddr.toUpperCase();
    const m = rejected?.get(from);
    if (m) return `${m.displayName} is on the Reject messages from list`;
    if (accepted && !accepted.has(from)) return 'the sender is not on the Accept messages from list';
    return null;
  };
}

export interface TemplateMapRow {
  prompt: string;
  attribute: string;
}

export function templateMaps(db: Db, server: Pick<ServerRow, 'id'>, direction: 'incoming' | 'outgoing'): TemplateMapRow[] {
  return stmt(db, 'select prompt, attribute from template_map where server_id = ? and direction = ? order by id').all(server.id, direction) as TemplateMapRow[];
}

export function recipientAttributes(db: Db, recipientId: number): Record<string, string> {
  const rows = stmt(db, 'select attribute, value from recipient_attribute where recipient_id = ? order by attribute').all(recipientId) as {
    attribute: string;
    value: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.attribute, r.value]));
}

/** Set attributes (an empty value removes one); returns the names whose value changed. */
export function writeRecipientAttributes(db: Db, recipientId: number, values: Record<string, string>): string[] {
  const had = recipientAttributes(db, recipientId);
  const changed: string[] = [];
  for (const [attribute, value] of Object.entries(values)) {
    if ((had[attribute] ?? '') === value) continue;
    changed.push(attribute);
    if (value === '') stmt(db, 'delete from recipient_attribute where recipient_id = ? and attribute = ?').run(recipientId, attribute);
    else
      stmt(db, 'insert into recipient_attribute (recipient_id, attribute, value) values (?, ?, ?) on conflict do update set value = excluded.value').run(
        recipientId,
        attribute,
        value,
      );
  }
  return changed;
}
