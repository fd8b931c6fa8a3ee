import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { checkRevision, directorySyncObject, touchDirectorySyncObject } from './directory-sync-object';
import { resolveServer } from '../servers/servers';

export const DEFAULT_DXA_DISPLAY_NAME = 'Directory Synchronization';

/** The Directory Synchronization object's display name (General tab); the default when never set. */
export function dxaDisplayName(db: Db, serverId: number): string {
  return (stmt(db, 'select display_name as n from directory_sync_object where server_id = ?').get(serverId) as { n: string | null } | undefined)?.n ?? DEFAULT_DXA_DISPLAY_NAME;
}

/**
 * General tab ▸ Apply: the object's display name, as every Administrator object's General tab
 * edits it — 1 to 256 characters, no line breaks. Unchanged saves nothing.
 */
export function saveDirectorySyncGeneral(db: Db, serverName: string, input: { displayName: string; revision?: number }): { displayName: string; revision: number; changed: boolean } {
  const name = input.displayName.trim();
  if (!name) throw usage('Display name is required: give the Directory Synchronization object a name');
  if (name.length > 256) throw usage(`Display name is ${name.length} characters long: 256 at most`);
  if (/[\r\n\t]/.test(name)) throw usage('Display name cannot contain tabs or line breaks');
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const o = directorySyncObject(db, server);
    checkRevision(server, o, input.revision);
    if (name === dxaDisplayName(db, server.id)) return { displayName: name, revision: o.revision, changed: false };
    const revision = touchDirectorySyncObject(db, server);
    stmt(db, 'update directory_sync_object set display_name = ? where server_id = ?').run(name === DEFAULT_DXA_DISPLAY_NAME ? null : name, server.id);
    return { displayName: name, revision, changed: true };
  });
}
