import type { Db } from '@/db/client';
import { poKey, systemAddress, parsePoName } from './names';
import { resolvePo } from './postoffices';
import { reqconfOf, type StepResult } from './reqconf';
import { writeLog } from './log';
import { sendMessage } from './messages';
import { reqStatSubject, reqTxSubject } from './subjects';
import { joinRecords } from './transactions';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';

/**
 * T1 (`reqmain -t`): send the DSS a status report and an update holding every REQTRANS entry
 * above ReqSync, and record the R sent so the reply can acknowledge it.
 */
export function reqmainTransmit(db: Db, poSpec: string, opts: { fromAddr?: string } = {}): StepResult {
  let at = poSpec;
  return recordRun(db, 'T1', () => at, () => {
    const po = resolvePo(db, poSpec);
    const own = poKey(po);
    at = own;
    writeLog(db, po.id, 'DIRSYNC', 'Status', 101, 'Begin execution REQMAIN -T');
    let rc = reqconfOf(db, po.id);
    const dssName = rc.dss;
    if (!dssName) {
      const text = 'The local requestor is not registered';
      writeLog(db, po.id, 'DIRSYNC', 'Fatal', 136, `${text}: set Requestor ▸ Registration first`);
      return { lines: [], fatal: { number: 136, text } };
    }
    if (rc.importNext) {
      stmt(db, 'update reqconf set imp_sync = imp_sync + 1, import_next = 0 where po_id = ?').run(po.id);
      rc = reqconfOf(db, po.id);
    }
    // Entries at or below ReqSync are already at the DSS: obsolete.
    stmt(db, 'delete from reqtrans where po_id = ? and sync <= ?').run(po.id, rc.reqSync);
    // Every entry goes, even one a later R supersedes: the DSS numbers each one, which keeps
    // ReqSync ≤ SrvSync (superseded entries are left out on the way back, in SrvTx).
    const entries = rc.sendUpdates
      ? (stmt(db, 'select sync, txn as text from reqtrans where po_id = ? order by sync').all(po.id) as { sync: number; text: string }[])
      : [];
    const r = rc.sendUpdates ? Math.max(rc.reqtransHigh, rc.reqSync) : rc.reqSync;
    const dss = parsePoName(dssName);
    const status = reqStatSubject(r, rc.srvSync, rc.impSync, rc.lastOutcome);
    const update = reqTxSubject(r, rc.reqSync, rc.srvSync, rc.impSync, entries.length);
    const base = { fromAddr: opts.fromAddr ?? systemAddress(po), toAddr: systemAddress(dss), dest: dssName, r, was: rc.reqSync, s: rc.srvSync, i: rc.impSync };
    sendMessage(db, po.id, own, { ...base, kind: 'ReqStat', subject: status });
    sendMessage(db, po.id, own, {
      ...base,
      kind: 'ReqTx',
      subject: update,
      n: entries.length,
      noReply: !rc.receiveUpdates,
      password: rc.password,
      attachment: joinRecords(entries.map((e) => e.text)),
      numbers: entries.map((e) => e.sync).join(','),
    });
    stmt(db, 'update reqconf set pending_r = ? where po_id = ?').run(r, po.id);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 106, `ReqTx send ${entries.length} updates`);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 102, 'End process REQMAIN -T');
    const summary = `Queued 2 messages for the dirsync server ${dssName}: ReqStat, and ReqTx with ${entries.length} update${entries.length === 1 ? '' : 's'}; External delivers them`;
    return { lines: [status, update], summary: [summary] };
  });
}
