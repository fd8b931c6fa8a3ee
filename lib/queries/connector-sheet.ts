import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { connections, type ConnectionDto } from '@/lib/exchange/connector/connections';
import { defaultUncPath, ATTEMPTS_DEFAULT, ATTEMPTS_MAX, ATTEMPTS_MIN } from '@/lib/exchange/connector/connection-fields';
import { connectorQueue, type ConnectorQueueDto } from '@/lib/exchange/connector/connector-queue';
import { LOGGING_SERVICES, type LoggingService } from '@/lib/exchange/services/diagnostics-categories';
import { addressSpaceEntries, type AddressSpaceEntry } from '@/lib/exchange/connector/save-address-space';
import { msMailConnector, type MsMailConnectorDto } from '@/lib/exchange/connector/ms-mail-connector';
import { pcMtas, type PcMtaDto } from '@/lib/exchange/connector/pc-mtas';
import { loggingLevels } from '@/lib/exchange/services/logging-levels';
import { localPostoffice, type LocalPostofficeDto } from '@/lib/exchange/connector/local-postoffice';
import { resolveServer } from '@/lib/exchange/servers/servers';

/** What the MS Mail Connector (<SERVER>) Properties sheet shows, read per tab. */

export interface SheetHeader {
  server: string;
  site: string;
  version: string;
  connector: MsMailConnectorDto;
}

export function connectorHeader(db: Db, serverName: string): SheetHeader {
  const server = resolveServer(db, serverName);
  return { server: server.name, site: server.site, version: server.version, connector: msMailConnector(db, server.name) };
}

/** Mailboxes of the server's site, for the Administrator's mailbox picker. */
export function siteMailboxes(db: Db, serverName: string): { alias: string; displayName: string }[] {
  const server = resolveServer(db, serverName);
  return stmt(db, "select alias, display_name as displayName from recipient where site_id = ? and kind = 'mailbox' order by display_name collate nocase").all(server.siteId) as {
    alias: string;
    displayName: string;
  }[];
}

export const localPostofficeTab = (db: Db, server: string): LocalPostofficeDto => localPostoffice(db, server);

export interface ConnectionsTab {
  connections: ConnectionDto[];
  /** MS Mail postoffices without a connection yet, with the default Postoffice Path. */
  connectable: { postoffice: string; defaultPath: string }[];
  /** Postoffices connected directly (LAN, Async, X.25): the choices for Indirect via. */
  direct: string[];
  /** Connection attempts' range and default (the model's choice; the reference has none). */
  attempts: { min: number; max: number; default: number };
}

export function connectionsTab(db: Db, serverName: string): ConnectionsTab {
  const list = connections(db, serverName);
  const taken = new Set(list.map((c) => c.postoffice));
  const connectable = (
    stmt(db, "select network, name, file_server as fileServer from postoffice where kind = 'msmail' order by network, name").all() as { network: string; name: string; fileServer: string }[]
  )
    .map((p) => ({ postoffice: `${p.network}/${p.name}`, defaultPath: defaultUncPath(p) }))
    .filter((p) => !taken.has(p.postoffice));
  const direct = list.filter((c) => c.kind !== 'Indirect').map((c) => c.postoffice);
  return { connections: list, connectable, direct, attempts: { min: ATTEMPTS_MIN, max: ATTEMPTS_MAX, default: ATTEMPTS_DEFAULT } };
}

export const queueView = (db: Db, server: string, po: string): ConnectorQueueDto => connectorQueue(db, server, po);

/** An instance with what it waits to read at its next start: a new polling interval, pending Diagnostics Logging levels (MSExchangePCMTA). */
export type MtaView = PcMtaDto & { revision: number; restartFor: string[] };

export function mtasTab(db: Db, serverName: string): MtaView[] {
  const server = resolveServer(db, serverName);
  const revisions = new Map(
    (stmt(db, 'select service_name as name, revision from pc_mta where server_id = ?').all(server.id) as { name: string; revision: number }[]).map((r) => [r.name, r.revision]),
  );
  const logging = loggingLevels(db, server.name, 'MSExchangePCMTA').rows.filter((r) => r.restartPending);
  return pcMtas(db, server.name).map((m) => {
    const restartFor: string[] = [];
    if (m.restartNeeded) restartFor.push(`Check for mail every ${m.pollMinutes} ${m.pollMinutes === 1 ? 'minute' : 'minutes'} (running with ${m.runningPollMinutes})`);
    if (m.state !== 'Stopped' && logging.length) restartFor.push(`Diagnostics logging (${logging.map((l) => `${l.category} ${l.levelName}`).join(', ')})`);
    return { ...m, revision: revisions.get(m.serviceName) ?? 0, restartFor };
  });
}

export const addressSpaceTab = (db: Db, server: string): AddressSpaceEntry[] => addressSpaceEntries(db, server);

export interface LoggingServiceView {
  name: LoggingService;
  description: string;
  categories: { category: string; level: number; levelName: string; effectiveName: string; restartPending: boolean }[];
}

const DESCRIPTIONS: Record<LoggingService, string> = {
  MSExchangeMSMI: 'The Connector interchange activity for message transfer to and from Microsoft Exchange Server and the Connector postoffice',
  MSExchangePCMTA: 'The Connector (PC) MTA activity for MTA transport between the Connector postoffice and a directly connected MS Mail (PC) postoffice',
  MSExchangeATMTA: 'The Connector (AppleTalk) MTA activity, applicable when the Microsoft Mail Connector is configured for MS Mail (AppleTalk)',
  MSExchangeDX: 'The directory synchronization agent (DXA) of this server',
};

/** A Diagnostics Logging tab: the services given, each with its categories and levels. */
export function loggingTab(db: Db, serverName: string, services: LoggingService[]): { version: string; services: LoggingServiceView[] } {
  const all = loggingLevels(db, serverName);
  return {
    version: all.version,
    services: services.map((name) => ({
      name,
      description: DESCRIPTIONS[name],
      categories: all.rows
        .filter((r) => r.service === name && (LOGGING_SERVICES[name] as readonly string[]).includes(r.category))
        .map((r) => ({ category: r.category, level: r.level, levelName: r.levelName, effectiveName: r.effectiveName, restartPending: r.restartPending })),
    })),
  };
}
