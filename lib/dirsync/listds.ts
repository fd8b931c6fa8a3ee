import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { requireDss, srvRequestors, srvconfOf } from './dss';
import { conflict } from '@/lib/core/errors';
import { poKey } from './names';
import type { PoRow } from './postoffices';
import { reqconfOf } from './reqconf';
import { step, stmt } from '@/lib/core/statements';

export interface ServerConfiguration {
  dss: string;
  sync: number;
  cycle: number;
  keepUpdates: number;
  records: { requestor: string; reqSync: number; srvSync: number; impSync: number; lastCycle: number; lastUpdateAt: number | null }[];
}

/** `listds -s`: the SRVCONF.GLB of a DSS. */
export function serverConfiguration(db: Db, dss: PoRow): ServerConfiguration {
  const sc = requireDss(db, dss, 'LISTDS -S');
  const records = srvRequestors(db, dss).map(({ requestor, reqSync, srvSync, impSync, lastCycle, lastUpdateAt }) => ({
    requestor, reqSync, srvSync, impSync, lastCycle, lastUpdateAt,
  }));
  return { dss: poKey(dss), sync: sc.sync, cycle: sc.cycle, keepUpdates: sc.keepUpdates, records };
}

export function formatServerConfiguration(c: ServerConfiguration): string {
  const blocks = c.records.map((r, k) =>
    [
      `     Server Requestor Record #${k + 1}`,
      `Requestor name: PCM:${r.requestor}`,
      `ReqSync = ${r.reqSync}, SrvSync = ${r.srvSync}, Last Cycle = ${r.lastCycle}`,
      `Last update received ${r.lastUpdateAt === null ? 'never' : ctime(r.lastUpdateAt)}`,
    ].join('\n'),
  );
  return [`Examining ${c.dss} Server Configuration Record`, `Highest SrvSync is ${c.sync}, Current Dirsync Cycle is ${c.cycle}`, '', blocks.join('\n\n')].join('\n');
}

export interface RequestorConfiguration {
  po: string;
  dss: string | null;
  reqSync: number;
  srvSync: number;
  impSync: number;
  pendingR: number | null;
  types: string[];
}

/** `listds -r`: the REQCONF.GLB of a postoffice. */
export function requestorConfiguration(db: Db, po: PoRow): RequestorConfiguration {
  const rc = reqconfOf(db, po.id);
  return { po: poKey(po), dss: rc.dss, reqSync: rc.reqSync, srvSync: rc.srvSync, impSync: rc.impSync, pendingR: rc.pendingR, types: rc.types.split(',') };
}

export const formatRequestorConfiguration = (c: RequestorConfiguration) =>
  [`Examining ${c.po} Requestor Configuration Record`, '', `Dir-Sync Server: ${c.dss ?? '(not registered)'}`, `ReqSync = ${c.reqSync}, SrvSync = ${c.srvSync}`].join('\n');

/** `listds -r -z`: reset the requestor numbers to 0 (requestors only; the global reset procedure). */
export function resetRequestor(db: Db, po: PoRow): RequestorConfiguration {
  return step(db, () => {
    if (srvconfOf(db, po)) {
      throw conflict(`${poKey(po)} is the dirsync server: -z resets requestors only (turn dirsync server off to reset a DSS)`);
    }
    const { high } = stmt(db, 'select coalesce(max(sync), 0) as high from reqtrans where po_id = ?').get(po.id) as { high: number };
    stmt(db, 'update reqconf set req_sync = 0, srv_sync = 0, imp_sync = 0, pending_r = null, reqtrans_high = ? where po_id = ?').run(high, po.id);
    return requestorConfiguration(db, po);
  });
}
