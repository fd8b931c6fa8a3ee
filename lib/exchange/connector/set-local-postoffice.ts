import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/core/statements';
import { checkLocalPostoffice, localPostoffice, type LocalPostofficeDto, renameRefusal } from './local-postoffice';
import { connectorPo, resolveServer } from '../servers/servers';

/**
 * The MS Mail Connector's Local Postoffice tab (KB Q198898; docs/console.md):
 * Network name and PostOffice name of the connector postoffice, ≤ 10 standard MS Mail characters
 * each, no reserved network name (KB Q175978).
 *
 * Renaming a postoffice invalidates every address others hold for it (KB Q114246). The model
 * keeps it simple: a rename is refused, with the reason, once dirsync knows the old name —
 * while the server has a Dirsync Server or Dirsync Requestor object, while an MS Mail dirsync
 * server lists the connector postoffice as a requestor or an MS Mail requestor is registered with
 * it, while a recipient has been exported under the old address, or while dirsync messages are
 * held by, or on their way to, the connector postoffice.
 */

/** Local Postoffice tab ▸ Apply: rename the connector postoffice (one step). Unchanged names save nothing but the revision. */
export function setLocalPostoffice(db: Db, serverName: string, input: { network: string; postoffice: string; revision?: number }): LocalPostofficeDto {
  const names = checkLocalPostoffice(input.network, input.postoffice);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const { revision } = stmt(db, 'select revision from ms_mail_connector where server_id = ?').get(server.id) as { revision: number };
    if (input.revision !== undefined && input.revision !== revision) {
      throw conflict(`The MS Mail Connector (${server.name}) was changed by someone else since you opened it: close it and open it again`);
    }
    const po = connectorPo(db, server);
    if (po.network !== names.network || po.name !== names.name) {
      const why = renameRefusal(db, server);
      if (why) throw conflict(`The Local Postoffice names cannot be changed: ${why}`);
      const other = findPo(db, names);
      if (other && other.id !== po.id) throw conflict(`a postoffice ${poKey(names)} already exists: choose other Local Postoffice names`);
      stmt(db, 'update postoffice set network = ?, name = ? where id = ?').run(names.network, names.name, po.id);
    }
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return localPostoffice(db, server.name);
  });
}
