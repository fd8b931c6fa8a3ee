import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { externalPass } from '@/lib/dirsync/external-pass';
import { poKey } from '@/lib/dirsync/names';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { srvmainReceive } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { stmt } from '@/lib/core/statements';
import { splitRecords } from '@/lib/dirsync/transactions';
import { attachmentColumn } from '@/lib/dirsync/messages';
import { requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import { dxaCycleNow } from '@/lib/exchange/dxa/dxa-cycle';
import { dxaServerCycle } from '@/lib/exchange/dxa/dxa-server-cycle';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { cycleNetwork, dssOfRequestor, type DssTarget } from './cycle-network';
import { requestorTarget, type RequestorTarget } from '@/lib/resync/wizard-targets';

/**
 * One requestor's dirsync cycle, in document 003's order, as the engine's own verbs: its T1 (reqmain
 * -t, or the DXA's T1 that pausing MSExchangeDX starts), two External passes and one pass of each
 * running PC MTA of the network, T2 on the DSS (srvmain -r and -t, or the Exchange DSS's DXA cycle),
 * the same passes back, and its T3 (reqmain -r, import -q -y, rebuild -f; an Exchange requestor
 * applies the reply as it arrives). The preview runs exactly this and rolls it back
 * (preview-cycle.ts); docs/engine.md, "Preview of the next cycle".
 */

/** A name in a requestor's address list: MS Mail's GAL, or an Exchange requestor's imported recipients. */
export interface GalName {
  address: string;
  name: string;
}

export interface CycleOutcome {
  requestor: string;
  kind: RequestorTarget['kind'];
  dss: string;
  /** The update T1 sends: its subject and the transactions it carries. */
  sent: { subject: string; transactions: string[] } | null;
  /** The DSS's reply to it. */
  reply: { subject: string; transactions: string[] } | null;
  galBefore: GalName[];
  galAfter: GalName[];
  /** Why something did not happen (a fatal error, mail left queued). */
  notes: string[];
}

const fatalText = (what: string, r: StepResult) => (r.fatal ? [`${what} stopped: Fatal [${r.fatal.number}] ${r.fatal.text}`] : []);

/** The names a requestor shows, keyed by address (MS Mail: the GAL as last rebuilt). */
export function galNames(db: Db, t: RequestorTarget): GalName[] {
  if (t.kind === 'exchange') {
    const link = requestorLink(db, t.server);
    return (
      stmt(db, 'select target_address as address, display_name as name from recipient where imported_by = ? order by address_key').all(link?.id ?? -1) as GalName[]
    ).map((r) => ({ address: r.address ?? '', name: r.name }));
  }
  const { gen } = stmt(db, 'select gal_gen as gen from postoffice where id = ?').get(t.po.id) as { gen: number };
  return stmt(
    db,
    `select address, full_name as name from list_entry
     where po_id = ? and added_gen <= ? and (removed_gen = 0 or removed_gen > ?) order by address_key`,
  ).all(t.po.id, gen, gen) as GalName[];
}

const maxMessage = (db: Db) => (stmt(db, 'select coalesce(max(id), 0) as id from message').get() as { id: number }).id;

interface Msg {
  id: number;
  subject: string;
  attachment: string;
  place: string;
  holder: string;
}
const newMessage = (db: Db, after: number, kind: 'ReqTx' | 'SrvTx', dest: string) =>
  stmt(
    db,
    `select m.id, m.subject, ${attachmentColumn('m')}, m.place, p.network || '/' || p.name as holder from message m join postoffice p on p.id = m.holder_po_id
     where m.id > ? and m.kind = ? and m.dest = ? order by m.id desc limit 1`,
  ).get(after, kind, dest) as Msg | undefined;
const messageNow = (db: Db, id: number) =>
  stmt(db, `select m.id, m.subject, ${attachmentColumn('m')}, m.place, p.network || '/' || p.name as holder from message m join postoffice p on p.id = m.holder_po_id where m.id = ?`).get(id) as
    | Msg
    | undefined;

/** One transport phase: two External passes, then one pass of each running PC MTA of the network. */
export function transportPasses(db: Db, dss: DssTarget): void {
  externalPass(db);
  externalPass(db);
  for (const m of cycleNetwork(db, dss.key).mtas) if (m.state === 'Running') pcMtaPass(db, m.server, m.service);
}

/** T2 on the DSS. */
export function dssCycle(db: Db, dss: DssTarget): StepResult {
  if (dss.kind === 'exchange') return dxaServerCycle(db, dss.server);
  const r = srvmainReceive(db, dss.key);
  if (r.fatal) return r;
  const t = srvmainTransmit(db, dss.key);
  return { lines: [...r.lines, ...t.lines], fatal: t.fatal };
}

/**
 * The next cycle of a DSS's whole network, for real, as document 003 runs it: T1 on every MS Mail
 * requestor and on every Exchange requestor, the passes, T2, the passes back, T3 on every MS Mail
 * requestor. One outcome per requestor (the preview runs this and rolls it back).
 */
export function runNetworkCycle(db: Db, dssName: string): CycleOutcome[] {
  const net = cycleNetwork(db, dssName);
  const dss = net.dss;
  const dssKey = poKey(dss.po);
  const targets = [...net.msmail, ...net.exchange].map((n) => requestorTarget(db, n));
  const states = targets.map((t) => ({ t, own: poKey(t.po), notes: [] as string[], galBefore: galNames(db, t), update: undefined as Msg | undefined, answer: undefined as Msg | undefined }));

  for (const s of states) {
    const mark = maxMessage(db);
    const t1 = s.t.kind === 'exchange' ? dxaCycleNow(db, s.t.server) : reqmainTransmit(db, s.t.key);
    s.notes.push(...fatalText('T1', t1));
    s.update = newMessage(db, mark, 'ReqTx', dssKey);
  }
  transportPasses(db, dss);
  for (const s of states) {
    const at = s.update && messageNow(db, s.update.id);
    if (at && !(at.place === 'MAILBAG' && at.holder === dssKey)) s.notes.push(`The update would stay in ${at.holder}'s ${where(at)}: no External or PC MTA pass reaches ${dssKey} from there.`);
  }

  const mark = maxMessage(db);
  const t2 = fatalText('T2', dssCycle(db, dss));
  for (const s of states) {
    s.notes.push(...t2);
    s.answer = newMessage(db, mark, 'SrvTx', s.own);
    if (!s.answer && s.update) s.notes.push(`${dss.key} would send no reply to ${s.t.key} in this cycle.`);
  }
  transportPasses(db, dss);
  for (const s of states) {
    const at = s.answer && messageNow(db, s.answer.id);
    if (at && !(at.place === 'MAILBAG' && at.holder === s.own)) s.notes.push(`The reply would stay in ${at.holder}'s ${where(at)}: no External or PC MTA pass reaches ${s.own} from there.`);
  }
  for (const s of states) {
    if (s.t.kind !== 'msmail') continue;
    s.notes.push(...fatalText('reqmain -r', reqmainReceive(db, s.t.key)));
    s.notes.push(...fatalText('import -q', importSrvtrans(db, s.t.key)));
    s.notes.push(...fatalText('rebuild -f', rebuildGal(db, s.t.key)));
  }
  return states.map((s) => ({
    requestor: s.t.key,
    kind: s.t.kind,
    dss: dss.key,
    sent: s.update ? { subject: s.update.subject, transactions: splitRecords(s.update.attachment) } : null,
    reply: s.answer ? { subject: s.answer.subject, transactions: splitRecords(s.answer.attachment) } : null,
    galBefore: s.galBefore,
    galAfter: galNames(db, s.t),
    notes: s.notes,
  }));
}

const where = (m: Msg) => (m.place === 'P1' ? 'P1 directory' : m.place === 'OUTBOUND' ? 'outbound queue' : 'SYSTEM mailbag');

/** The DSS a requestor belongs to, or a usage error saying how to register it. */
export function dssNameOf(db: Db, name: string): string {
  const t = requestorTarget(db, name);
  const dss = dssOfRequestor(db, t);
  if (!dss) throw usage(`${t.key} is not the requestor of any dirsync server: register it first (Requestor ▸ Registration, or its Dirsync Requestor object)`, { code: 'requestor.no-dss', field: 'requestor' });
  if (![...cycleNetwork(db, dss.key).msmail, ...cycleNetwork(db, dss.key).exchange].includes(t.key)) {
    throw usage(`${t.key} names ${dss.key} as its dirsync server, but ${dss.key} does not list it as a requestor: add it on the server (Server ▸ Requestors, or a Remote Dirsync Requestor object)`, { code: 'requestor.not-listed-by-dss', field: 'requestor' });
  }
  return dss.key;
}
