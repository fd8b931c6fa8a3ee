import type { Db } from '@/db/client';
import { denied } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { exportChange } from '../dxa/export-recipients';
import { resolveRecipient } from './recipients';
import { resolveServer } from '../servers/servers';

/**
 * Delete a recipient; an exported one is a `D` to the dirsync server (T0). The hidden
 * `NET/PO/$SYSTEM` recipient addresses a dirsync partner: it goes with its dirsync object, never
 * alone (console and command line alike).
 */
export function deleteRecipient(db: Db, serverName: string, alias: string): void {
  step(db, () => {
    const server = resolveServer(db, serverName);
    const r = resolveRecipient(db, server, alias);
    if (r.alias.endsWith('.$SYSTEM')) throw denied(`${r.displayName} belongs to a dirsync object: delete that object instead`, { code: 'recipient.belongs-to-dirsync-object' });
    exportChange(db, server, r.id, true);
    stmt(db, 'delete from recipient where id = ?').run(r.id);
  });
}
