import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { conflict, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { type Overwrite, MIN_LOG_KB, MAX_LOG_KB, LOG_KB_STEP, MAX_OLDER_THAN_DAYS, type EventLogSettings, type EventLogSettingsChange, parseOverwrite, eventLogSettings } from './event-log-settings';

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
  return count;
}
