import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { LOGGING_SERVICES, type LoggingService } from './diagnostics-categories';
import { resolveServer, type ServerRow } from '../servers/servers';
import { type LoggingLevelRow, parseLoggingService, parseLoggingLevel, applyAtOnce, toRow } from './logging-levels';

export interface SetLoggingLevelResult {
  server: string;
  version: ServerRow['version'];
  service: LoggingService;
  /** The categories addressed (all of the service's for `*`), after the change. */
  rows: (LoggingLevelRow & { previousLevel: number; changed: boolean })[];
  /** Some changed level waits for a restart (4.0–5.5); Exchange 2000 applies a change at once. */
  restartNeeded: boolean;
  /** What to restart for it: the service, or for MSExchangePCMTA each PC MTA instance of the server. */
  restartServices: string[];
}

/** The categories named: one (case-insensitive) or `*` for every category of the service. */
function parseCategories(service: LoggingService, text: string): string[] {
  const all: readonly string[] = LOGGING_SERVICES[service];
  if (text.trim() === '*') return [...all];
  const found = all.find((c) => c.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw usage(`"${text}" is not a category of ${service}: use one of ${all.map((c) => `"${c}"`).join(', ')}, or * for all`);
  return [found];
}

/** The services a change of `service`'s levels waits for on 4.0–5.5. */
function servicesToRestart(db: Db, server: ServerRow, service: LoggingService): string[] {
  if (service === 'MSExchangePCMTA') {
    return (stmt(db, 'select name from exchange_service where server_id = ? and mta_id is not null order by name').all(server.id) as { name: string }[]).map(
      (r) => r.name,
    );
  }
  return [service];
}

/**
 * Diagnostics Logging tab: set the level of one category of a service, or of all of them (`*`).
 * On Exchange 2000 the level is in force at once; on 4.0–5.5 the running service keeps the level
 * it read when it started (`effective_level`) until it is restarted. One step.
 */
export function setLoggingLevel(db: Db, serverName: string, serviceText: string, categoryText: string, levelText: string): SetLoggingLevelResult {
  const service = parseLoggingService(serviceText);
  const categories = parseCategories(service, categoryText);
  const level = parseLoggingLevel(levelText);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const atOnce = applyAtOnce(server);
    const read = stmt(db, 'select service, category, level, effective_level as effective from diagnostics_level where server_id = ? and service = ? and category = ?');
    // Upsert: a server made before a category was listed gets its row now (effective None until a start).
    const write = stmt(
      db,
      `insert into diagnostics_level (server_id, service, category, level, effective_level) values (@server, @service, @category, @level, case when @atOnce then @level else 0 end)
       on conflict (server_id, service, category) do update set level = @level, effective_level = case when @atOnce then @level else effective_level end`,
    );
    const rows = categories.map((category) => {
      const before = read.get(server.id, service, category) as { level: number } | undefined;
      write.run({ server: server.id, service, category, level, atOnce: atOnce ? 1 : 0 });
      const after = read.get(server.id, service, category) as { service: string; category: string; level: number; effective: number };
      const previousLevel = before?.level ?? 0;
      return { ...toRow(server, after), previousLevel, changed: previousLevel !== level || !before };
    });
    const restartNeeded = rows.some((r) => r.restartPending);
    return {
      server: server.name,
      version: server.version,
      service,
      rows,
      restartNeeded,
      restartServices: restartNeeded ? servicesToRestart(db, server, service) : [],
    };
  });
}
