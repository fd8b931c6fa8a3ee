import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { resolveServer, type ServerRow } from '../servers/servers';

/** Primary language for clients: the drop-down's choices (the reference lists none: [MEM]). */
export const CONNECTOR_LANGUAGES = ['English', 'French', 'German', 'Italian', 'Spanish', 'Dutch', 'Swedish', 'Danish', 'Norwegian', 'Finnish', 'Portuguese', 'Japanese'] as const;

/** Message size Max (K): the IMC's range, the only one documented (KB Q146264). */
export const MAX_MESSAGE_KB = 2_097_151;
export const DISPLAY_NAME_MAX = 256;
export const ADMIN_NOTE_MAX = 1024;

export interface MsMailConnectorDto {
  server: string;
  displayName: string;
  /** Alias of the Administrator's mailbox; '' when none is chosen. */
  administratorMailbox: string;
  primaryLanguage: string;
  maximizeCompatibility: boolean;
  messageTracking: boolean;
  appleTalk: boolean;
  /** Message size: null = No limit. */
  maxMessageKb: number | null;
  adminNote: string;
  confirmConnectionChanges: boolean;
  revision: number;
}

interface Row {
  displayName: string;
  administratorMailbox: string;
  primaryLanguage: string;
  maximizeCompatibility: number;
  messageTracking: number;
  appleTalk: number;
  maxMessageKb: number | null;
  adminNote: string;
  confirmConnectionChanges: number;
  revision: number;
}

const columns = `display_name as displayName, administrator_mailbox as administratorMailbox, primary_language as primaryLanguage,
  maximize_compatibility as maximizeCompatibility, message_tracking as messageTracking, apple_talk as appleTalk,
  max_message_kb as maxMessageKb, admin_note as adminNote, confirm_connection_changes as confirmConnectionChanges, revision`;

export function connectorRow(db: Db, server: ServerRow): Row {
  const r = stmt(db, `select ${columns} from ms_mail_connector where server_id = ?`).get(server.id) as Row | undefined;
  if (!r) throw notFound(`${server.name} has no MS Mail Connector`);
  return r;
}

export const msMailConnectorDto = (server: ServerRow, r: Row): MsMailConnectorDto => ({
  server: server.name,
  displayName: r.displayName,
  administratorMailbox: r.administratorMailbox,
  primaryLanguage: r.primaryLanguage,
  maximizeCompatibility: !!r.maximizeCompatibility,
  messageTracking: !!r.messageTracking,
  appleTalk: !!r.appleTalk,
  maxMessageKb: r.maxMessageKb,
  adminNote: r.adminNote,
  confirmConnectionChanges: !!r.confirmConnectionChanges,
  revision: r.revision,
});

/** The connector's settings. */
export function msMailConnector(db: Db, serverName: string): MsMailConnectorDto {
  const server = resolveServer(db, serverName);
  return msMailConnectorDto(server, connectorRow(db, server));
}
