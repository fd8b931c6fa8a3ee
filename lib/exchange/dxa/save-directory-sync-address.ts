import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/core/statements';
import { checkRevision, directorySyncObject, touchDirectorySyncObject } from './directory-sync-object';
import { connectorPo, dxaAddress, generatedDxaMailbox, resolveServer } from '../servers/servers';

/**
 * E-mail Addresses ▸ MS ▸ Edit: the DXA's MS Mail address. KB Q187779 fixes a requestor address
 * that another server already uses (`…\SYSTEM1`) by editing it here, so the mailbox part may be
 * changed; the network and postoffice are the connector's Local Postoffice names and are changed on
 * that tab. An empty address, or the generated one, goes back to the generated address (KB Q150828),
 * which follows the server's role from then on.
 */
export function saveDirectorySyncAddress(db: Db, serverName: string, input: { msAddress: string; revision?: number }): { msAddress: string; revision: number; changed: boolean } {
  const text = input.msAddress.trim().toUpperCase();
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = connectorPo(db, server);
    const o = directorySyncObject(db, server);
    checkRevision(server, o, input.revision);
    let mailbox: string | null = null;
    if (text) {
      const parts = text.split('/');
      if (parts.length !== 3) throw usage(`MS address "${input.msAddress.trim()}" is not NET/PO/MAILBOX`);
      if (`${parts[0]}/${parts[1]}` !== poKey(po)) {
        throw conflict(`The MS address must be on ${poKey(po)}, the MS Mail Connector's Local Postoffice: change the network and postoffice names on its Local Postoffice tab`);
      }
      if (!/^[A-Z0-9$]{1,10}$/.test(parts[2])) throw usage(`MS address mailbox "${parts[2]}" must be 1 to 10 letters, digits or $`);
      mailbox = parts[2] === generatedDxaMailbox(db, server) ? null : parts[2];
    }
    const before = (stmt(db, 'select ms_mailbox as m from directory_sync_object where server_id = ?').get(server.id) as { m: string | null } | undefined)?.m ?? null;
    if (before === mailbox) return { msAddress: dxaAddress(db, server), revision: o.revision, changed: false };
    const revision = touchDirectorySyncObject(db, server);
    stmt(db, 'update directory_sync_object set ms_mailbox = ? where server_id = ?').run(mailbox, server.id);
    return { msAddress: dxaAddress(db, server), revision, changed: true };
  });
}
