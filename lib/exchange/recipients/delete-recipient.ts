import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { exportChange } from '../dxa/export-recipients';
import { resolveRecipient } from './recipients';
import { resolveServer } from '../servers/servers';

/** Delete a recipient; an exported one is a `D` to the dirsync server (T0). */
export function deleteRecipient(db: Db, serverName: string, alias: string): void {
  step(db, () => {
    const server = resolveServer(db, serverName);
    const r = resolveRecipient(db, server, alias);
    exportChange(db, server, r.id, true);
    stmt(db, 'delete from recipient where id = ?').run(r.id);
  });
}
