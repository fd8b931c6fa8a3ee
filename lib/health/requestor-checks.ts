import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { runsIndexedTo } from '@/lib/history/record-run';
import type { Finding, Fix, RequestorHealth } from './types';
import { routes } from '@/lib/console/routes';

interface Row {
  requestor: string;
  server: string | null;
  dss: string;
  dssExists: number;
  reqSync: number;
  srvSync: number;
  impSync: number;
  reqtransHigh: number;
  lastOutcome: string;
  dssSync: number | null;
  dssCycle: number | null;
  keepUpdates: number | null;
  purgedThrough: number | null;
  recordId: number | null;
  rReqSync: number | null;
  rSrvSync: number | null;
  rImpSync: number | null;
  lastCycle: number | null;
  lastUpdateAt: number | null;
  /** The last T1 (or DXA T1), T3 receive, and Exchange import among the indexed runs. */
  lastSent: number | null;
  lastT3: number | null;
  lastDxa: number | null;
  /** The DSS is an Exchange server's connector postoffice. */
  dssServer: string | null;
}

/**
 * Every registered requestor (a REQCONF naming a DSS: MS Mail postoffices, the DSS itself, and an
 * Exchange Dirsync Requestor's connector postoffice) with the DSS's SRVCONF and its record there,
 * and its last T1 and last reply from the run history, in one statement: each join and subquery
 * goes by an index (postoffice_name, srv_requestor_name, run_history_object). The runs above the
 * indexed mark (lib/history/record-run.ts) are not in that index: `lastRuns` reads them once.
 */
const ROWS = `
select p.network || '/' || p.name as requestor, es.name as server, rc.dss as dss, d.id is not null as dssExists,
  rc.req_sync as reqSync, rc.srv_sync as srvSync, rc.imp_sync as impSync, rc.reqtrans_high as reqtransHigh, rc.last_outcome as lastOutcome,
  sc.sync as dssSync, sc.cycle as dssCycle, sc.keep_updates as keepUpdates, sc.purged_through as purgedThrough,
  sr.id as recordId, sr.req_sync as rReqSync, sr.srv_sync as rSrvSync, sr.imp_sync as rImpSync, sr.last_cycle as lastCycle, sr.last_update_at as lastUpdateAt,
  (select h.sim_end from run_history h where h.indexed = 1 and h.id <= @mark and h.object = coalesce(es.name, p.network || '/' || p.name) collate nocase
     and h.kind collate nocase in ('T1', 'DXA T1') order by h.id desc limit 1) as lastSent,
  (select h.sim_end from run_history h where h.indexed = 1 and h.id <= @mark and h.object = (p.network || '/' || p.name) collate nocase
     and h.kind = 'T3 receive' collate nocase order by h.id desc limit 1) as lastT3,
  (select h.sim_end from run_history h where h.indexed = 1 and h.id <= @mark and es.name is not null and h.object collate nocase >= es.name || ' ' and h.object collate nocase < es.name || '!'
     and (h.kind = 'DXA T3' or (h.kind = 'PC MTA' and h.summary like '%Import Container%')) order by h.id desc limit 1) as lastDxa,
  ds.name as dssServer
from reqconf rc
join postoffice p on p.id = rc.po_id
left join exchange_server es on es.connector_po_id = p.id
left join postoffice d on d.network = substr(rc.dss, 1, instr(rc.dss, '/') - 1) and d.name = substr(rc.dss, instr(rc.dss, '/') + 1)
left join srvconf sc on sc.po_id = d.id
left join exchange_server ds on ds.connector_po_id = d.id
left join srv_requestor sr on sr.dss_po_id = d.id and sr.requestor = p.network || '/' || p.name
where rc.dss is not null
order by p.network, p.name`;

const REF_NUMBERS = 'KB Q96060 (sync numbers); docs/engine.md ("Sync numbers")';
const REF_138 = 'MS Mail errors 138/139 (KB Q108067; KB Q96060, problem 9)';

/** Re-exported for older imports: the NET~PO helper lives with every other URL. */
export { poSegment } from '@/lib/console/routes';

/** The page where a requestor's schedule is set: its postoffice's Schedule, or the Dirsync Requestor's Schedule tab. */
export const requestorSchedule = (r: { requestor: string; server: string | null }) =>
  r.server ? routes.requestor(r.server, 'schedule') : routes.postofficeSchedule(r.requestor);

const resyncWizard = (dss: string, requestor: string): Fix => ({
  kind: 'resync-wizard',
  label: 'Open the Resync Wizard',
  href: routes.newResyncWizard({ dss, requestor }),
});
const importNext = (requestor: string, server: string | null): Fix => ({
  kind: 'import-next',
  label: server ? 'Import on next cycle' : 'Import on next cycle (Requestor ▸ Import)',
  requestor,
});
const exportNext = (requestor: string, server: string | null): Fix => ({
  kind: 'export-next',
  label: server ? 'Export on next cycle' : 'Export on next cycle (Requestor ▸ Export)',
  requestor,
});

/** SQLite's NOCASE: ASCII letters only. */
const nocase = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/**
 * A requestor's last T1 and last reply, newest first: among the runs above the indexed mark (fewer
 * than INDEX_EVERY, read once for every requestor), then the indexed ones ROWS found — the same
 * tests as ROWS makes (NOCASE object and kind; `like` ignores ASCII case).
 */
function lastRuns(db: Db, mark: number) {
  const newest = stmt(
    db,
    `select object, kind, sim_end as simEnd, kind = 'PC MTA' and summary like '%Import Container%' as imported from run_history where id > ? order by id desc`,
  ).all(mark) as { object: string; kind: string; simEnd: number; imported: number }[];
  const runs = newest.map((n) => ({ ...n, object: nocase(n.object), kindNocase: nocase(n.kind) }));
  return (r: Row): { lastSent: number | null; lastReceived: number | null } => {
    const sentBy = nocase(r.server ?? r.requestor);
    const requestor = nocase(r.requestor);
    const server = r.server === null ? null : `${nocase(r.server)} `;
    const sent = runs.find((h) => h.object === sentBy && (h.kindNocase === 't1' || h.kindNocase === 'dxa t1'));
    const t3 = runs.find((h) => h.object === requestor && h.kindNocase === 't3 receive');
    const dxa = server === null ? undefined : runs.find((h) => h.object.startsWith(server) && (h.kind === 'DXA T3' || h.imported === 1));
    return { lastSent: sent?.simEnd ?? r.lastSent, lastReceived: t3?.simEnd ?? r.lastT3 ?? dxa?.simEnd ?? r.lastDxa };
  };
}

/** The per-requestor table and the checks on its numbers. */
export function requestorChecks(db: Db): { rows: RequestorHealth[]; findings: Finding[] } {
  const mark = runsIndexedTo(db);
  const rows = stmt(db, ROWS).all({ mark }) as Row[];
  const last = lastRuns(db, mark);
  const findings: Finding[] = [];
  const table: RequestorHealth[] = [];
  for (const r of rows) {
    const name = r.server ? `${r.server} (${r.requestor})` : r.requestor;
    const { lastSent, lastReceived } = last(r);
    table.push({
      requestor: r.requestor,
      server: r.server,
      dss: r.dss,
      atRequestor: { reqSync: r.reqSync, srvSync: r.srvSync, impSync: r.impSync, reqtransHigh: r.reqtransHigh },
      atDss:
        r.recordId === null
          ? null
          : { reqSync: r.rReqSync!, srvSync: r.rSrvSync!, impSync: r.rImpSync!, lastCycle: r.lastCycle!, lastUpdateAt: r.lastUpdateAt },
      dssSync: r.dssSync,
      dssCycle: r.dssCycle,
      keepUpdates: r.keepUpdates,
      lastSent,
      lastReceived,
    });
    if (r.dssSync === null) {
      findings.push({
        check: 'dss-missing',
        severity: 'error',
        object: name,
        title: `Its dirsync server ${r.dss} is not a dirsync server`,
        meaning: `${r.requestor} is registered with ${r.dss}, which ${r.dssExists ? 'is not a Directory Synchronization Server' : 'is not a postoffice of this network'}: its updates go nowhere and it receives none.`,
        source: 'MS Mail error 136 (KB Q96001–Q96004); docs/engine.md ("Sync numbers")',
        fixes: [],
      });
      continue;
    }
    if (r.recordId === null) {
      findings.push({
        check: 'not-registered',
        severity: 'error',
        object: name,
        title: `Not registered on ${r.dss}`,
        meaning: `${r.dss} has no requestor record for ${r.requestor}: every T2 refuses its updates with error 120 "Requestor not registered" and sends it nothing.`,
        source: 'MS Mail error 120, Requestor not registered (KB Q99268)',
        fixes: [],
      });
      continue;
    }
    const dssName = r.dssServer ?? r.dss;
    if (r.reqSync > r.srvSync) {
      findings.push({
        check: 'reqsync-above-srvsync',
        severity: 'error',
        object: name,
        title: `ReqSync ${r.reqSync} is above SrvSync ${r.srvSync}`,
        meaning: `A requestor's ReqSync must never be above its SrvSync once it has completed a cycle: its REQCONF no longer matches what the DSS sent it (a restored backup?), so updates may be missing from its address lists.`,
        source: REF_NUMBERS,
        fixes: [importNext(r.requestor, r.server), resyncWizard(dssName, r.requestor)],
      });
    }
    if (r.reqSync > r.reqtransHigh) {
      findings.push({
        check: 'reqsync-above-reqtrans',
        severity: 'error',
        object: name,
        title: `REQCONF ReqSync ${r.reqSync} is above the REQTRANS number ${r.reqtransHigh}`,
        meaning: `REQTRANS transaction numbers must be at or above ReqSync, otherwise they are ignored: REQTRANS.GLB was replaced or restored, and local changes numbered from it would not reach the DSS. An Export renumbers every local address above ReqSync.`,
        source: 'KB Q96060 (sync numbers)',
        fixes: [exportNext(r.requestor, r.server)],
      });
    }
    if (r.srvSync > r.dssSync) {
      findings.push({
        check: 'srvsync-above-dss',
        severity: 'error',
        object: name,
        title: `SrvSync ${r.srvSync} is above the DSS's Sync ${r.dssSync}`,
        meaning: `The requestor has received more than ${r.dss} has ever sent: the DSS was restored from an old backup, and its next T2 logs 138/139 as fatal and sends this requestor nothing.`,
        source: REF_138,
        fixes: [resyncWizard(dssName, r.requestor), importNext(r.requestor, r.server)],
      });
    }
    if (r.rReqSync! > Math.max(r.reqSync, r.reqtransHigh)) {
      findings.push({
        check: 'dss-reqsync-ahead',
        severity: 'error',
        object: name,
        title: `${r.dss} holds ReqSync ${r.rReqSync} for it; it is at ${Math.max(r.reqSync, r.reqtransHigh)}`,
        meaning: `The DSS has already received transactions numbered up to ${r.rReqSync} from this requestor (it was restored from an old backup): its next changes get numbers the DSS rejects as already received.`,
        source: REF_NUMBERS,
        fixes: [resyncWizard(dssName, r.requestor)],
      });
    }
    const silent = r.dssCycle! - r.lastCycle!;
    if (r.srvSync < r.purgedThrough!) {
      findings.push({
        check: 'missing-transactions',
        severity: 'error',
        object: name,
        title: `Transactions ${r.srvSync + 1}–${r.purgedThrough} it has not received are purged`,
        meaning: `${r.dss} has purged MSTTRANS past this requestor's SrvSync ${r.srvSync}: its next reply logs 138 "Server sync does not exist anymore" and 139, and those updates never arrive. An Import replaces its lists with the DSS's.`,
        source: REF_138,
        fixes: [importNext(r.requestor, r.server), resyncWizard(dssName, r.requestor)],
      });
    } else if (silent > r.keepUpdates!) {
      findings.push({
        check: 'silent-requestor',
        severity: 'warning',
        object: name,
        title: `Silent for ${silent} cycles (Keep Updates ${r.keepUpdates})`,
        meaning: `${r.dss} last heard from this requestor ${r.lastCycle ? `in cycle ${r.lastCycle}` : 'never'}, ${silent} cycles ago, more than the ${r.keepUpdates} cycles of updates it keeps: once the updates it has not received are purged its next reply logs 138/139.`,
        source: REF_138,
        fixes: [importNext(r.requestor, r.server), { kind: 'open-schedule', label: 'Open its schedule', href: requestorSchedule(r) }],
      });
    }
  }
  return { rows: table, findings };
}
