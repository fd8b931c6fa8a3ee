import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { exchangeChecks } from './exchange-checks';
import { fileChecks } from './file-checks';
import { networkFacts } from './network-facts';
import { queueChecks } from './queue-checks';
import { requestorChecks } from './requestor-checks';
import { missedWindowChecks, scheduleOrderChecks } from './schedule-checks';
import type { HealthReport, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Health (docs/engine.md, "Health"): every check over the engine's real state, read in one
 * transaction so the findings agree with each other. Each group is a handful of set-based
 * statements; nothing here reads per mailbox or per name. Changes nothing.
 */
export function checkHealth(db: Db): HealthReport {
  return db.$client.transaction(() => {
    const at = now(db);
    const facts = networkFacts(db, at);
    const requestors = requestorChecks(db);
    const findings = [
      ...requestors.findings,
      ...queueChecks(db, facts),
      ...missedWindowChecks(db, facts),
      ...scheduleOrderChecks(facts),
      ...fileChecks(db, facts),
      ...exchangeChecks(db, facts),
    ].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.object.localeCompare(b.object) || a.check.localeCompare(b.check));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    return { at, findings, requestors: requestors.rows, counts };
  }).deferred();
}

/** "OK", "2 warnings", "1 error, 3 warnings": the status bar's words. */
export function healthSummary(counts: HealthReport['counts']): string {
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'OK';
}
