import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { EXTERNAL_PERIOD_MS, WEEK_MS } from '@/lib/scheduler/next-occurrence';
import { duration, hourlyPeriod, weeklyPeriod, type MtaFact, type NetworkFacts, type PoFact } from './network-facts';
import { routes } from '@/lib/console/routes';
import type { Finding, Fix } from './types';

interface QueueRow {
  holder: number;
  place: 'P1' | 'OUTBOUND' | 'MAILBAG';
  dest: string;
  kind: string;
  n: number;
  oldest: number;
}

const PLACE = { P1: 'P1 directory', OUTBOUND: 'outbound queue', MAILBAG: 'SYSTEM mailbag' } as const;

/**
 * Mail waiting longer than what should move it: the PC MTA's polling interval for a hop it carries,
 * External's 5-minute pass between MS Mail postoffices, and for the mailbag one period of the
 * schedule that reads it (T2 for ReqTx on a DSS, T3 for SrvTx on a requestor, the DXA's hourly
 * schedule on an Exchange dirsync server). With no schedule at all a week — one PROCESS.GLB period
 * — is the limit. A message's age is counted from when it was written (one group and query per
 * queue, not per message).
 */
export function queueChecks(db: Db, facts: NetworkFacts): Finding[] {
  const rows = stmt(
    db,
    `select holder_po_id as holder, place, dest, kind, count(*) as n, min(created_at) as oldest from message
     where place in ('P1', 'OUTBOUND', 'MAILBAG') group by holder_po_id, place, dest, kind`,
  ).all() as QueueRow[];
  const findings: Finding[] = [];
  for (const q of rows) {
    const holder = facts.pos.get(q.holder);
    if (!holder) continue;
    const wait = limitFor(facts, holder, q);
    const age = facts.now - q.oldest;
    if (age <= wait.ms) continue;
    findings.push({
      check: 'queue-waiting',
      severity: 'warning',
      object: holder.server ? `${holder.server} (${holder.key})` : holder.key,
      title: `${q.n} ${q.kind} message${q.n === 1 ? '' : 's'} for ${q.dest} waiting ${duration(age)} in the ${PLACE[q.place]}`,
      meaning: `The oldest has waited longer than ${wait.why} (${duration(wait.ms)}): ${wait.stuck}`,
      source: 'KB Q96060 (transport and run windows); docs/engine.md ("Health")',
      fixes: wait.fixes,
    });
  }
  return findings;
}

interface Limit {
  ms: number;
  why: string;
  stuck: string;
  fixes: Fix[];
}

function mtaLimit(mtas: MtaFact[], poId: number, other: string): Limit {
  const serving = mtas.filter((m) => m.serves.includes(poId));
  if (!serving.length) {
    return { ms: EXTERNAL_PERIOD_MS, why: 'an External pass', stuck: `no PC MTA services ${other}, so no instance will carry it.`, fixes: [] };
  }
  const running = serving.filter((m) => m.state === 'Running');
  const m = (running.length ? running : serving).reduce((a, b) => (a.pollMinutes <= b.pollMinutes ? a : b));
  return {
    ms: m.pollMinutes * 60_000,
    why: `one polling interval of ${m.service} on ${m.server}`,
    stuck: running.length ? `the instance polls but does not deliver it (is the connection there?).` : `the instance is ${(m.state ?? 'stopped').toLowerCase()}.`,
    fixes: running.length ? [] : [{ kind: 'restart-service', label: `Restart ${m.service}`, server: m.server, service: m.service }],
  };
}

function limitFor(facts: NetworkFacts, holder: PoFact, q: QueueRow): Limit {
  const dest = facts.byKey.get(q.dest);
  if (q.place !== 'MAILBAG') {
    // A hop between the connector postoffice and an MS Mail postoffice is the PC MTA's.
    if (holder.kind === 'connector' && dest) return mtaLimit(facts.mtas.filter((m) => m.server === holder.server), dest.id, q.dest);
    if (dest?.kind === 'connector') return mtaLimit(facts.mtas.filter((m) => m.server === dest.server), holder.id, holder.key);
    return {
      ms: EXTERNAL_PERIOD_MS,
      why: "one of External's 5-minute passes",
      stuck: dest ? 'External has not moved it: is Dispatch running, and does a connection to the postoffice exist?' : `${q.dest} is not a postoffice of this network.`,
      fixes: [],
    };
  }
  if (holder.kind === 'connector') {
    const server = facts.servers.find((s) => s.name === holder.server);
    if (server?.role === 'server') {
      const period = hourlyPeriod(server.scheduleStyle, server.scheduleStyle === 'selected' ? server.schedule : null);
      return scheduleLimit(period, 'the Dirsync Server schedule', routes.dirsyncServer(server.name, 'schedule'));
    }
    // An Exchange requestor applies a reply as it arrives.
    return mtaLimit(facts.mtas.filter((m) => m.server === holder.server), facts.byKey.get(q.dest)?.id ?? -1, q.dest);
  }
  const reader = q.kind === 'SrvTx' ? 3 : 2;
  return scheduleLimit(weeklyPeriod(holder.times[reader]), `the T${reader} schedule of ${holder.key}`, routes.postofficeSchedule(holder.key));
}

function scheduleLimit(period: number | null, what: string, href: string): Limit {
  return {
    ms: period ?? WEEK_MS,
    why: period === null ? `a week (${what} runs never)` : `one period of ${what}`,
    stuck: period === null ? 'nothing is scheduled to read it.' : 'the process that reads it did not run.',
    fixes: [{ kind: 'open-schedule', label: 'Open the schedule', href }],
  };
}
