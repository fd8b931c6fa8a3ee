import type { Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { poKey } from './names';
import type { PoRow } from './postoffices';
import { stmt } from '@/lib/core/statements';

export interface SrvconfRow {
  poId: number;
  sync: number;
  cycle: number;
  keepUpdates: number;
  purgedThrough: number;
}

export function srvconfOf(db: Db, po: PoRow): SrvconfRow | undefined {
  return stmt(
    db,
    'select po_id as poId, sync, cycle, keep_updates as keepUpdates, purged_through as purgedThrough from srvconf where po_id = ?',
  ).get(po.id) as SrvconfRow | undefined;
}

/** The SRVCONF of a postoffice that must be the dirsync server. */
export function requireDss(db: Db, po: PoRow, what: string): SrvconfRow {
  const sc = srvconfOf(db, po);
  if (!sc) {
    throw new DirsyncError('fatal', `${what} runs only on the Directory Synchronization Server; ${poKey(po)} is not one`, 10);
  }
  return sc;
}

export interface SrvRequestorRow {
  id: number;
  requestor: string;
  password: string;
  reqSync: number;
  srvSync: number;
  impSync: number;
  lastCycle: number;
  lastUpdateAt: number | null;
  replyPending: number;
  askedR: number;
  askedS: number;
  askedI: number;
  importReply: number;
  exportNext: number;
  replyAddress: string | null;
}

const recordColumns = `id, requestor, password, req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync,
  last_cycle as lastCycle, last_update_at as lastUpdateAt, reply_pending as replyPending, asked_r as askedR,
  asked_s as askedS, asked_i as askedI, import_reply as importReply, export_next as exportNext, reply_address as replyAddress`;

/** SRVCONF requestor records, the DSS's own first. */
export function srvRequestors(db: Db, dss: PoRow): SrvRequestorRow[] {
  return stmt(
    db,
    `select ${recordColumns} from srv_requestor where dss_po_id = ? order by requestor = ? desc, id`,
  ).all(dss.id, poKey(dss)) as SrvRequestorRow[];
}

export function srvRequestor(db: Db, dss: PoRow, requestor: string): SrvRequestorRow | undefined {
  return stmt(db, `select ${recordColumns} from srv_requestor where dss_po_id = ? and requestor = ?`).get(
    dss.id,
    requestor,
  ) as SrvRequestorRow | undefined;
}
