import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { poSegment } from '@/lib/health/requestor-checks';
import type { Finding, HealthReport, Severity } from '@/lib/health/types';

/** A node's colour: the worst Health finding about it; `none` for what is not in dirsync. */
export type NodeHealth = 'ok' | 'warning' | 'error' | 'none';

export interface TopologyNode {
  /** `NET/PO` (an Exchange server's node is its connector postoffice). */
  id: string;
  /** What the picture prints: the postoffice name, or the Exchange server's name. */
  label: string;
  /** Postoffice or Exchange server in full: `POLYNOMIAL/NOVEMBER`, `EXCH01 (POLYNOMIAL/HQ)`. */
  full: string;
  kind: 'msmail' | 'exchange';
  role: 'dss' | 'requestor' | 'none';
  href: string;
  health: NodeHealth;
  /** The titles of the findings about it, worst first. */
  findings: string[];
}

/** A requestor's link to its DSS: the mail waiting each way and how far behind it is. */
export interface TopologyLink {
  /** Dirsync messages (ReqTx, ReqStat) from the requestor waiting anywhere on their way to the DSS. */
  up: number;
  /** SrvTx from the DSS waiting on their way to the requestor. */
  down: number;
  /** DSS cycles since the DSS last took an update from it; null when the DSS has no record of it. */
  lagCycles: number | null;
  /** When the DSS last took an update from it (simulation ms), null when never. */
  lastUpdateAt: number | null;
  /** Its last reply applied (the run history), null when none. */
  lastReceived: number | null;
}

export interface TopologyCluster {
  dss: TopologyNode & { cycle: number; sync: number };
  requestors: { node: TopologyNode; link: TopologyLink }[];
}

export interface TopologyView {
  /** Simulation time it was read at (the Health report's). */
  at: number;
  clusters: TopologyCluster[];
  /** Postoffices and Exchange servers in no cluster: not in dirsync, or registered with a DSS that is not one. */
  others: TopologyNode[];
  counts: { postoffices: number; exchange: number; requestors: number };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface PoRow {
  id: number;
  key: string;
  name: string;
  kind: 'msmail' | 'connector';
  server: string | null;
  dss: string | null;
  isDss: number;
  sync: number | null;
  cycle: number | null;
}

/**
 * The topology (docs/console.md, "Topology"): every DSS with its requestors, the dirsync mail
 * waiting on each link each way, each requestor's lag, coloured by the Health report's findings.
 * The numbers come from the Health report (read in one transaction with its findings) and one
 * grouped count of the queues; a few statements whatever the number of names. Changes nothing.
 */
export function topologyView(db: Db, report: HealthReport): TopologyView {
  const pos = stmt(
    db,
    `select p.id, p.network || '/' || p.name as key, p.name, p.kind, es.name as server, rc.dss, sc.po_id is not null as isDss, sc.sync, sc.cycle
     from postoffice p left join exchange_server es on es.connector_po_id = p.id left join reqconf rc on rc.po_id = p.id left join srvconf sc on sc.po_id = p.id
     order by p.network, p.name`,
  ).all() as PoRow[];
  // Dirsync mail on its way (P1, outbound queue, mailbag), by sender postoffice, destination and direction.
  const queued = stmt(
    db,
    `select from_addr as src, dest, kind = 'SrvTx' as down, count(*) as n
     from message where place in ('P1', 'OUTBOUND', 'MAILBAG') and kind in ('ReqTx', 'ReqStat', 'SrvTx') group by from_addr, dest, down`,
  ).all() as { src: string; dest: string; down: number; n: number }[];
  const waiting = new Map<string, number>();
  for (const q of queued) {
    // `NET/PO/$SYSTEM` (an Exchange requestor's `NET/SITE/SYSTEM1`): the sender is its postoffice.
    const key = `${q.src.split('/').slice(0, 2).join('/')}>${q.dest}`;
    waiting.set(key, (waiting.get(key) ?? 0) + q.n);
  }

  const byObject = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    // `SERVER (NET/PO)`, `SERVER service` and `SERVER` are all about the server's node.
    const key = f.object.split(' ')[0];
    byObject.set(key, [...(byObject.get(key) ?? []), f]);
  }
  const node = (p: PoRow, role: TopologyNode['role']): TopologyNode => {
    const about = [...(byObject.get(p.key) ?? []), ...(p.server ? (byObject.get(p.server) ?? []) : [])].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const inDirsync = role !== 'none' || about.length > 0;
    return {
      id: p.key,
      label: p.server ?? p.name,
      full: p.server ? `${p.server} (${p.key})` : p.key,
      kind: p.server ? 'exchange' : 'msmail',
      role,
      href: p.server ? `/exchange/${encodeURIComponent(p.server)}/directory-synchronization` : `/msmail/${poSegment(p.key)}`,
      health: about[0]?.severity === 'error' ? 'error' : about[0]?.severity === 'warning' ? 'warning' : inDirsync ? 'ok' : 'none',
      findings: about.map((f) => f.title),
    };
  };

  const health = new Map(report.requestors.map((r) => [r.requestor, r]));
  const clusters = new Map<string, TopologyCluster>();
  for (const p of pos) {
    if (p.isDss) clusters.set(p.key, { dss: { ...node(p, 'dss'), cycle: p.cycle ?? 0, sync: p.sync ?? 0 }, requestors: [] });
  }
  const others: TopologyNode[] = [];
  for (const p of pos) {
    if (p.isDss) continue;
    const cluster = p.dss ? clusters.get(p.dss) : undefined;
    if (!cluster) {
      // A connector postoffice of no Exchange server is not a thing an administrator sees.
      if (p.kind === 'msmail' || p.server) others.push(node(p, 'none'));
      continue;
    }
    const h = health.get(p.key);
    cluster.requestors.push({
      node: node(p, 'requestor'),
      link: {
        up: waiting.get(`${p.key}>${cluster.dss.id}`) ?? 0,
        down: waiting.get(`${cluster.dss.id}>${p.key}`) ?? 0,
        lagCycles: h?.atDss && h.dssCycle !== null ? Math.max(0, h.dssCycle - h.atDss.lastCycle) : null,
        lastUpdateAt: h?.atDss?.lastUpdateAt ?? null,
        lastReceived: h?.lastReceived ?? null,
      },
    });
  }
  const list = [...clusters.values()];
  return {
    at: report.at,
    clusters: list,
    others,
    counts: {
      postoffices: pos.filter((p) => p.kind === 'msmail').length,
      exchange: pos.filter((p) => p.server).length,
      requestors: list.reduce((n, c) => n + c.requestors.length, 0),
    },
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The lag in words: `lag 1 cycle`, `not registered`. */
export function lagText(link: TopologyLink): string {
  return link.lagCycles === null ? 'not registered on its dirsync server' : `lag ${plural(link.lagCycles, 'cycle')}`;
}

/** Hours since a simulation time, in words: `42 hours ago`, `never`. */
export function sinceText(at: number | null, now: number): string {
  if (at === null) return 'never';
  const h = Math.floor((now - at) / 3_600_000);
  return h < 1 ? 'within the hour' : h < 48 ? `${plural(h, 'hour')} ago` : `${Math.floor(h / 24)} days ago`;
}

const healthWords = (n: TopologyNode) =>
  n.health === 'none' ? 'not in dirsync' : n.health === 'ok' ? 'health OK' : `${n.health === 'error' ? 'error' : 'warning'}: ${n.findings[0]}${n.findings.length > 1 ? ` (and ${n.findings.length - 1} more)` : ''}`;

/** A node's accessible name: `POLYNOMIAL/NOVEMBER: requestor, 2 messages waiting, lag 1 cycle, health OK`. */
export function nodeName(n: TopologyNode, extra?: { link?: TopologyLink; cluster?: TopologyCluster }): string {
  const role = n.kind === 'exchange' ? 'Exchange server' : 'postoffice';
  if (extra?.cluster) {
    const c = extra.cluster;
    return `${n.full}: dirsync server, cycle ${c.dss.cycle}, ${plural(c.requestors.length, 'requestor')}, ${healthWords(n)}`;
  }
  if (extra?.link) {
    const l = extra.link;
    return `${n.full}: ${n.kind === 'exchange' ? 'Exchange requestor' : 'requestor'}, ${plural(l.up + l.down, 'message')} waiting, ${lagText(l)}, ${healthWords(n)}`;
  }
  return `${n.full}: ${role}, ${healthWords(n)}`;
}
