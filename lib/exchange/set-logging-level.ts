import type { Db } from '@/db/client';
import { usage } from '@/lib/dirsync/errors';
import { step, stmt } from '@/lib/dirsync/statements';
import { LOGGING_LEVELS, LOGGING_SERVICES, type LoggingLevelName, type LoggingService } from './diagnostics-categories';
import { resolveServer, type ServerRow } from './servers';

/** One category of a Diagnostics Logging tab. */
export interface LoggingLevelRow {
  service: LoggingService;
  category: string;
  /** The level set in the Administrator (None 0, Minimum 1, Medium 3, Maximum 5). */
  level: number;
  levelName: string;
  /** The level the running service logs with (on 4.0–5.5 read when the service last started). */
  effectiveLevel: number;
  effectiveName: string;
  /** 4.0–5.5 only: the set level differs from the one in force until the service restarts. */
  restartPending: boolean;
}

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

const SERVICE_NAMES = Object.keys(LOGGING_SERVICES) as LoggingService[];
const LEVEL_NAMES = Object.keys(LOGGING_LEVELS) as LoggingLevelName[];

/** `None`, `Minimum`, `Medium`, `Maximum`; other registry values (7 = Field Engineering) as numbers. */
export function levelName(level: number): string {
  const name = LEVEL_NAMES.find((n) => LOGGING_LEVELS[n] === level);
  return name ? name[0].toUpperCase() + name.slice(1) : level === 7 ? 'Field Engineering' : String(level);
}

/** A Diagnostics Logging service by its name, case-insensitive. */
export function parseLoggingService(text: string): LoggingService {
  const found = SERVICE_NAMES.find((s) => s.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw usage(`"${text}" is not a diagnostics logging service: use one of ${SERVICE_NAMES.join(', ')}`, { code: 'logging.service-invalid' });
  return found;
}

/** None, Minimum, Medium or Maximum (any case), or their registry values 0, 1, 3, 5. */
export function parseLoggingLevel(text: string): number {
  const t = text.trim().toLowerCase();
  const byName = LEVEL_NAMES.find((n) => n === t);
  if (byName) return LOGGING_LEVELS[byName];
  const byValue = LEVEL_NAMES.find((n) => String(LOGGING_LEVELS[n]) === t);
  if (byValue) return LOGGING_LEVELS[byValue];
  throw usage(`"${text}" is not a logging level: use none, minimum, medium or maximum (0, 1, 3, 5)`, { code: 'logging.level-invalid' });
}

/** The categories named: one (case-insensitive) or `*` for every category of the service. */
function parseCategories(service: LoggingService, text: string): string[] {
  const all: readonly string[] = LOGGING_SERVICES[service];
  if (text.trim() === '*') return [...all];
  const found = all.find((c) => c.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw usage(`"${text}" is not a category of ${service}: use one of ${all.map((c) => `"${c}"`).join(', ')}, or * for all`, { code: 'logging.category-invalid' });
  return [found];
}

const applyAtOnce = (server: Pick<ServerRow, 'version'>) => server.version === '2000';

function toRow(server: Pick<ServerRow, 'version'>, r: { service: string; category: string; level: number; effective: number }): LoggingLevelRow {
  return {
    service: r.service as LoggingService,
    category: r.category,
    level: r.level,
    levelName: levelName(r.level),
    effectiveLevel: r.effective,
    effectiveName: levelName(r.effective),
    restartPending: !applyAtOnce(server) && r.level !== r.effective,
  };
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

/** The Diagnostics Logging tabs of a server: every category of every service (or of one), in tab order. */
export function loggingLevels(db: Db, serverName: string, serviceText?: string): { server: string; version: ServerRow['version']; rows: LoggingLevelRow[] } {
  const server = resolveServer(db, serverName);
  const services = serviceText === undefined ? SERVICE_NAMES : [parseLoggingService(serviceText)];
  const stored = stmt(db, 'select service, category, level, effective_level as effective from diagnostics_level where server_id = ?').all(server.id) as {
    service: string;
    category: string;
    level: number;
    effective: number;
  }[];
  const key = (s: string, c: string) => `${s}\u0000${c}`;
  const byKey = new Map(stored.map((r) => [key(r.service, r.category), r]));
  const rows: LoggingLevelRow[] = [];
  for (const service of services) {
    const listed: readonly string[] = LOGGING_SERVICES[service];
    for (const category of listed) rows.push(toRow(server, byKey.get(key(service, category)) ?? { service, category, level: 0, effective: 0 }));
    // Rows stored for categories no longer listed still count (and show) until someone removes them.
    for (const r of stored) if (r.service === service && !listed.includes(r.category)) rows.push(toRow(server, r));
  }
  return { server: server.name, version: server.version, rows };
}
