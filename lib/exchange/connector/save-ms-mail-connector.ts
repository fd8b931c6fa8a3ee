import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer, type ServerRow } from '../servers/servers';
import { CONNECTOR_LANGUAGES, MAX_MESSAGE_KB, DISPLAY_NAME_MAX, ADMIN_NOTE_MAX, type MsMailConnectorDto, connectorRow, msMailConnectorDto } from './ms-mail-connector';

/**
 * The MS Mail Connector's General and Interchange tabs, and the Connections tab's "Confirm before
 * connection changes are applied" (docs/console.md, "Connections, the MS Mail Connector sheet, Directory Synchronization"): the one row of
 * `ms_mail_connector` per server. A save names the revision its sheet was opened at and is refused
 * over a newer one; nothing is saved on a bad value.
 */

export interface MsMailConnectorInput {
  displayName?: string;
  administratorMailbox?: string;
  primaryLanguage?: string;
  maximizeCompatibility?: boolean;
  messageTracking?: boolean;
  appleTalk?: boolean;
  /** null = No limit; a number or its text = Max (K). */
  maxMessageKb?: number | string | null;
  adminNote?: string;
  confirmConnectionChanges?: boolean;
  /** The revision the sheet was opened at. */
  revision?: number;
}

function checkDisplayName(text: string): string {
  const name = text.trim();
  if (!name) throw usage('Display name is required');
  if (name.length > DISPLAY_NAME_MAX || /[\r\n\t]/.test(name)) throw usage(`Display name must be 1 to ${DISPLAY_NAME_MAX} characters on one line`);
  return name;
}

function checkMaxKb(value: number | string | null): number | null {
  if (value === null) return null;
  const text = String(value).trim();
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_MESSAGE_KB) throw usage(`Max (K) must be a whole number of kilobytes from 1 to ${MAX_MESSAGE_KB.toLocaleString('en-US')}; got "${text}"`);
  return n;
}

function checkLanguage(text: string): string {
  const found = CONNECTOR_LANGUAGES.find((l) => l.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw usage(`Primary language for clients "${text}" is not one of ${CONNECTOR_LANGUAGES.join(', ')}`);
  return found;
}

/** Administrator's mailbox: a mailbox of the server's site, by alias; '' for none. */
function checkMailbox(db: Db, server: ServerRow, alias: string): string {
  const a = alias.trim();
  if (!a) return '';
  const r = stmt(db, "select alias from recipient where site_id = ? and alias = ? collate nocase and kind = 'mailbox'").get(server.siteId, a) as
    | { alias: string }
    | undefined;
  if (!r) throw notFound(`Administrator's mailbox: there is no mailbox "${a}" in site ${server.site}`);
  return r.alias;
}

/** Save the General / Interchange fields given (the others keep their values); one step. */
export function saveMsMailConnector(db: Db, serverName: string, input: MsMailConnectorInput): MsMailConnectorDto {
  const displayName = input.displayName === undefined ? undefined : checkDisplayName(input.displayName);
  const maxKb = input.maxMessageKb === undefined ? undefined : checkMaxKb(input.maxMessageKb);
  const language = input.primaryLanguage === undefined ? undefined : checkLanguage(input.primaryLanguage);
  if (input.adminNote !== undefined && input.adminNote.length > ADMIN_NOTE_MAX) throw usage(`Administrative note can be at most ${ADMIN_NOTE_MAX} characters`);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const r = connectorRow(db, server);
    if (input.revision !== undefined && input.revision !== r.revision) {
      throw conflict(`${r.displayName} (${server.name}) was changed by someone else since you opened it: close it and open it again`);
    }
    const mailbox = input.administratorMailbox === undefined ? r.administratorMailbox : checkMailbox(db, server, input.administratorMailbox);
    const flag = (v: boolean | undefined, old: number) => (v === undefined ? old : v ? 1 : 0);
    stmt(
      db,
      `update ms_mail_connector set display_name = ?, administrator_mailbox = ?, primary_language = ?, maximize_compatibility = ?,
        message_tracking = ?, apple_talk = ?, max_message_kb = ?, admin_note = ?, confirm_connection_changes = ?, revision = revision + 1
       where server_id = ?`,
    ).run(
      displayName ?? r.displayName,
      mailbox,
      language ?? r.primaryLanguage,
      flag(input.maximizeCompatibility, r.maximizeCompatibility),
      flag(input.messageTracking, r.messageTracking),
      flag(input.appleTalk, r.appleTalk),
      maxKb === undefined ? r.maxMessageKb : maxKb,
      input.adminNote ?? r.adminNote,
      flag(input.confirmConnectionChanges, r.confirmConnectionChanges),
      server.id,
    );
    return msMailConnectorDto(server, connectorRow(db, server));
  });
}
