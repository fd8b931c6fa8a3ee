import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import { resolveServer, type ServerRow } from '../servers/servers';
import type { MtaConnectionType } from './pc-mta-fields';

export interface PcMtaDto {
  server: string;
  serviceName: string;
  pollMinutes: number;
  configMinutes: number;
  logSent: boolean;
  logReceived: boolean;
  /** Postoffices Serviced, `NET/PO`, by name. */
  services: string[];
  connectionType: MtaConnectionType;
  /** Communication Port; used by an "Async and LAN" instance only. */
  comPort: string;
  /** State of the instance's NT service. */
  state: 'Running' | 'Paused' | 'Stopped';
  /** The interval the running service reads (set when it started); null when it has not started. */
  runningPollMinutes: number | null;
  /** Simulation time (ISO) of the next poll while running; null otherwise. */
  nextPollAt: string | null;
  /** The service runs with an interval other than the configured one: restart it to apply. */
  restartNeeded: boolean;
}

interface MtaRow {
  id: number;
  serviceName: string;
  pollMinutes: number;
  configMinutes: number;
  logSent: number;
  logReceived: number;
  connectionType: MtaConnectionType;
  comPort: string;
  runningPollMinutes: number | null;
  nextPollAt: number | null;
  state: 'Running' | 'Paused' | 'Stopped' | null;
}

const mtaColumns = `m.id, m.service_name as serviceName, m.poll_minutes as pollMinutes, m.config_minutes as configMinutes,
  m.log_sent as logSent, m.log_received as logReceived, m.connection_type as connectionType, m.com_port as comPort, m.running_poll_minutes as runningPollMinutes,
  m.next_poll_at as nextPollAt, s.state
  from pc_mta m left join exchange_service s on s.mta_id = m.id`;

/** An instance by name (case-insensitive, as NT service names are). */
export function findMta(db: Db, server: ServerRow, name: string): MtaRow | undefined {
  return stmt(db, `select ${mtaColumns} where m.server_id = ? and m.service_name = ? collate nocase`).get(server.id, name.trim()) as MtaRow | undefined;
}

export function resolveMta(db: Db, server: ServerRow, name: string): MtaRow {
  const row = findMta(db, server, name);
  if (!row) {
    throw notFound(`${server.name} has no Connector (PC) MTA "${name.trim()}": "dirsync exchange mta list ${server.name}" shows its instances`);
  }
  return row;
}

export function pcMtaDto(db: Db, server: ServerRow, row: MtaRow): PcMtaDto {
  const services = (
    stmt(
      db,
      'select p.network, p.name from pc_mta_postoffice s join postoffice p on p.id = s.po_id where s.mta_id = ? order by p.network, p.name',
    ).all(row.id) as { network: string; name: string }[]
  ).map(poKey);
  const state = row.state ?? 'Stopped';
  const running = state !== 'Stopped' && row.runningPollMinutes !== null;
  return {
    server: server.name,
    serviceName: row.serviceName,
    pollMinutes: row.pollMinutes,
    configMinutes: row.configMinutes,
    logSent: !!row.logSent,
    logReceived: !!row.logReceived,
    services,
    connectionType: row.connectionType,
    comPort: row.comPort,
    state,
    runningPollMinutes: row.runningPollMinutes,
    nextPollAt: row.nextPollAt === null ? null : new Date(row.nextPollAt).toISOString(),
    restartNeeded: running && row.runningPollMinutes !== row.pollMinutes,
  };
}

/** The revision of an instance (raised by each Configure…). */
export function mtaRevision(db: Db, mtaId: number): number {
  return (stmt(db, 'select revision from pc_mta where id = ?').get(mtaId) as { revision: number }).revision;
}

/** The MS Mail Connector (PC) MTA Services list of a server, by name. */
export function pcMtas(db: Db, serverName: string): PcMtaDto[] {
  const server = resolveServer(db, serverName);
  const rows = stmt(db, `select ${mtaColumns} where m.server_id = ? order by m.service_name collate nocase`).all(server.id) as MtaRow[];
  return rows.map((r) => pcMtaDto(db, server, r));
}

/** One instance. */
export function pcMta(db: Db, serverName: string, serviceName: string): PcMtaDto {
  const server = resolveServer(db, serverName);
  return pcMtaDto(db, server, resolveMta(db, server, serviceName));
}
