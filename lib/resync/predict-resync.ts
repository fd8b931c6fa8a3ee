import type { Db } from '@/db/client';
import { srvconfOf, srvRequestor, srvRequestors, type SrvRequestorRow } from '@/lib/dirsync/dss';
import { DirsyncError, usage } from '@/lib/core/errors';
import { masterListCount } from '@/lib/dirsync/master-lists';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { allPos, findPo, resolvePo, type PoRow } from '@/lib/dirsync/postoffices';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { readResync, resyncRefusal } from '@/lib/dirsync/resync-apply';
import { dssField } from '@/lib/dirsync/resync-glb';
import { resyncMaxima, type ResyncMaxima } from '@/lib/dirsync/resync-header';
import { stmt } from '@/lib/core/statements';
import { deleteGuardOf, guardLimit, guardWords } from '@/lib/dirsync/delete-guard';
import { findRemoteLink, links, requestorLink, type LinkRow } from '@/lib/exchange/dxa/dirsync-links';
import { resyncNames } from '@/lib/exchange/dxa/dxa-resync-extract';
import { DXA_KEY } from '@/lib/exchange/services/registry';
import { allServers, atLeastSp3, connectorPo, dxaRole, findServer, serverOfConnector, type ServerRow } from '@/lib/exchange/servers/servers';
import { belowRequestor } from '@/lib/dirsync/resync-seq-rule';

/**
 * The resync prediction (issue 9): what RESYNC.GLB a DSS would write now and whether each target
 * requestor would apply it or refuse it with Fatal 14 — computed by the same functions the real
 * extract (resync-header.ts, masterListCount) and the real apply (resyncRefusal) use, without
 * writing anything. It reads only the SRVCONF numbers and counts the body, so it costs the same
 * for 100 addresses as for 100,000.
 */

export type ResyncDirection = 'exchange-dss-to-msmail' | 'msmail-dss-to-exchange' | 'msmail-dss-to-msmail';
export interface SyncNumbers {
  reqSync: number;
  srvSync: number;
  impSync: number;
}
export interface ResyncHeader {
  impSeq: number;
  reqSeq: number;
  srvSeq: number;
  records: number;
  /** As the header's 16-byte field holds it. */
  dss: string;
}
export type ResyncFixCode = 'nameToo' | 'setGlobalMax' | 'upgradeDxa' | 'deleteDssCopy' | 'makeNewFile';
export interface ResyncFix {
  code: ResyncFixCode;
  text: string;
  /** nameToo: the Remote Dirsync Requestor names to add to ResyncConnectionRDNs. */
  names?: string[];
}
export interface ResyncVerdict {
  /** `NET/PO` of an MS Mail requestor, or the Exchange requestor's server name. */
  requestor: string;
  kind: 'msmail' | 'exchange';
  /** Its REQCONF numbers now. */
  atRequestor: SyncNumbers;
  /** Its SRVCONF record at the DSS (null when not registered there). */
  inDss: SyncNumbers | null;
  /** true: will apply; false: will be refused (Fatal 14, or no file to apply). */
  applies: boolean;
  /** Why it is refused: the text the apply's Fatal 14 line would carry. */
  rule?: string;
  /** What would make it apply, most direct first. */
  fixes: ResyncFix[];
  /**
   * When it applies but would remove more names than the requestor's delete guard allows: the
   * import that applies it is held (error 900) until applied anyway or discarded.
   */
  guardHolds?: { removes: number; gal: number; limit: number; text: string };
}
export interface ResyncPrediction {
  direction: ResyncDirection;
  /** `NET/PO` of an MS Mail DSS, or the Exchange server's name. */
  dss: string;
  /** null when the file is damaged, or when no file would be written (noFile). */
  header: ResyncHeader | null;
  /** Why the file cannot be read (then every verdict is refused). */
  damaged?: string;
  /** Exchange DSS: why the DX restart would write no Resync.glb at all (then every verdict is refused). */
  noFile?: string;
  /** Exchange DSS: GlobalMaxSeqInResync set and the DXA 5.5 SP3 or later. */
  globalMaxInForce?: boolean;
  /** Exchange DSS: GlobalMaxSeqInResync = 1 would be set (in force or not). */
  globalMaxSet?: boolean;
  /** Exchange DSS: the ResyncConnectionRDNs strings that would be written. */
  names?: string[];
  /** Exchange DSS: strings among them that name no Remote Dirsync Requestor (the DXA ignores them). */
  ignoredNames?: string[];
  /** Exchange DSS: the server's version (GlobalMaxSeqInResync needs 5.5 SP3). */
  version?: string;
  verdicts: ResyncVerdict[];
}
export interface ResyncPlanInput {
  /** MS Mail DSS (NET/PO or drive) or Exchange server name. */
  dss: string;
  /** The targets: NET/PO, drive, Exchange requestor server, or (Exchange DSS) Remote Dirsync Requestor name. */
  requestors: string[];
  /** Exchange DSS: ResyncConnectionRDNs (default: the targets' Remote Dirsync Requestor names). */
  names?: string[];
  /** Exchange DSS: GlobalMaxSeqInResync = 1 would be set (default: the registry's current value). */
  globalMax?: boolean;
}

// ---- the delete guard -------------------------------------------------------------------------

/**
 * Whether the target's delete guard would hold the file an MS Mail DSS writes now: the names of the
 * target's GAL (an Exchange requestor: its Import Container's imported recipients) in a list the file
 * replaces and absent from the DSS's master lists are what the apply would remove. One set-based
 * count; undefined when the guard would let it through.
 */
function guardVerdict(db: Db, dssPo: PoRow, t: Target): ResyncVerdict['guardHolds'] {
  const g = deleteGuardOf(db, t.po.id);
  const own = `PCM:${poKey(t.po)}`;
  const replaced = `(select list_key from master_entry where dss_po_id = @dss union select 'PCM:' || requestor from srv_requestor where dss_po_id = @dss)`;
  const absent = 'not exists (select 1 from master_entry m where m.dss_po_id = @dss and m.address_key = x.address_key)';
  let removes: number;
  let gal: number;
  const server = t.kind === 'exchange' ? serverOfConnector(db, t.po.id) : undefined;
  const container = server ? requestorLink(db, server)?.importContainerId : undefined;
  if (t.kind === 'exchange') {
    if (!container) return undefined;
    gal = (stmt(db, 'select count(*) as n from recipient where container_id = ? and imported_list is not null').get(container) as { n: number }).n;
    removes = (
      stmt(db, `select count(*) as n from recipient x where x.container_id = @c and x.imported_list <> @own and x.imported_list in ${replaced} and ${absent}`).get({
        c: container,
        own,
        dss: dssPo.id,
      }) as { n: number }
    ).n;
  } else {
    gal = t.po.galCount;
    removes = (
      stmt(
        db,
        // The lists replaced, found by hopping from one list_key to the next on master_entry_list (a
        // seek per list); each is a range of address keys (listRange): 'PCM:NET/PO' holds
        // 'PCM:NET/PO/' up to 'PCM:NET/PO0', read on list_entry's key.
        `with recursive k(key) as (
           select min(list_key) from master_entry where dss_po_id = @dss
           union all select (select min(list_key) from master_entry where dss_po_id = @dss and list_key > k.key) from k where k.key is not null),
         l(k) as (select key from k where key is not null union select 'PCM:' || requestor from srv_requestor where dss_po_id = @dss),
         r(lo) as (select case when substr(k, -1) = ':' then k else k || '/' end from l where k <> @own)
         select count(*) as n from r cross join list_entry x on x.po_id = @po and x.address_key >= r.lo
           and x.address_key < substr(r.lo, 1, length(r.lo) - 1) || char(unicode(substr(r.lo, -1)) + 1)
         where x.removed_gen = 0 and x.added_gen <= @gen and ${absent}`,
      ).get({ po: t.po.id, gen: t.po.galGen, own, dss: dssPo.id }) as { n: number }
    ).n;
  }
  const limit = removes > 0 ? guardLimit(g, gal) : null;
  if (limit === null || removes <= limit) return undefined;
  return {
    removes,
    gal,
    limit,
    text: `The delete guard of ${t.requestor} (${guardWords(g)}) will hold this file: applying it removes ${removes} of the ${gal} names ${
      t.kind === 'exchange' ? 'in its Import Container' : 'in its GAL'
    }. Apply it anyway from Health (or dirsync guard apply), or raise the limit first`,
  };
}

// ---- what a name stands for -----------------------------------------------------------------

type Dss = { kind: 'msmail'; po: PoRow; name: string } | { kind: 'exchange'; po: PoRow; server: ServerRow; name: string };

interface Target {
  kind: 'msmail' | 'exchange';
  /** What the verdict calls it. */
  requestor: string;
  /** The postoffice whose REQCONF the apply reads (an Exchange requestor's connector postoffice). */
  po: PoRow;
  /** Exchange DSS only: its Remote Dirsync Requestor object. */
  link?: LinkRow;
}

const notDss = (what: string, why: string) =>
  new DirsyncError('usage', `${what} is not a Directory Synchronization Server: ${why}`, { number: 67, code: 'resync.not-a-dss' });

/** `-d`: an MS Mail DSS (drive or NET/PO), or an Exchange server (or its connector postoffice) that is the dirsync server. */
function resolveDss(db: Db, spec: string): Dss {
  const s = spec.trim();
  if (!/^[A-Za-z]$/.test(s) && !s.includes('/')) {
    const server = findServer(db, s);
    if (!server) throw usage(`"${spec}" is neither an Exchange server nor a postoffice (drive letter or NET/PO): name the DSS`, { code: 'resync.dss-spec-invalid' });
    if (dxaRole(db, server) !== 'server') {
      throw notDss(server.name, 'a Resync.glb is made on the DSS; give the Exchange server that holds the Dirsync Server object, or the MS Mail DSS');
    }
    return { kind: 'exchange', po: connectorPo(db, server), server, name: server.name };
  }
  const po = resolvePo(db, s);
  const server = po.kind === 'connector' ? serverOfConnector(db, po.id) : undefined;
  if (server && dxaRole(db, server) === 'server') return { kind: 'exchange', po, server, name: server.name };
  if (!srvconfOf(db, po)) {
    throw notDss(poKey(po), 'Resync extract can be performed only at a Directory Synchronization Server (MS Mail error 67); give the DSS with -d');
  }
  return { kind: 'msmail', po, name: poKey(po) };
}

/** A requestor that can take a file: an MS Mail postoffice, or an Exchange server with a Dirsync Requestor object. */
function resolveTarget(db: Db, spec: string): Target {
  const s = spec.trim();
  let server: ServerRow | undefined;
  let po: PoRow | undefined;
  if (!/^[A-Za-z]$/.test(s) && !s.includes('/')) {
    server = findServer(db, s);
    if (!server) throw usage(`"${spec}" is neither a postoffice (drive letter or NET/PO) nor an Exchange server: name the requestor`, { code: 'resync.requestor-spec-invalid' });
  } else {
    po = resolvePo(db, s);
    if (po.kind === 'connector') server = serverOfConnector(db, po.id);
  }
  if (server) {
    if (dxaRole(db, server) !== 'requestor') {
      throw usage(`${server.name} has no Dirsync Requestor object: a Resync.glb is applied in Dxadata only by an Exchange requestor; create it first`, { code: 'resync.no-dirsync-requestor' });
    }
    return { kind: 'exchange', requestor: server.name, po: connectorPo(db, server) };
  }
  return { kind: 'msmail', requestor: poKey(po!), po: po! };
}

/** A target of an Exchange DSS: one of its Remote Dirsync Requestors, by name, NET/PO or drive. */
function resolveRemote(db: Db, server: ServerRow, spec: string): Target {
  let link = findRemoteLink(db, server, spec);
  if (!link && (/^[A-Za-z]$/.test(spec.trim()) || spec.includes('/'))) link = findRemoteLink(db, server, poKey(resolvePo(db, spec)));
  if (!link) {
    const have = links(db, server, 'remote').map((l) => l.name);
    throw usage(`"${spec}" is not a Remote Dirsync Requestor of ${server.name}: a Resync.glb from an Exchange DSS is for its MS Mail requestors${
        have.length ? ` (${have.join(', ')})` : '; it has none yet'
      }`, { code: 'resync.not-a-remote-requestor' });
  }
  const po = findPo(db, parsePoName(link.po));
  if (!po) throw usage(`the Remote Dirsync Requestor ${link.name} is for ${link.po}, which is not a postoffice of this network`, { code: 'resync.remote-postoffice-gone' });
  return { kind: 'msmail', requestor: link.po, po, link };
}

/** A target named twice (by drive and by name, say) gets one verdict. */
const unique = (targets: Target[]) => targets.filter((t, k) => targets.findIndex((u) => u.requestor === t.requestor) === k);

// ---- the pieces of a verdict ----------------------------------------------------------------

const numbersOf = (r: { reqSync: number; srvSync: number; impSync: number }): SyncNumbers => ({
  reqSync: r.reqSync,
  srvSync: r.srvSync,
  impSync: r.impSync,
});

function inDssOf(db: Db, dss: PoRow | undefined, key: string): SyncNumbers | null {
  const row = dss ? srvRequestor(db, dss, key) : undefined;
  return row ? numbersOf(row) : null;
}

/** Would a header with these maxima satisfy this requestor's numbers (the REQSEQ and IMPSEQ rules)? */
function satisfies(h: Pick<ResyncMaxima, 'reqSeq' | 'impSeq'>, rc: SyncNumbers): boolean {
  const below = belowRequestor(h, rc);
  return !below.reqSync && !below.impSync;
}

const isDssRule = (db: Db, po: PoRow) => !!srvconfOf(db, po);

function deleteDssCopyFix(po: PoRow): ResyncFix {
  return {
    code: 'deleteDssCopy',
    text: `Delete RESYNC.GLB from the GLB directory of ${poKey(po)} after copying it out: the dirsync server never applies its own file, and its next import -q stops with Fatal 14 while the file is there`,
  };
}

/** The fewest Remote Dirsync Requestors (not yet named) whose records would raise the maxima enough; the target itself first. */
function namesThatHelp(
  records: SrvRequestorRow[],
  remotes: LinkRow[],
  named: string[],
  header: ResyncMaxima,
  rc: SyncNumbers,
  target: string,
): string[] | undefined {
  const byPo = new Map(records.map((r) => [r.requestor, r]));
  const candidates = remotes
    .filter((l) => !named.includes(l.po) && byPo.has(l.po))
    .sort((a, b) => Number(b.po === target) - Number(a.po === target))
    .map((l) => ({ name: l.name, r: byPo.get(l.po)! }));
  const raise = (extra: SrvRequestorRow[]) => ({
    reqSeq: Math.max(header.reqSeq, ...extra.map((r) => r.reqSync)),
    impSeq: Math.max(header.impSeq, ...extra.map((r) => r.impSync)),
  });
  const one = candidates.find((c) => satisfies(raise([c.r]), rc));
  if (one) return [one.name];
  const forReq = candidates.find((c) => c.r.reqSync >= rc.reqSync);
  const forImp = candidates.find((c) => c.r.impSync >= rc.impSync);
  if (forReq && forImp && satisfies(raise([forReq.r, forImp.r]), rc)) return [forReq.name, forImp.name];
  return undefined;
}

// ---- predictions ----------------------------------------------------------------------------

/** GlobalMaxSeqInResync as MSExchangeDX would read it at its next start. */
function registryGlobalMax(db: Db, server: ServerRow): boolean {
  const row = stmt(db, "select data from registry_value where server_id = ? and name = 'GlobalMaxSeqInResync'").get(server.id) as
    | { data: string }
    | undefined;
  return Number(row?.data) === 1;
}

/**
 * The RESYNC.GLB a DSS would make now (MS Mail `import -s`; Exchange: ResyncConnectionRDNs and a
 * restart of MSExchangeDX) and each target's verdict when the file is copied to it and applied
 * (`import -q`; an Exchange requestor: Dxadata and a restart of MSExchangeDX). Writes nothing.
 */
export function predictResync(db: Db, input: ResyncPlanInput): ResyncPrediction {
  const dss = resolveDss(db, input.dss);
  const records = srvRequestors(db, dss.po);
  const dssKey = poKey(dss.po);
  const header = (m: ResyncMaxima): ResyncHeader => ({ ...m, records: masterListCount(db, dss.po.id, null), dss: dssField(dssKey) });

  if (dss.kind === 'msmail') {
    const targets = unique(input.requestors.map((s) => resolveTarget(db, s)));
    const h = header(resyncMaxima(records, dssKey, { kind: 'msmail' }));
    return {
      direction: targets.some((t) => t.kind === 'exchange') ? 'msmail-dss-to-exchange' : 'msmail-dss-to-msmail',
      dss: dss.name,
      header: h,
      verdicts: targets.map((t) => {
        const rc = numbersOf(reqconfOf(db, t.po.id));
        const rule = resyncRefusal(db, t.po, h);
        const held = rule ? undefined : guardVerdict(db, dss.po, t);
        return {
          requestor: t.requestor,
          kind: t.kind,
          atRequestor: rc,
          inDss: inDssOf(db, dss.po, poKey(t.po)),
          applies: !rule,
          ...(rule ? { rule } : {}),
          // Only the dirsync server's own copy has a fix here: the header already takes every record.
          fixes: rule && isDssRule(db, t.po) ? [deleteDssCopyFix(t.po)] : [],
          ...(held ? { guardHolds: held } : {}),
        };
      }),
    };
  }

  const server = dss.server;
  const targets = unique(input.requestors.map((s) => resolveRemote(db, server, s)));
  const names = input.names ?? [...new Set(targets.map((t) => t.link!.name))];
  const { named, unknown } = resyncNames(db, server, names);
  const globalMaxSet = input.globalMax ?? registryGlobalMax(db, server);
  const inForce = globalMaxSet && atLeastSp3(server);
  const sp3 = atLeastSp3(server);
  const remotes = links(db, server, 'remote');
  const noFile = named.length === 0 ? `ResyncConnectionRDNs would name no Remote Dirsync Requestor of ${server.name}, so the restart of MSExchangeDX would write no Resync.glb` : undefined;
  const m = noFile ? undefined : resyncMaxima(records, dssKey, { kind: 'exchange', named, globalMax: inForce });
  const global = resyncMaxima(records, dssKey, { kind: 'exchange', named, globalMax: true });
  const zero: ResyncMaxima = { impSeq: 0, reqSeq: 0, srvSeq: 0 };

  const verdicts = targets.map((t): ResyncVerdict => {
    const rc = numbersOf(reqconfOf(db, t.po.id));
    const rule = noFile ?? resyncRefusal(db, t.po, m!);
    const fixes: ResyncFix[] = [];
    if (rule) {
      const help = namesThatHelp(records, remotes, named, m ?? zero, rc, t.requestor);
      if (help) {
        fixes.push({
          code: 'nameToo',
          names: help,
          text: `Also name ${help.map((n) => `"${n}"`).join(' and ')} in ResyncConnectionRDNs: the DXA takes the highest numbers only over the requestors named`,
        });
      }
      if (!inForce && !noFile && satisfies(global, rc)) {
        fixes.push(
          sp3
            ? {
                code: 'setGlobalMax',
                text: `Set GlobalMaxSeqInResync = 1 (REG_DWORD) under ${DXA_KEY} on ${server.name}: the DXA then takes the highest numbers over every registered requestor`,
              }
            : {
                code: 'upgradeDxa',
                text: globalMaxSet
                  ? `Upgrade the DXA on ${server.name} to 5.5 SP3 (build 2524) or later: version ${server.version} ignores GlobalMaxSeqInResync`
                  : `Upgrade the DXA on ${server.name} to 5.5 SP3 (build 2524) or later and set GlobalMaxSeqInResync = 1: version ${server.version} ignores the value`,
              },
        );
      }
    }
    return {
      requestor: t.requestor,
      kind: t.kind,
      atRequestor: rc,
      inDss: inDssOf(db, dss.po, t.requestor),
      applies: !rule,
      ...(rule ? { rule } : {}),
      fixes,
    };
  });
  return {
    direction: 'exchange-dss-to-msmail',
    dss: dss.name,
    header: m ? header(m) : null,
    ...(noFile ? { noFile } : {}),
    globalMaxInForce: inForce,
    globalMaxSet,
    names,
    ...(unknown.length ? { ignoredNames: unknown } : {}),
    version: server.version,
    verdicts,
  };
}

/** The DSS a file or a requestor belongs to, when it is one of this network's; undefined otherwise. */
function findDss(db: Db, name: string | null | undefined): Dss | undefined {
  if (!name) return undefined;
  try {
    return resolveDss(db, name);
  } catch (e) {
    if (e instanceof DirsyncError) return undefined;
    throw e;
  }
}

/**
 * The verdicts for an existing or uploaded RESYNC.GLB, damaged files included: the same reading
 * and the same rules as the apply. `dss` names the DSS it came from (default: the DSS name in its
 * header, else the first target's DSS); a refused target gets "make a new file" and whatever a new
 * file would still need.
 */
export function predictResyncFile(db: Db, bytes: Uint8Array, requestors: string[], dss?: string): ResyncPrediction {
  const read = readResync(bytes);
  const targets = unique(requestors.map((s) => resolveTarget(db, s)));
  const from =
    findDss(db, dss) ??
    (!('damaged' in read) ? findDss(db, read.dss) : undefined) ??
    findDss(db, targets.length ? reqconfOf(db, targets[0].po.id).dss : undefined);
  const dssName = from?.name ?? dss ?? (!('damaged' in read) ? read.dss : '');
  const header: ResyncHeader | null =
    'damaged' in read ? null : { impSeq: read.impSeq, reqSeq: read.reqSeq, srvSeq: read.srvSeq, records: read.records.length, dss: read.dss };

  const verdicts = targets.map((t): ResyncVerdict => {
    const rc = numbersOf(reqconfOf(db, t.po.id));
    const rule = resyncRefusal(db, t.po, read);
    const fixes: ResyncFix[] = [];
    if (rule && isDssRule(db, t.po)) fixes.push(deleteDssCopyFix(t.po));
    else if (rule) {
      // What a file made now would do for this requestor: it may apply as it is, or need more.
      let fresh: ResyncVerdict | undefined;
      if (from && (from.kind === 'msmail' || t.kind === 'msmail')) {
        try {
          fresh = predictResync(db, { dss: from.name, requestors: [t.requestor] }).verdicts[0];
        } catch (e) {
          if (!(e instanceof DirsyncError)) throw e;
        }
      }
      const made = from ? (from.kind === 'msmail' ? `with import -s on ${from.name}` : `by naming it in ResyncConnectionRDNs on ${from.name} and restarting MSExchangeDX`) : 'on the dirsync server';
      fixes.push({
        code: 'makeNewFile',
        text: `${'damaged' in read ? 'This file cannot be read' : 'This file is older than the requestor’s numbers'}: make a new RESYNC.GLB ${made}${
          fresh && !fresh.applies ? ' (a file made now would still be refused: see the other fixes)' : ''
        }`,
      });
      if (fresh && !fresh.applies) fixes.push(...fresh.fixes);
    }
    return {
      requestor: t.requestor,
      kind: t.kind,
      atRequestor: rc,
      inDss: inDssOf(db, from?.po, poKey(t.po)),
      applies: !rule,
      ...(rule ? { rule } : {}),
      fixes,
    };
  });
  const direction: ResyncDirection =
    from?.kind === 'exchange' ? 'exchange-dss-to-msmail' : targets.some((t) => t.kind === 'exchange') ? 'msmail-dss-to-exchange' : 'msmail-dss-to-msmail';
  return {
    direction,
    dss: dssName,
    header,
    ...('damaged' in read ? { damaged: read.damaged } : {}),
    verdicts,
  };
}

/** The resync directions this network has, each with its DSS and the requestors a file could be made for. */
export function resyncDirections(db: Db): { direction: ResyncDirection; dss: string; requestors: string[] }[] {
  const out: { direction: ResyncDirection; dss: string; requestors: string[] }[] = [];
  for (const server of allServers(db)) {
    if (dxaRole(db, server) !== 'server') continue;
    const remotes = links(db, server, 'remote').map((l) => l.po);
    if (remotes.length) out.push({ direction: 'exchange-dss-to-msmail', dss: server.name, requestors: remotes });
  }
  const toExchange: typeof out = [];
  const toMsmail: typeof out = [];
  for (const po of allPos(db)) {
    if (po.kind !== 'msmail' || !srvconfOf(db, po)) continue;
    const exchange: string[] = [];
    const msmail: string[] = [];
    for (const r of srvRequestors(db, po)) {
      if (r.requestor === poKey(po)) continue;
      const rpo = findPo(db, parsePoName(r.requestor));
      if (!rpo) continue;
      if (rpo.kind === 'connector') {
        const server = serverOfConnector(db, rpo.id);
        if (server && dxaRole(db, server) === 'requestor') exchange.push(server.name);
      } else msmail.push(r.requestor);
    }
    if (exchange.length) toExchange.push({ direction: 'msmail-dss-to-exchange', dss: poKey(po), requestors: exchange });
    if (msmail.length) toMsmail.push({ direction: 'msmail-dss-to-msmail', dss: poKey(po), requestors: msmail });
  }
  return [...out, ...toExchange, ...toMsmail];
}

/** The canonical name of a DSS (`NET/PO` of an MS Mail DSS, the Exchange server's name), or a usage error saying why it is not one. */
export function resyncDssName(db: Db, spec: string): string {
  return resolveDss(db, spec).name;
}

/** The requestors a DSS could make a file for, over every direction it has (empty when none). */
export function resyncRequestorsOf(db: Db, dss: string): string[] {
  const name = resyncDssName(db, dss);
  return resyncDirections(db)
    .filter((d) => d.dss === name)
    .flatMap((d) => d.requestors);
}
