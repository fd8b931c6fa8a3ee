import type { Db } from '@/db/client';
import { now } from '@/lib/dirsync/clock';
import { conflict, notFound, usage } from '@/lib/dirsync/errors';
import { step, stmt } from '@/lib/dirsync/statements';

export type Overwrite = 'as_needed' | 'older_than' | 'never';
export const OVERWRITE_CHOICES: readonly Overwrite[] = ['as_needed', 'older_than', 'never'];

/** Windows NT's Log Settings dialog: Maximum Log Size 64–4,194,240 KB in 64 KB increments. */
export const MIN_LOG_KB = 64;
export const MAX_LOG_KB = 4_194_240;
export const LOG_KB_STEP = 64;
/** "Overwrite Events Older than [n] Days": 1–365. */
export const MAX_OLDER_THAN_DAYS = 365;

export interface EventLogSettings {
  computer: string;
  maxKb: number;
  overwrite: Overwrite;
  olderThanDays: number;
  usedBytes: number;
  revision: number;
}

export interface EventLogSettingsChange {
  maxKb?: number;
  overwrite?: Overwrite | string;
  olderThanDays?: number;
  /** The revision the change was made over; a different one means someone else saved first. */
  revision?: number;
}

const columns = 'computer, max_kb as maxKb, overwrite, older_than_days as olderThanDays, used_bytes as usedBytes, revision';

/** The NT dialog's words for a retention choice. */
export function overwriteText(s: Pick<EventLogSettings, 'overwrite' | 'olderThanDays'>): string {
  if (s.overwrite === 'as_needed') return 'Overwrite Events as Needed';
  if (s.overwrite === 'older_than') return `Overwrite Events Older than ${s.olderThanDays} Days`;
  return 'Do Not Overwrite Events (Clear Log Manually)';
}

/** `as-needed`, `as_needed`, `older-than`, `never`, any case. */
export function parseOverwrite(text: string): Overwrite {
  const t = text.trim().toLowerCase().replace(/[-\s]/g, '_');
  const found = OVERWRITE_CHOICES.find((c) => c === t);
  if (!found) throw usage(`"${text}" is not an overwrite choice: use as-needed, older-than or never`, { code: 'event-log.overwrite-invalid' });
  return found;
}

/** A computer's Application log settings, or a notFound error. */
export function eventLogSettings(db: Db, computer: string): EventLogSettings {
  const name = computer.trim().toUpperCase();
  const row = stmt(db, `select ${columns} from event_log_settings where computer = ?`).get(name) as EventLogSettings | undefined;
  if (!row) throw notFound(`there is no Application log for computer ${name}: it has one once it is an Exchange server ("dirsync exchange create")`, { code: 'event-log.not-found' });
  return row;
}

function checkMaxKb(kb: number): void {
  if (!Number.isInteger(kb) || kb < MIN_LOG_KB || kb > MAX_LOG_KB) {
    throw usage(`the maximum log size is ${MIN_LOG_KB} to ${MAX_LOG_KB.toLocaleString('en')} KB, not ${kb}`, { code: 'event-log.size-invalid', field: 'maxKb' });
  }
  if (kb % LOG_KB_STEP !== 0) {
    const down = Math.max(MIN_LOG_KB, kb - (kb % LOG_KB_STEP));
    throw usage(`the maximum log size goes in steps of ${LOG_KB_STEP} KB: ${kb} is not one, use ${down} or ${down + LOG_KB_STEP}`, { code: 'event-log.size-step', field: 'maxKb' });
  }
}

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_OLDER_THAN_DAYS) throw usage(`events are kept 1 to ${MAX_OLDER_THAN_DAYS} days, not ${days}`, { code: 'event-log.days-invalid', field: 'olderThanDays' });
}

/**
 * Log ▸ Log Settings… for a computer's Application log. A maximum below what the log holds removes
 * the oldest events (lowest record numbers) as the retention choice would when the log is full:
 * any under "as needed", only those older than the days under "older than"; under "never" (or when
 * too few are old enough) the change is refused and the log must be cleared first. One step.
 */
export function setEventLogSettings(db: Db, computer: string, change: EventLogSettingsChange): EventLogSettings & { removed: number } {
  if (change.maxKb !== undefined) checkMaxKb(change.maxKb);
  if (change.olderThanDays !== undefined) checkDays(change.olderThanDays);
  const overwrite = change.overwrite === undefined ? undefined : parseOverwrite(change.overwrite);
  return step(db, () => {
    const old = eventLogSettings(db, computer);
    if (change.revision !== undefined && change.revision !== old.revision) {
      throw conflict(`the log settings of ${old.computer} were changed by someone else since you opened it: close Log Settings and open it again`, { code: 'revision.changed' });
    }
    const next = {
      maxKb: change.maxKb ?? old.maxKb,
      overwrite: overwrite ?? old.overwrite,
      olderThanDays: change.olderThanDays ?? old.olderThanDays,
    };
    let removed = 0;
    const excess = old.usedBytes - next.maxKb * 1024;
    if (excess > 0) removed = trimOldest(db, old.computer, excess, next.overwrite, next.olderThanDays);
    stmt(db, 'update event_log_settings set max_kb = ?, overwrite = ?, older_than_days = ?, revision = revision + 1 where computer = ?').run(
      next.maxKb,
      next.overwrite,
      next.olderThanDays,
      old.computer,
    );
    return { ...eventLogSettings(db, old.computer), removed };
  });
}

/** Remove the oldest events until `need` bytes are free; returns how many were removed. */
function trimOldest(db: Db, computer: string, need: number, overwrite: Overwrite, days: number): number {
  const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;
  if (overwrite === 'never') {
    throw conflict(`the Application log of ${computer} holds ${kb(need)} more than the new maximum and is set not to overwrite events: clear it first ("dirsync events clear ${computer}") or choose a larger size`, { code: 'event-log.too-full', field: 'maxKb' });
  }
  const cutoff = overwrite === 'older_than' ? now(db) - days * 86_400_000 : Infinity;
  let freed = 0;
  let count = 0;
  let lastId = 0;
  // Oldest record first, as the log file wraps; stops at the first event the settings keep. The
  // rowid order (`+computer` keeps the planner off event_newest, which would sort the whole log).
  for (const r of stmt(db, 'select id, at, bytes from event where +computer = ? order by id').iterate(computer) as IterableIterator<{ id: number; at: number; bytes: number }>) {
    if (r.at >= cutoff) break;
    freed += r.bytes;
    count++;
    lastId = r.id;
    if (freed >= need) break;
  }
  if (freed < need) {
    throw conflict(`the Application log of ${computer} holds ${kb(need)} more than the new maximum, and only events older than ${days} days may be overwritten: clear it first ("dirsync events clear ${computer}"), choose a larger size or overwrite as needed`, { code: 'event-log.too-full', field: 'maxKb' });
  }
  stmt(db, 'delete from event where id <= ? and +computer = ?').run(lastId, computer);
  stmt(db, 'update event_log_settings set used_bytes = used_bytes - ? where computer = ?').run(freed, computer);
  return count;
}

/** Log ▸ Clear All Events for a computer's Application log. One step. */
export function clearEventLog(db: Db, computer: string): EventLogSettings & { removed: number } {
  return step(db, () => {
    const s = eventLogSettings(db, computer);
    const { changes } = stmt(db, 'delete from event where computer = ?').run(s.computer);
    stmt(db, 'update event_log_settings set used_bytes = 0, revision = revision + 1 where computer = ?').run(s.computer);
    return { ...eventLogSettings(db, s.computer), removed: changes };
  });
}

/** How many events a computer's log holds. */
export function eventCount(db: Db, computer: string): number {
  return stmt(db, 'select count(*) from event where computer = ?').pluck().get(computer.trim().toUpperCase()) as number;
}
