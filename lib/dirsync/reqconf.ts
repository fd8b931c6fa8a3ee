import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

export interface ReqconfRow {
  dss: string | null;
  password: string;
  reqSync: number;
  srvSync: number;
  impSync: number;
  pendingR: number | null;
  reqtransHigh: number;
  types: string;
  sendUpdates: number;
  receiveUpdates: number;
  importNext: number;
  lastOutcome: string;
}

export function reqconfOf(db: Db, poId: number): ReqconfRow {
  return stmt(
    db,
    `select dss, password, req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync, pending_r as pendingR,
      reqtrans_high as reqtransHigh, types, send_updates as sendUpdates, receive_updates as receiveUpdates,
      import_next as importNext, last_outcome as lastOutcome from reqconf where po_id = ?`,
  ).get(poId) as ReqconfRow;
}

/** What a step tells its caller: output lines, and the fatal error it logged, if any. */
export interface StepResult {
  lines: string[];
  /** What the utility did, in words (the command prompt shows it; the subjects above are the protocol's). */
  summary?: string[];
  fatal?: { number: number; text: string };
}
