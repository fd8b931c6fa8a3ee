import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { conflict, usage } from '@/lib/core/errors';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { step, stmt } from '@/lib/core/statements';
import type { LoggingService } from './diagnostics-categories';
import { dxaOnArrival } from '../dxa/dxa-arrival';
import { dxaCycleNow } from '../dxa/dxa-cycle';
import { dxaResyncApply } from '../dxa/dxa-resync-apply';
import { dxaResyncExtract } from '../dxa/dxa-resync-extract';
import { dxEvent } from '../events/dx-events';
import { readAtStart, resolveService, type ServiceRow, type ServiceState } from './services';
import { atLeastSp3, dxaRole, resolveServer, type ServerRow } from '../servers/servers';
import { readStoredFile } from '@/lib/dirsync/stored-files';
import { recordRun, withTrigger } from '@/lib/history/record-run';

export const SERVICE_ACTIONS = ['start', 'stop', 'pause', 'continue', 'restart'] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

export interface ServiceResult {
  server: string;
  service: string;
  state: ServiceState;
  lines: string[];
  /** Pausing MSExchangeDX where that runs a cycle: the Error 2140 message (a good message, KB Q146738). */
  error2140?: string;
  /** The cycle the pause started, or a DX start's resync outcome. */
  cycle?: StepResult;
}

/**
 * Control Panel ▸ Services for an Exchange server's services. A start reads what the service reads
 * only when it starts: the diagnostics logging levels (4.0–5.5), a PC MTA's polling interval, and
 * for MSExchangeDX the registry values and the Resync.glb work. Pausing MSExchangeDX on 5.0 or
 * later, or on 4.0 with PauseKicksDX = 1 read at its start, does not pause it: it answers with
 * Error 2140 and runs a cycle — T1 on a requestor, T2 on a dirsync server.
 */
export function controlService(db: Db, serverName: string, serviceName: string, action: ServiceAction): ServiceResult {
  if (!SERVICE_ACTIONS.includes(action)) throw usage(`a service can be told to ${SERVICE_ACTIONS.join(', ')}; not "${action}"`);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const service = resolveService(db, server, serviceName);
    const lines: string[] = [];
    let cycle: StepResult | undefined;
    let error2140: string | undefined;
    const display = service.displayName;
    switch (action) {
      case 'start':
        if (service.state !== 'Stopped') throw conflict(`The ${display} service has already been started.`);
        cycle = withTrigger(db, { trigger: 'service start' }, () => start(db, server, service, lines));
        break;
      case 'stop':
        if (service.state === 'Stopped') throw conflict(`The ${display} service is not started.`);
        stop(db, server, service, lines);
        break;
      case 'restart':
        if (service.state !== 'Stopped') stop(db, server, service, lines);
        cycle = withTrigger(db, { trigger: 'service start' }, () => start(db, server, service, lines));
        break;
      case 'pause':
        if (service.state === 'Stopped') throw conflict(`The ${display} service is not started.`);
        if (service.name === 'MSExchangeDX' && (server.version !== '4.0' || readAtStart(service, 'PauseKicksDX') === '1')) {
          error2140 = `Could not pause the Microsoft Exchange Directory Synchronization service on \\\\${server.name}. Error 2140: An internal Windows NT error occurred.`;
          lines.push(error2140);
          cycle = withTrigger(db, { trigger: 'service pause' }, () => dxaCycleNow(db, server));
          lines.push(...cycle.lines);
        } else if (service.state === 'Running') {
          setState(db, service, 'Paused');
          if (service.mtaId !== null) stmt(db, 'update pc_mta set next_poll_at = null where id = ?').run(service.mtaId);
          lines.push(`The ${display} service was paused successfully.`);
        } else lines.push(`The ${display} service is already paused.`);
        break;
      case 'continue':
        if (service.state === 'Paused') {
          setState(db, service, 'Running');
          if (service.mtaId !== null) {
            stmt(db, 'update pc_mta set next_poll_at = ? + running_poll_minutes * 60000 where id = ?').run(now(db), service.mtaId);
          }
          lines.push(`The ${display} service was continued successfully.`);
        } else lines.push(`The ${display} service is ${service.state.toLowerCase()}: nothing to continue.`);
        break;
    }
    const state = (stmt(db, 'select state from exchange_service where id = ?').get(service.id) as { state: ServiceState }).state;
    return { server: server.name, service: service.name, state, lines, error2140, cycle };
  });
}

const setState = (db: Db, service: ServiceRow, state: ServiceState) =>
  stmt(db, 'update exchange_service set state = ?, started_at = ? where id = ?').run(state, state === 'Running' ? now(db) : null, service.id);

function loggingServiceOf(service: ServiceRow): LoggingService {
  if (service.mtaId !== null) return 'MSExchangePCMTA';
  return service.name === 'MSExchangeDX' ? 'MSExchangeDX' : 'MSExchangeMSMI';
}

function start(db: Db, server: ServerRow, service: ServiceRow, lines: string[]): StepResult | undefined {
  const registry = Object.fromEntries(
    (stmt(db, 'select name, data from registry_value where server_id = ?').all(server.id) as { name: string; data: string }[]).map((r) => [r.name, r.data]),
  );
  const read = service.name === 'MSExchangeDX' ? { PauseKicksDX: registry.PauseKicksDX, GlobalMaxSeqInResync: registry.GlobalMaxSeqInResync } : {};
  stmt(db, "update exchange_service set state = 'Running', started_at = ?, read_at_start = ? where id = ?").run(now(db), JSON.stringify(read), service.id);
  stmt(db, 'update diagnostics_level set effective_level = level where server_id = ? and service = ?').run(server.id, loggingServiceOf(service));
  lines.push(`The ${service.displayName} service was started successfully.`);
  if (service.mtaId !== null) {
    stmt(db, 'update pc_mta set running_poll_minutes = poll_minutes, next_poll_at = ? + poll_minutes * 60000 where id = ?').run(now(db), service.mtaId);
  }
  if (service.name !== 'MSExchangeDX') return undefined;
  dxEvent(db, server, 'started', 'The Microsoft Exchange Directory Synchronization service has started.');
  const role = dxaRole(db, server);
  let result: StepResult | undefined;
  if (role === 'server' && registry.ResyncConnectionRDNs !== undefined) {
    const globalMax = atLeastSp3(server) && Number(registry.GlobalMaxSeqInResync) === 1;
    const names = registry.ResyncConnectionRDNs.split('\n').filter(Boolean);
    result = recordRun(db, 'DXA resync extract', () => server.name, () => ({ lines: dxaResyncExtract(db, server, names, globalMax) }));
    // "In addition, the KEY that was added to the registry is removed." (KB Q150976)
    stmt(db, "delete from registry_value where server_id = ? and name = 'ResyncConnectionRDNs'").run(server.id);
  } else if (role === 'requestor') {
    // A Resync.glb waiting in Dxadata is a run of its own (with any reply applied right after it).
    const apply = () => {
      const r = dxaResyncApply(db, server);
      if (!r.fatal) r.lines.push(...dxaOnArrival(db, server).lines);
      return r;
    };
    result = readStoredFile(db, `${server.name}:Dxadata`, 'RESYNC.GLB') ? recordRun(db, 'DXA resync apply', () => server.name, apply) : apply();
  }
  if (result) lines.push(...result.lines, ...(result.fatal ? [`Fatal [${result.fatal.number}] ${result.fatal.text}`] : []));
  return result;
}

function stop(db: Db, server: ServerRow, service: ServiceRow, lines: string[]): void {
  setState(db, service, 'Stopped');
  if (service.mtaId !== null) stmt(db, 'update pc_mta set next_poll_at = null where id = ?').run(service.mtaId);
  if (service.name === 'MSExchangeDX') dxEvent(db, server, 'stopped', 'The Microsoft Exchange Directory Synchronization service has stopped.');
  lines.push(`The ${service.displayName} service was stopped successfully.`);
}
