import type { Db } from '@/db/client';
import { formatProcessTime } from '@/lib/dirsync/process-times';
import { stmt } from '@/lib/core/statements';
import { runsIndexedTo } from '@/lib/history/record-run';
import { MISSED_RUN_WINDOW } from '@/lib/scheduler/dispatch';
import { WEEK_MINUTES } from '@/lib/scheduler/next-occurrence';
import type { NetworkFacts, PoFact } from './network-facts';
import { routes } from '@/lib/console/routes';
import { requestorSchedule } from './requestor-checks';
import type { Finding } from './types';

const RUN_KIND: Record<string, string> = { RT: 'T1', S: 'T2 receive', RR: 'T3 receive' };

/**
 * DISPATCH.LOG "missed its run window" lines that no later run of the same process has made up
 * for: the latest line per postoffice and process, and the latest run of that kind there.
 */
export function missedWindowChecks(db: Db, facts: NetworkFacts): Finding[] {
  const rows = stmt(
    db,
    `select p.id as poId, l.text, max(l.at) as at, count(*) as n from postoffice p
     join log_line l on l.po_id = p.id and l.file = 'DISPATCH' where l.number = ? group by p.id, l.text`,
  ).all(MISSED_RUN_WINDOW) as { poId: number; text: string; at: number; n: number }[];
  const findings: Finding[] = [];
  // The newest run above the indexed mark (read by id range), else the newest indexed one (lib/history/record-run.ts).
  const lastRun = stmt(
    db,
    `select coalesce(
       (select sim_start from run_history where id > @mark and object = @object collate nocase and kind = @kind collate nocase order by id desc limit 1),
       (select sim_start from run_history where indexed = 1 and id <= @mark and object = @object collate nocase and kind = @kind collate nocase order by id desc limit 1)) as at`,
  );
  const mark = runsIndexedTo(db);
  for (const r of rows) {
    const po = facts.pos.get(r.poId);
    const process = /NSDA -(RT|S|RR)\b/.exec(r.text)?.[1];
    if (!po || !process) continue;
    const ran = lastRun.get({ mark, object: po.key, kind: RUN_KIND[process] }) as { at: number | null };
    if (ran.at !== null && ran.at >= r.at) continue;
    findings.push({
      check: 'missed-run-window',
      severity: 'warning',
      object: po.key,
      title: `NSDA -${process} missed its run window${r.n > 1 ? ` (${r.n} times)` : ''}`,
      meaning: `Dispatch reached a ${RUN_KIND[process].split(' ')[0]} of ${po.key} more than 8 hours late and skipped it; it has not run since, so this postoffice's part of the cycle is missing until its next scheduled time.`,
      source: 'KB Q96060, Q148718, Q119590 (run windows); docs/engine.md ("The documents the code follows", schedules)',
      fixes: [{ kind: 'open-schedule', label: 'Open the schedule', href: routes.postofficeSchedule(po.key) }],
    });
  }
  return findings;
}

const hours = (style: string | null, grid: string | null): number[] =>
  style === 'always' ? Array.from({ length: 168 }, (_, k) => k * 60) : style === 'selected' && grid ? [...grid].flatMap((c, k) => (c === '1' ? [k * 60] : [])) : [];

/**
 * The requestor's process nearest a T2 going round the week: the last one strictly before it, or
 * the first one strictly after. At the same minute Dispatch runs T1 before T2 before T3, but the
 * mail needs transport passes in between, so a process at the T2's own minute counts for neither.
 */
function nearest(events: { t: 1 | 3; minute: number }[], m: number, dir: 'before' | 'after'): 1 | 3 | null {
  let best: { t: 1 | 3; d: number } | null = null;
  for (const e of events) {
    const d = dir === 'before' ? (m - e.minute + WEEK_MINUTES) % WEEK_MINUTES : (e.minute - m + WEEK_MINUTES) % WEEK_MINUTES;
    if (d === 0) continue;
    // At one minute T1 runs before T3: before a T2 the later (T3) is nearest, after it the earlier (T1).
    if (!best || d < best.d || (d === best.d && (dir === 'before' ? e.t === 3 : e.t === 1))) best = { t: e.t, d };
  }
  return best?.t ?? null;
}

const weekly = (minute: number) => formatProcessTime({ t: 2, minute }).slice(3);

/**
 * The cycle's order in the schedules (KB Q96060: T1 before T2, T3 after T2): for each T2 of the
 * dirsync server, a requestor's last process before it must be a T1 and its first after it a T3. A
 * requestor with no times at all is run by hand and not checked; an Exchange requestor applies a
 * reply at once (no T3).
 */
export function scheduleOrderChecks(facts: NetworkFacts): Finding[] {
  const findings: Finding[] = [];
  const t2Of = (dss: PoFact) => {
    if (!dss.server) return dss.times[2];
    const s = facts.servers.find((x) => x.name === dss.server);
    return s?.role === 'server' ? hours(s.scheduleStyle, s.schedule) : [];
  };
  for (const po of facts.pos.values()) {
    if (!po.dss) continue;
    const dss = facts.byKey.get(po.dss);
    if (!dss?.isDss) continue;
    const t2 = [...new Set(t2Of(dss))].sort((a, b) => a - b);
    if (!t2.length) continue;
    let t1 = po.times[1];
    let t3: number[] | null = po.times[3];
    if (po.server) {
      const s = facts.servers.find((x) => x.name === po.server);
      t1 = s?.role === 'requestor' ? hours(s.scheduleStyle, s.schedule) : [];
      t3 = null;
    }
    if (!t1.length && !t3?.length) continue;
    const object = po.server ? `${po.server} (${po.key})` : po.key;
    const fixes = [{ kind: 'open-schedule' as const, label: 'Open its schedule', href: requestorSchedule({ requestor: po.key, server: po.server }) }];
    const events = [...t1.map((minute) => ({ t: 1 as const, minute })), ...(t3 ?? []).map((minute) => ({ t: 3 as const, minute }))];
    const noT1 = t2.find((m) => nearest(events, m, 'before') !== 1);
    if (noT1 !== undefined) {
      findings.push({
        check: 't1-not-before-t2',
        severity: 'warning',
        object,
        title: `No T1 before the T2 of ${weekly(noT1)} on ${po.dss}`,
        meaning: `The last process ${po.key} runs before the DSS's T2 of ${weekly(noT1)} is not a T1: that T2 has no new update from it and the reply it answers is stale. Schedule each requestor's T1 before T2.`,
        source: 'MS Mail error 133, Invalid Server Request (KB Q108844; KB Q96060, problem 7)',
        fixes,
      });
    }
    const noT3 = t3 ? t2.find((m) => nearest(events, m, 'after') !== 3) : undefined;
    if (noT3 !== undefined) {
      findings.push({
        check: 't3-not-after-t2',
        severity: 'warning',
        object,
        title: `No T3 after the T2 of ${weekly(noT3)} on ${po.dss}`,
        meaning: `After the DSS's T2 of ${weekly(noT3)} the next process ${po.key} runs is not a T3: the reply is not received and imported before it sends again, so its address lists lag a cycle behind. Schedule each requestor's T3 after T2.`,
        source: 'KB Q96060 (T1, T2 and T3 times)',
        fixes,
      });
    }
  }
  return findings;
}
