import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { writeRecipientAttributes } from '../dxa/directory-sync-object';
import { exportChange } from '../dxa/export-recipients';
import { checkDisplayName, checkTrust, resolveContainer, resolveRecipient, type RecipientRow } from './recipients';
import { resolveServer } from '../servers/servers';
import { checkAttributes } from '../dxa/template-attributes';

export interface ModifyRecipientInput {
  displayName?: string;
  trust?: number;
  hidden?: boolean;
  container?: string;
  /** Title, Company, Department, …: the values given (an empty one clears it); others stay. */
  attributes?: Record<string, string>;
  /** The revision the editor read; a save over someone else's is refused. */
  revision?: number;
}

/**
 * Change a recipient (Display name and the General tab's attributes, Advanced ▸ Trust level and
 * Hide from address book, or a move); T0 when exported — an attribute sent as template data makes
 * an M too.
 */
export function modifyRecipient(db: Db, serverName: string, alias: string, input: ModifyRecipientInput): RecipientRow {
  const displayName = input.displayName === undefined ? undefined : checkDisplayName(input.displayName);
  const trust = input.trust === undefined ? undefined : checkTrust(input.trust);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const r = resolveRecipient(db, server, alias);
    if (input.revision !== undefined && input.revision !== r.revision) {
      throw conflict(`${r.displayName} was changed by someone else since you opened it: close it and open it again`);
    }
    const attributes = input.attributes === undefined ? {} : checkAttributes(input.attributes);
    const containerId = input.container === undefined ? r.containerId : resolveContainer(db, server, input.container).id;
    stmt(
      db,
      'update recipient set display_name = ?, trust = ?, hidden = ?, container_id = ?, revision = revision + 1 where id = ?',
    ).run(displayName ?? r.displayName, trust ?? r.trust, input.hidden === undefined ? r.hidden : input.hidden ? 1 : 0, containerId, r.id);
    exportChange(db, server, r.id, false, writeRecipientAttributes(db, r.id, attributes));
    return resolveRecipient(db, server, alias);
  });
}
