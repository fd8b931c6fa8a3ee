import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { HOUR_MS, MINUTE_MS, WEEK_MINUTES } from '@/lib/scheduler/next-occurrence';

/**
 * The small tables every group of checks reads, read once: postoffices (no mailboxes), PROCESS.GLB
 * times, the PC MTAs and whom they serve, the Exchange servers' DXA schedules. Their size follows
 * the number of postoffices and servers, never the number of names.
 */
export interface PoFact {
  id: number;
  key: string;
  kind: 'msmail' | 'connector';
  isDss: boolean;
  /** The DSS its REQCONF names. */
  dss: string | null;
  /** The Exchange server whose connector postoffice this is. */
  server: string | null;
  /** PROCESS.GLB minutes of the week per T. */
  times: Record<1 | 2 | 3, number[]>;
}

export interface MtaFact {
  id: number;
  server: string;
  service: string;
  pollMinutes: number;
  state: 'Running' | 'Paused' | 'Stopped' | null;
  serves: number[];
}

export interface ServerFact {
  name: string;
  connectorPoId: number;
  role: 'server' | 'requestor' | null;
  /** The DXA's T2 (dirsync server) or T1 (requestor) schedule. */
  scheduleStyle: string | null;
  schedule: string | null;
}

export interface NetworkFacts {
  now: number;
  pos: Map<number, PoFact>;
  byKey: Map<string, PoFact>;
  mtas: MtaFact[];
  servers: ServerFact[];
}

export function networkFacts(db: Db, now: number): NetworkFacts {
  const pos = new Map<number, PoFact>();
  const byKey = new Map<string, PoFact>();
  const poRows = stmt(
    db,
    `select p.id, p.network || '/' || p.name as key, p.kind, sc.po_id is not null as isDss, rc.dss, es.name as server
     from postoffice p left join srvconf sc on sc.po_id = p.id left join reqconf rc on rc.po_id = p.id
     left join exchange_server es on es.connector_po_id = p.id`,
  ).all() as { id: number; key: string; kind: 'msmail' | 'connector'; isDss: number; dss: string | null; server: string | null }[];
  for (const r of poRows) {
    const f: PoFact = { ...r, isDss: !!r.isDss, times: { 1: [], 2: [], 3: [] } };
    pos.set(r.id, f);
    byKey.set(r.key, f);
  }
  for (const t of stmt(db, 'select po_id as poId, t, minute from process_time order by minute').all() as { poId: number; t: 1 | 2 | 3; minute: number }[]) {
    pos.get(t.poId)?.times[t.t].push(t.minute);
  }
  const mtas = (
    stmt(
      db,
      `select m.id, s.name as server, m.service_name as service, coalesce(m.running_poll_minutes, m.poll_minutes) as pollMinutes, es.state,
         (select group_concat(po_id) from pc_mta_postoffice where mta_id = m.id) as serves
       from pc_mta m join exchange_server s on s.id = m.server_id left join exchange_service es on es.mta_id = m.id
       order by s.name, m.service_name`,
    ).all() as (Omit<MtaFact, 'serves'> & { serves: string | null })[]
  ).map((m) => ({ ...m, serves: m.serves ? m.serves.split(',').map(Number) : [] }));
  const servers = stmt(
    db,
    `select s.name, s.connector_po_id as connectorPoId,
       case when d.server_id is not null then 'server' when l.id is not null then 'requestor' end as role,
       coalesce(d.schedule_style, l.schedule_style) as scheduleStyle, coalesce(d.schedule, l.schedule) as schedule
     from exchange_server s left join dirsync_server d on d.server_id = s.id
     left join dirsync_link l on l.server_id = s.id and l.kind = 'requestor' order by s.name`,
  ).all() as ServerFact[];
  return { now, pos, byKey, mtas, servers };
}

/** The longest wait between two runs of a weekly PROCESS.GLB time list (ms); null when it never runs. */
export function weeklyPeriod(minutes: number[]): number | null {
  if (!minutes.length) return null;
  const sorted = [...new Set(minutes)].sort((a, b) => a - b);
  let gap = sorted[0] + WEEK_MINUTES - sorted[sorted.length - 1];
  for (let k = 1; k < sorted.length; k++) gap = Math.max(gap, sorted[k] - sorted[k - 1]);
  return gap * MINUTE_MS;
}

/** The longest wait between two selected hours of an Exchange schedule (ms); null for Never. */
export function hourlyPeriod(style: string | null, grid: string | null): number | null {
  if (style === 'always') return HOUR_MS;
  if (style !== 'selected' || !grid) return null;
  const hours = [...grid].flatMap((c, k) => (c === '1' ? [k * 60] : []));
  return weeklyPeriod(hours);
}

/** How long one interval of time reads, for a finding's text. */
export function duration(ms: number): string {
  const m = Math.round(ms / MINUTE_MS);
  if (m < 120) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} hours` : `${Math.round(h / 24)} days`;
}
