import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';
import type { LoggingService } from '../services/diagnostics-categories';
import type { ServerRow } from '../servers/servers';
import { noteEvent } from '@/lib/history/record-run';

export type EventType = 'Error' | 'Warning' | 'Information';

export interface EventInput {
  /** The Diagnostics Logging service whose level decides (MSExchangePCMTA for every PC MTA instance). */
  service: LoggingService;
  /** Event Viewer Source: `MSExchangeDX`, `MSExchangeMSMI`, or the PC MTA instance's service name. */
  source: string;
  category: string;
  eventId: number;
  type: EventType;
  /** 0 (always written) to 5 (only at Maximum); errors are always 0. */
  significance: number;
  description: string;
}

/** What an event counts for against the log's maximum size: NT's fixed record part plus the text. */
const RECORD_OVERHEAD = 96;

/**
 * Write an event to the server's Application log when its significance is at or below the level
 * the service runs with (errors always), then make room as the log settings say. Returns whether
 * it was written.
 */
export function logEvent(db: Db, server: Pick<ServerRow, 'id' | 'name' | 'version'>, e: EventInput): boolean {
  if (e.type !== 'Error' && e.significance > levelFor(db, server, e.service, e.category)) return false;
  const bytes = RECORD_OVERHEAD + Buffer.byteLength(e.description) + e.source.length + e.category.length;
  const at = now(db);
  const settings = stmt(db, 'select max_kb as maxKb, overwrite, older_than_days as days, used_bytes as used from event_log_settings where computer = ?').get(
    server.name,
  ) as { maxKb: number; overwrite: 'as_needed' | 'older_than' | 'never'; days: number; used: number };
  const room = settings.maxKb * 1024 - settings.used;
  if (bytes > room && !makeRoom(db, server.name, bytes - room, settings.overwrite === 'older_than' ? at - settings.days * 86_400_000 : null, settings.overwrite)) {
    return false; // the log is full and may not be overwritten: the event is lost, as on NT
  }
  const { lastInsertRowid } = stmt(db, 'insert into event (computer, at, source, type, category, event_id, description, bytes) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
    server.name,
    at,
    e.source,
    e.type,
    e.category,
    e.eventId,
    e.description,
    bytes,
  );
  // The log's count and size follow by trigger (migration 0013).
  noteEvent(db, Number(lastInsertRowid), e.type, e.eventId); // the run history's range and problems, without reading them back
  return true;
}

/** The level in force: on 4.0–5.5 the one read when the service last started, on 2000 the configured one. */
function levelFor(db: Db, server: Pick<ServerRow, 'id' | 'version'>, service: LoggingService, category: string): number {
  const row = stmt(db, 'select level, effective_level as effective from diagnostics_level where server_id = ? and service = ? and category = ?').get(
    server.id,
    service,
    category,
  ) as { level: number; effective: number } | undefined;
  if (!row) return 0;
  return server.version === '2000' ? row.level : row.effective;
}

/** Delete the oldest events until `need` bytes are free; false when the settings forbid it. */
function makeRoom(db: Db, computer: string, need: number, olderThan: number | null, overwrite: string): boolean {
  if (overwrite === 'never') return false;
  let freed = 0;
  // `+computer`: walk the table in record order instead of sorting the computer's whole log.
  const oldest = stmt(db, 'select id, at, bytes from event where +computer = ? and id > ? order by id limit 256');
  let after = 0;
  const doomed: number[] = [];
  while (freed < need) {
    const rows = oldest.all(computer, after) as { id: number; at: number; bytes: number }[];
    if (rows.length === 0) return false;
    for (const r of rows) {
      if (olderThan !== null && r.at >= olderThan) return false;
      doomed.push(r.id);
      freed += r.bytes;
      after = r.id;
      if (freed >= need) break;
    }
  }
  const del = stmt(db, 'delete from event where id = ?');
  for (const id of doomed) del.run(id);
  return true;
}
