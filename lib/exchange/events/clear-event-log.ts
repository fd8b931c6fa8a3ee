import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { type EventLogSettings, eventLogSettings } from './event-log-settings';

/** Log ▸ Clear All Events for a computer's Application log. One step. */
export function clearEventLog(db: Db, computer: string): EventLogSettings & { removed: number } {
  return step(db, () => {
    const s = eventLogSettings(db, computer);
    const { changes } = stmt(db, 'delete from event where computer = ?').run(s.computer);
    stmt(db, 'update event_log_settings set revision = revision + 1 where computer = ?').run(s.computer);
    return { ...eventLogSettings(db, s.computer), removed: changes };
  });
}
