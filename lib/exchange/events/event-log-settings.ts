import type { Db } from '@/db/client';
import { notFound, usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';

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

/** How many events a computer's log holds (kept by triggers on `event`: one row read, whatever the log's size). */
export function eventCount(db: Db, computer: string): number {
  return (stmt(db, 'select events from event_log_settings where computer = ?').pluck().get(computer.trim().toUpperCase()) as number | undefined) ?? 0;
}
