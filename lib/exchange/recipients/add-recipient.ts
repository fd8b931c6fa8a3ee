import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { parseAddress } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/core/statements';
import { writeRecipientAttributes } from '../dxa/directory-sync-object';
import { exportChange } from '../dxa/export-recipients';
import { checkAlias, checkDisplayName, checkTrust, findRecipient, freeMsMailbox, resolveContainer, resolveRecipient, type RecipientKind, type RecipientRow } from './recipients';
import { resolveServer } from '../servers/servers';
import { checkAttributes } from '../dxa/template-attributes';

export interface AddRecipientInput {
  container: string;
  alias: string;
  displayName: string;
  kind?: RecipientKind;
  trust?: number;
  hidden?: boolean;
  /** Custom recipients: their foreign address, `TYPE:VALUE`. */
  targetAddress?: string;
  /** Title, Company, Department, … (template-attributes.ts). */
  attributes?: Record<string, string>;
}

/** A new mailbox, custom recipient or distribution list; exported at once when it qualifies (T0). */
export function addRecipient(db: Db, serverName: string, input: AddRecipientInput): RecipientRow {
  const alias = checkAlias(input.alias);
  const displayName = checkDisplayName(input.displayName);
  const trust = checkTrust(input.trust ?? 0);
  const kind = input.kind ?? 'mailbox';
  const target = kind === 'custom' ? checkTarget(input.targetAddress) : null;
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const container = resolveContainer(db, server, input.container);
    if (findRecipient(db, server, alias)) throw conflict(`alias "${alias}" is already used in site ${server.site}`);
    const { id } = stmt(
      db,
      `insert into recipient (site_id, container_id, alias, display_name, kind, trust, hidden, ms_mailbox, target_address)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(server.siteId, container.id, alias, displayName, kind, trust, input.hidden ? 1 : 0, freeMsMailbox(db, server, alias), target) as {
      id: number;
    };
    writeRecipientAttributes(db, id, checkAttributes(input.attributes ?? {}));
    exportChange(db, server, id);
    return resolveRecipient(db, server, alias);
  });
}

function checkTarget(address: string | undefined): string {
  if (!address) throw usage('a custom recipient needs its e-mail address: --address TYPE:VALUE, e.g. SMTP:pat@example.com');
  if (!parseAddress(address)) throw usage(`"${address}" is not an address TYPE:VALUE (MS and PCM values are NET/PO/MAILBOX)`);
  return address;
}
