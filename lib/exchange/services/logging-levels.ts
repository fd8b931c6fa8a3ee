import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { LOGGING_LEVELS, LOGGING_SERVICES, type LoggingLevelName, type LoggingService } from './diagnostics-categories';
import { resolveServer, type ServerRow } from '../servers/servers';

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
  if (!found) throw usage(`"${text}" is not a diagnostics logging service: use one of ${SERVICE_NAMES.join(', ')}`);
  return found;
}

/** None, Minimum, Medium or Maximum (any case), or their registry values 0, 1, 3, 5. */
export function parseLoggingLevel(text: string): number {
  const t = text.trim().toLowerCase();
  const byName = LEVEL_NAMES.find((n) => n === t);
  if (byName) return LOGGING_LEVELS[byName];
  const byValue = LEVEL_NAMES.find((n) => String(LOGGING_LEVELS[n]) === t);
  if (byValue) return LOGGING_LEVELS[byValue];
  throw usage(`"${text}" is not a logging level: use none, minimum, medium or maximum (0, 1, 3, 5)`);
}

export const applyAtOnce = (server: Pick<ServerRow, 'version'>) => server.version === '2000';

export function toRow(server: Pick<ServerRow, 'version'>, r: { service: string; category: string; level: number; effective: number }): LoggingLevelRow {
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
