import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { purgeRunHistory } from './record-run';

export const MIN_RUNS_KEPT = 100;
export const MAX_RUNS_KEPT = 10_000_000;

export interface RunRetention {
  maxRows: number;
  revision: number;
  rows: number;
}

/** How many runs are kept, and how many there are. */
export function runRetention(db: Db): RunRetention {
  const s = stmt(db, 'select max_rows as maxRows, revision from run_history_settings where id = 1').get() as { maxRows: number; revision: number } | undefined;
  // Ids are consecutive (rows go oldest first), so the span is the count without scanning the table.
  const rows = (stmt(db, 'select coalesce(max(id) - min(id) + 1, 0) as n from run_history').get() as { n: number }).n;
  return { maxRows: s?.maxRows ?? 100_000, revision: s?.revision ?? 0, rows };
}

/** Keep the newest `maxRows` runs; older ones go at once. Refused when `revision` is stale. */
export function setRunRetention(db: Db, maxRows: number, revision?: number): RunRetention & { removed: number } {
  if (!Number.isInteger(maxRows) || maxRows < MIN_RUNS_KEPT || maxRows > MAX_RUNS_KEPT) {
    throw usage(`runs kept must be a whole number from ${MIN_RUNS_KEPT.toLocaleString('en')} to ${MAX_RUNS_KEPT.toLocaleString('en')}`);
  }
  return step(db, () => {
    const current = runRetention(db);
    if (revision !== undefined && revision !== current.revision) throw conflict('The run history settings were changed by someone else since you opened them');
    stmt(db, `insert into run_history_settings (id, max_rows, revision) values (1, ?, 1)
      on conflict(id) do update set max_rows = excluded.max_rows, revision = revision + 1`).run(maxRows);
    const removed = purgeRunHistory(db);
    return { ...runRetention(db), removed };
  });
}
