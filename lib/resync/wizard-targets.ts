import type { Db } from '@/db/client';
import { srvconfOf, srvRequestors } from '@/lib/dirsync/dss';
import { notFound, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { findPo, resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { stmt } from '@/lib/core/statements';
import { findRemoteLink, requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import { connectorPo, dxaRole, findServer, resolveServer, serverOfConnector, type ServerRow } from '@/lib/exchange/servers/servers';

export type WizardDirection = 'exchange-dss-to-msmail' | 'msmail-dss-to-exchange' | 'msmail-dss-to-msmail';
export const WIZARD_DIRECTIONS: WizardDirection[] = ['exchange-dss-to-msmail', 'msmail-dss-to-exchange', 'msmail-dss-to-msmail'];

export const DIRECTION_TITLES: Record<WizardDirection, string> = {
  'exchange-dss-to-msmail': 'Exchange DSS → MS Mail requestors',
  'msmail-dss-to-exchange': 'MS Mail DSS → Exchange requestor',
  'msmail-dss-to-msmail': 'MS Mail DSS → MS Mail requestors',
};

/** A requestor the wizard resyncs: an MS Mail postoffice, or an Exchange server (its connector postoffice keeps the numbers). */
export type RequestorTarget =
  | { kind: 'msmail'; key: string; po: PoRow; place: string }
  | { kind: 'exchange'; key: string; po: PoRow; server: ServerRow; place: string };

/** A requestor named by `NET/PO`, or (Exchange requestor) by its server name or its connector postoffice. */
export function requestorTarget(db: Db, name: string): RequestorTarget {
  const server = findServer(db, name) ?? (name.includes('/') ? serverFromPo(db, name) : undefined);
  if (server) return { kind: 'exchange', key: server.name, po: connectorPo(db, server), server, place: `${server.name}:Dxadata` };
  const po = resolvePo(db, name);
  return { kind: 'msmail', key: poKey(po), po, place: poKey(po) };
}

function serverFromPo(db: Db, name: string): ServerRow | undefined {
  const [network, po] = name.trim().toUpperCase().split('/');
  const row = network && po ? findPo(db, { network, name: po }) : undefined;
  return row && row.kind === 'connector' ? serverOfConnector(db, row.id) : undefined;
}

/** Where the DSS of a direction writes RESYNC.GLB: the Exchange server's Dxadata, or the MS Mail DSS's GLB directory. */
export function dssPlace(db: Db, direction: WizardDirection, dss: string): string {
  return direction === 'exchange-dss-to-msmail' ? `${resolveServer(db, dss).name}:Dxadata` : poKey(resolvePo(db, dss));
}

/** Canonical DSS name and requestor keys; refuses a DSS or requestor that does not fit the direction. */
export function checkTargets(db: Db, direction: WizardDirection, dss: string, requestors: string[]): { dss: string; requestors: RequestorTarget[] } {
  if (!WIZARD_DIRECTIONS.includes(direction)) throw usage(`"${direction}" is not a resync direction: use ${WIZARD_DIRECTIONS.join(', ')}`);
  if (requestors.length === 0) throw usage('choose at least one requestor to resync');
  const targets = requestors.map((r) => requestorTarget(db, r));
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.key)) throw usage(`${t.key} is chosen twice`);
    seen.add(t.key);
  }
  if (direction === 'exchange-dss-to-msmail') {
    const server = resolveServer(db, dss);
    if (dxaRole(db, server) !== 'server') throw usage(`${server.name} is not a dirsync server: it has no Dirsync Server object`);
    for (const t of targets) {
      if (t.kind !== 'msmail') throw usage(`${t.key} is an Exchange server: an Exchange DSS resyncs MS Mail requestors only`);
      if (!findRemoteLink(db, server, t.key)) throw notFound(`${t.key} is not a Remote Dirsync Requestor of ${server.name}`);
    }
    return { dss: server.name, requestors: targets };
  }
  const po = resolvePo(db, dss);
  if (!srvconfOf(db, po)) throw usage(`${poKey(po)} is not a dirsync server (Dir-Sync Options: Server is No)`);
  const registered = new Set(srvRequestors(db, po).map((r) => r.requestor));
  for (const t of targets) {
    const want = direction === 'msmail-dss-to-exchange' ? 'exchange' : 'msmail';
    if (t.kind !== want) throw usage(`${t.key} is ${t.kind === 'exchange' ? 'an Exchange server' : 'an MS Mail postoffice'}: this direction resyncs ${want === 'exchange' ? 'Exchange requestors' : 'MS Mail requestors'}`);
    if (t.po.id === po.id) throw usage(`${t.key} is the dirsync server itself: it keeps the lists the file is made from`);
    if (!registered.has(poKey(t.po))) throw notFound(`${poKey(t.po)} is not a requestor of ${poKey(po)}: Server ▸ Requestors lists it there first`);
    if (t.kind === 'exchange' && !requestorLink(db, t.server)) throw notFound(`${t.server.name} has no Dirsync Requestor object`);
    if (t.kind === 'msmail' && reqconfOf(db, t.po.id).dss !== poKey(po)) throw usage(`${t.key} is not registered with ${poKey(po)} (Requestor ▸ Registration)`);
  }
  return { dss: poKey(po), requestors: targets };
}

/** A requestor's numbers and GAL count: its REQCONF and, for an Exchange requestor, the addresses in its Import Container. */
export interface RequestorState {
  requestor: string;
  kind: 'msmail' | 'exchange';
  reqSync: number;
  srvSync: number;
  impSync: number;
  /** MS Mail: the names in its GAL after the last rebuild; Exchange: the custom recipients its Dirsync Requestor imported. */
  gal: number;
}

export function requestorState(db: Db, t: RequestorTarget): RequestorState {
  const rc = reqconfOf(db, t.po.id);
  const gal =
    t.kind === 'exchange'
      ? (stmt(db, 'select count(*) as n from recipient where imported_by = ?').get(requestorLink(db, t.server)?.id ?? -1) as { n: number }).n
      : (stmt(db, 'select gal_count as n from postoffice where id = ?').get(t.po.id) as { n: number }).n;
  return { requestor: t.key, kind: t.kind, reqSync: rc.reqSync, srvSync: rc.srvSync, impSync: rc.impSync, gal };
}
