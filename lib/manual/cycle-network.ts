import type { Db } from '@/db/client';
import { srvconfOf, srvRequestors } from '@/lib/dirsync/dss';
import { notFound, usage } from '@/lib/core/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { allPos, findPo, type PoRow } from '@/lib/dirsync/postoffices';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { stmt } from '@/lib/core/statements';
import { links, requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import { allServers, connectorPo, dxaRole, findServer, serverOfConnector, type ServerRow } from '@/lib/exchange/servers/servers';
import { requestorTarget, type RequestorTarget } from '@/lib/resync/wizard-targets';

/**
 * The dirsync network of one DSS as it is now (what document 003's procedure walks): the DSS, its
 * MS Mail requestors (the DSS itself first when it sends its own updates, "including the
 * postoffice defined as the dirsync server"), its Exchange requestors, and the Connector (PC) MTA
 * instances that carry mail between an Exchange connector postoffice and those postoffices.
 */
export type DssTarget = { kind: 'msmail'; key: string; po: PoRow } | { kind: 'exchange'; key: string; po: PoRow; server: ServerRow };

export interface PcMtaRef {
  server: string;
  service: string;
  state: 'Running' | 'Paused' | 'Stopped';
  /** The postoffices it services (`NET/PO`). */
  services: string[];
}

export interface CycleNetwork {
  dss: DssTarget;
  /** MS Mail requestors (`NET/PO`), the DSS first when it is one of its own requestors. */
  msmail: string[];
  /** Exchange requestors (server names). */
  exchange: string[];
  mtas: PcMtaRef[];
}

/** A DSS by name: an MS Mail postoffice with Server set in Dir-Sync Options, or an Exchange server with a Dirsync Server object. */
export function resolveDss(db: Db, name: string): DssTarget {
  const server = findServer(db, name);
  if (server) {
    if (dxaRole(db, server) !== 'server') throw usage(`${server.name} is not a dirsync server: it has no Dirsync Server object`, { code: 'wizard.not-a-dss', field: 'dss' });
    return { kind: 'exchange', key: server.name, po: connectorPo(db, server), server };
  }
  if (!name.includes('/')) throw notFound(`"${name}" is neither an Exchange server nor a postoffice NET/PO`, { code: 'dss.not-found', field: 'dss' });
  const po = findPo(db, parsePoName(name));
  if (!po) throw notFound(`postoffice ${name.trim().toUpperCase()} does not exist`, { code: 'postoffice.not-found', field: 'postoffice' });
  if (po.kind === 'connector') {
    const s = serverOfConnector(db, po.id);
    if (s) return resolveDss(db, s.name);
  }
  if (!srvconfOf(db, po)) throw usage(`${poKey(po)} is not a dirsync server (Dir-Sync Options: Server is No)`, { code: 'wizard.not-a-dss', field: 'dss' });
  return { kind: 'msmail', key: poKey(po), po };
}

/** Every dirsync server of the model, MS Mail first. */
export function dirsyncServers(db: Db): { key: string; kind: 'msmail' | 'exchange' }[] {
  const ms = (stmt(db, "select p.network || '/' || p.name as key from srvconf c join postoffice p on p.id = c.po_id where p.kind = 'msmail' order by 1").all() as { key: string }[]).map(
    (r) => ({ key: r.key, kind: 'msmail' as const }),
  );
  const ex = allServers(db)
    .filter((s) => dxaRole(db, s) === 'server')
    .map((s) => ({ key: s.name, kind: 'exchange' as const }));
  return [...ms, ...ex];
}

/** The DSS a requestor sends to (its REQCONF registration), or undefined. */
export function dssOfRequestor(db: Db, t: RequestorTarget): DssTarget | undefined {
  const dss = t.kind === 'exchange' ? requestorLink(db, t.server)?.po : reqconfOf(db, t.po.id).dss;
  if (!dss) return undefined;
  try {
    return resolveDss(db, dss);
  } catch {
    return undefined;
  }
}

export function cycleNetwork(db: Db, dssName: string): CycleNetwork {
  const dss = resolveDss(db, dssName);
  const msmail: string[] = [];
  const exchange: string[] = [];
  const dssKey = poKey(dss.po);
  const registeredHere = (po: PoRow) => reqconfOf(db, po.id).dss === dssKey;
  if (dss.kind === 'msmail') {
    if (registeredHere(dss.po)) msmail.push(dss.key);
    for (const r of srvRequestors(db, dss.po)) {
      const po = findPo(db, parsePoName(r.requestor));
      if (!po || po.id === dss.po.id) continue;
      if (po.kind === 'msmail') {
        if (registeredHere(po)) msmail.push(poKey(po));
      } else {
        const server = serverOfConnector(db, po.id);
        if (server && requestorLink(db, server)?.po === dssKey) exchange.push(server.name);
      }
    }
  } else {
    for (const l of links(db, dss.server, 'remote')) {
      const po = findPo(db, parsePoName(l.po));
      if (po && po.kind === 'msmail' && registeredHere(po)) msmail.push(poKey(po));
    }
  }
  msmail.sort((a, b) => (a === dss.key ? -1 : b === dss.key ? 1 : a.localeCompare(b)));
  exchange.sort();
  return { dss, msmail, exchange, mtas: carryingMtas(db, [dss.key, ...msmail, ...exchange]) };
}

/**
 * The PC MTA instances that carry this network's dirsync mail: on every Exchange server of the
 * network (a requestor, or the DSS), and any other instance servicing one of its postoffices.
 */
function carryingMtas(db: Db, members: string[]): PcMtaRef[] {
  const servers = new Set(members.filter((m) => !m.includes('/')));
  const pos = new Set(members.filter((m) => m.includes('/')));
  const rows = stmt(
    db,
    `select s.name as server, e.name as service, e.state, p.network || '/' || p.name as po
     from pc_mta m join exchange_server s on s.id = m.server_id join exchange_service e on e.mta_id = m.id
     left join pc_mta_postoffice mp on mp.mta_id = m.id left join postoffice p on p.id = mp.po_id
     order by s.name, e.name, po`,
  ).all() as { server: string; service: string; state: PcMtaRef['state']; po: string | null }[];
  const byKey = new Map<string, PcMtaRef>();
  for (const r of rows) {
    const k = `${r.server}|${r.service}`;
    let m = byKey.get(k);
    if (!m) byKey.set(k, (m = { server: r.server, service: r.service, state: r.state, services: [] }));
    if (r.po) m.services.push(r.po);
  }
  return [...byKey.values()].filter((m) => m.services.length > 0 && (servers.has(m.server) || m.services.some((p) => pos.has(p))));
}

/** The requestors of every DSS: for pickers. */
export function allRequestors(db: Db): string[] {
  const out: string[] = [];
  for (const d of dirsyncServers(db)) {
    const n = cycleNetwork(db, d.key);
    out.push(...n.msmail, ...n.exchange);
  }
  return [...new Set(out)];
}

export { requestorTarget };
export const msMailPostoffices = (db: Db) => allPos(db).filter((p) => p.kind === 'msmail').map(poKey);
