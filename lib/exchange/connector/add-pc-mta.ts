import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';
import { type PcMtaOptions, checkServiceName, checkConnectionType, checkMinutes, servicedPos, writeServices, checkComPortFor } from './pc-mta-fields';
import { type PcMtaDto, findMta, resolveMta, pcMtaDto } from './pc-mtas';

/** Connector MTAs tab ▸ New…: a new instance and its NT service (Stopped: a new service must be started). */
export function addPcMta(db: Db, serverName: string, serviceName: string, opts: PcMtaOptions = {}): PcMtaDto {
  const name = checkServiceName(serviceName);
  const poll = checkMinutes('Check for mail every', opts.pollMinutes ?? 5);
  const config = checkMinutes('Update configuration every', opts.configMinutes ?? 60);
  const type = checkConnectionType(opts.connectionType ?? 'LAN');
  const comPort = checkComPortFor(type, opts.comPort);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const taken = stmt(db, 'select name from exchange_service where server_id = ? and name = ? collate nocase').get(server.id, name) as
      | { name: string }
      | undefined;
    if (taken || findMta(db, server, name)) {
      throw conflict(`Service Name "${name}": a service named "${taken?.name ?? name}" already exists on ${server.name}; choose another name`);
    }
    const poIds = servicedPos(db, server, opts.services ?? [], type);
    const { id } = stmt(
      db,
      `insert into pc_mta (server_id, service_name, poll_minutes, config_minutes, log_sent, log_received, connection_type, com_port)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(server.id, name, poll, config, opts.logSent ? 1 : 0, opts.logReceived ? 1 : 0, type, comPort ?? 'COM1') as { id: number };
    writeServices(db, id, poIds);
    stmt(db, "insert into exchange_service (server_id, name, display_name, mta_id, state) values (?, ?, ?, ?, 'Stopped')").run(server.id, name, name, id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return pcMtaDto(db, server, resolveMta(db, server, name));
  });
}
