import type { Db } from '@/db/client';
import { loggingLevels } from '@/lib/exchange/services/logging-levels';
import { pcMtas } from '@/lib/exchange/connector/pc-mtas';
import { services, type ServiceState } from '@/lib/exchange/services/services';
import { resolveServer } from '@/lib/exchange/servers/servers';

export interface ServiceView {
  name: string;
  displayName: string;
  state: ServiceState;
  /** Settings changed since the service started that it reads only at start. */
  restartFor: string[];
}

export interface ServicesView {
  server: string;
  version: string;
  services: ServiceView[];
}

/** Control Panel ▸ Services of one Exchange server, with what each running service still has to read. */
export function getServicesView(db: Db, serverName: string): ServicesView {
  const server = resolveServer(db, serverName);
  const levels = loggingLevels(db, server.name).rows.filter((r) => r.restartPending);
  const mtas = new Map(pcMtas(db, server.name).map((m) => [m.serviceName, m]));
  return {
    server: server.name,
    version: server.version,
    services: services(db, server).map((s) => {
      const logging = s.mtaId !== null ? 'MSExchangePCMTA' : s.name;
      const pending = s.state === 'Stopped' ? [] : levels.filter((l) => l.service === logging);
      const restartFor = pending.length ? [`Diagnostics logging (${pending.map((l) => `${l.category} ${l.levelName}`).join(', ')})`] : [];
      const mta = mtas.get(s.name);
      if (mta?.restartNeeded) restartFor.push(`Check for mail every ${mta.pollMinutes} ${mta.pollMinutes === 1 ? 'minute' : 'minutes'}`);
      return { name: s.name, displayName: s.displayName, state: s.state, restartFor };
    }),
  };
}
