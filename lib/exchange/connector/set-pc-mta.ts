import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';
import { type PcMtaOptions, checkConnectionType, checkMinutes, servicedPos, writeServices, checkComPortFor } from './pc-mta-fields';
import { type PcMtaDto, resolveMta, pcMtaDto, mtaRevision } from './pc-mtas';

/** Connector MTAs tab ▸ Configure…: change an instance (its name is fixed). A new interval applies after a restart. */
export function setPcMta(db: Db, serverName: string, serviceName: string, opts: PcMtaOptions): PcMtaDto {
  const poll = opts.pollMinutes === undefined ? undefined : checkMinutes('Check for mail every', opts.pollMinutes);
  const config = opts.configMinutes === undefined ? undefined : checkMinutes('Update configuration every', opts.configMinutes);
  const newType = opts.connectionType === undefined ? undefined : checkConnectionType(opts.connectionType);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = resolveMta(db, server, serviceName);
    if (opts.revision !== undefined && opts.revision !== mtaRevision(db, row.id)) {
      throw conflict(`The Connector (PC) MTA "${row.serviceName}" was changed by someone else since you opened it: close it and open it again`);
    }
    const type = newType ?? row.connectionType;
    const comPort = checkComPortFor(type, opts.comPort);
    // A new type is checked against the list it will service: the new one, or the current one.
    const current = pcMtaDto(db, server, row).services;
    const poIds = opts.services === undefined && newType === undefined ? undefined : servicedPos(db, server, opts.services ?? current, type);
    stmt(
      db,
      `update pc_mta set poll_minutes = ?, config_minutes = ?, log_sent = ?, log_received = ?, connection_type = ?, com_port = ?, revision = revision + 1 where id = ?`,
    ).run(
      poll ?? row.pollMinutes,
      config ?? row.configMinutes,
      opts.logSent === undefined ? row.logSent : opts.logSent ? 1 : 0,
      opts.logReceived === undefined ? row.logReceived : opts.logReceived ? 1 : 0,
      type,
      comPort ?? row.comPort,
      row.id,
    );
    if (poIds) writeServices(db, row.id, poIds);
    return pcMtaDto(db, server, resolveMta(db, server, row.serviceName));
  });
}
