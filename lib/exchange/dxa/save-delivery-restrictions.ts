import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { checkRevision, directorySyncObject, restrictionMembers, touchDirectorySyncObject } from './directory-sync-object';
import { resolveRecipient } from '../recipients/recipients';
import { resolveServer } from '../servers/servers';

export interface DeliveryRestrictionsInput {
  acceptFrom?: 'All' | 'List';
  rejectFrom?: 'None' | 'List';
  /** Aliases of the Accept list / Reject list; a list not given stays as it is. */
  accept?: string[];
  reject?: string[];
  revision?: number;
}

export interface DeliveryRestrictionsResult {
  acceptFrom: 'All' | 'List';
  rejectFrom: 'None' | 'List';
  accept: string[];
  reject: string[];
  revision: number;
  changed: boolean;
}

/**
 * Directory Synchronization ▸ Delivery Restrictions (xog11024): "Accept messages from All / List",
 * "Reject messages from None / List". Dirsync mail from a sender that is not accepted is returned
 * (return-refused-dirsync-mail.ts). Accept List with nobody on it would refuse every dirsync
 * message, so it is refused; a recipient cannot be on both lists.
 */
export function saveDeliveryRestrictions(db: Db, serverName: string, input: DeliveryRestrictionsInput): DeliveryRestrictionsResult {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const before = directorySyncObject(db, server);
    checkRevision(server, before, input.revision);
    const ids = (list: 'accept' | 'reject', aliases: string[] | undefined) =>
      aliases === undefined ? restrictionMembers(db, server, list).map((m) => m.id) : [...new Set(aliases.map((a) => resolveRecipient(db, server, a).id))];
    const accept = ids('accept', input.accept);
    const reject = ids('reject', input.reject);
    const acceptFrom = input.acceptFrom ?? before.acceptFrom;
    const rejectFrom = input.rejectFrom ?? before.rejectFrom;
    if (acceptFrom === 'List' && accept.length === 0) {
      throw usage('Accept messages from List has nobody on the list, so every dirsync message would be returned: click Modify… to add senders, or choose All');
    }
    const both = accept.filter((id) => reject.includes(id));
    if (both.length) {
      const names = both.map((id) => (stmt(db, 'select display_name as n from recipient where id = ?').get(id) as { n: string }).n);
      throw usage(`${names.join(', ')} cannot be on both the Accept and the Reject list: remove it from one of them`);
    }
    const same = (list: 'accept' | 'reject', want: number[]) => {
      const had = restrictionMembers(db, server, list).map((m) => m.id).sort((a, b) => a - b);
      return had.join(',') === [...want].sort((a, b) => a - b).join(',');
    };
    const changed = acceptFrom !== before.acceptFrom || rejectFrom !== before.rejectFrom || !same('accept', accept) || !same('reject', reject);
    let revision = before.revision;
    if (changed) {
      revision = touchDirectorySyncObject(db, server);
      stmt(db, 'update directory_sync_object set accept_from = ?, reject_from = ? where server_id = ?').run(acceptFrom, rejectFrom, server.id);
      stmt(db, 'delete from delivery_restriction where server_id = ?').run(server.id);
      const add = stmt(db, 'insert into delivery_restriction (server_id, list, recipient_id) values (?, ?, ?)');
      for (const id of accept) add.run(server.id, 'accept', id);
      for (const id of reject) add.run(server.id, 'reject', id);
    }
    const aliases = (list: 'accept' | 'reject') => restrictionMembers(db, server, list).map((m) => m.alias);
    return { acceptFrom, rejectFrom, accept: aliases('accept'), reject: aliases('reject'), revision, changed };
  });
}
