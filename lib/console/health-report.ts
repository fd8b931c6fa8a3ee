import { cache } from 'react';
import { sharedDatabase, type Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';
import { checkHealth } from '@/lib/health/check-health';
import type { HealthReport } from '@/lib/health/types';

/**
 * What the database looks like to this process: `data_version` moves when another connection (a
 * server process, the CLI, a cycle under the clock) commits, `total_changes()` when this one
 * writes, and the simulated clock is a row of its own. Equal keys: the same state, the same Health.
 */
function stateKey(db: Db): string {
  const { data_version: version } = stmt(db, 'pragma data_version').get() as { data_version: number };
  const { changes } = stmt(db, 'select total_changes() as changes').get() as { changes: number };
  return `${version}:${changes}:${now(db)}`;
}

const kept = new WeakMap<Db, { key: string; report: HealthReport }>();

/** checkHealth, or the report made for this connection when the database has not changed since. */
export function keptHealth(db: Db): HealthReport {
  const key = stateKey(db);
  const last = kept.get(db);
  if (last?.key === key) return last.report;
  // The key is read before the checks: a commit in between only makes the next call check again.
  const report = checkHealth(db);
  kept.set(db, { key, report });
  return report;
}

/**
 * Health for the page being rendered: the status bar (in the layout) and the overview or Health
 * page ask in the same request, and the checks run once for both. Every console page shows it, so
 * the report is also kept across requests until the database changes (most renders follow a look,
 * not a change): a render then costs three one-row reads instead of the checks (docs/benchmarks.md, B4).
 */
export const healthReport = cache((): HealthReport => keptHealth(sharedDatabase()));
