import type { Db } from '@/db/client';
import { now } from './clock';
import { crc16Text } from './crc16';
import { requireDss, srvRequestor } from './dss';
import { writeLog } from './log';
import { applyToMaster } from './master-lists';
import { deleteMessage, mailbag, noticeToAdmin } from './messages';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import type { StepResult } from './reqconf';
import { txnListKey } from './superseded';
import { parseTxn, splitRecords } from './transactions';
import { step, stmt } from './statements';

/**
 * T2 receive (`srvmain -r`): a new cycle; every ReqTx in the DSS's mailbag, in arrival order, adds
 * the transactions the DSS does not have yet to MSTTRANS and the master lists, and marks the
 * requestor as owed a reply.
 */
export function srvmainReceive(db: Db, dssSpec: string): StepResult {
  return step(db, () => {
    const dss = resolvePo(db, dssSpec);
    const own = poKey(dss);
    const sc = requireDss(db, dss, 'SRVMAIN');
    const cycle = sc.cycle + 1;
    const stamp = now(db);
    let sync = sc.sync;
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 101, 'Begin execution SRVMAIN -R');
    const lines: string[] = [];
    for (const m of mailbag(db, dss.id, ['ReqTx', 'ReqStat'])) {
      deleteMessage(db, m.id);
      if (m.kind === 'ReqStat') continue;
      const origin = m.fromAddr.split('/').slice(0, 2).join('/').toUpperCase();
      const record = srvRequestor(db, dss, origin);
      if (!record) {
        writeLog(db, dss.id, 'DIRSYNC', 'Warning', 120, `Requestor not registered : From: ${m.fromAddr}`);
        noticeToAdmin(db, dss.id, own, `Requestor not registered : From: ${m.fromAddr}`);
        lines.push(`Requestor not registered: ${origin}`);
        continue;
      }
      if (record.password !== m.password) {
        writeLog(db, dss.id, 'DIRSYNC', 'Warning', 156, `Invalid DirSync password from ${origin}`);
        noticeToAdmin(db, dss.id, own, `Invalid DirSync password from ${origin}`);
        lines.push(`Invalid DirSync password from ${origin}`);
        continue;
      }
      const texts = splitRecords(m.attachment);
      const numbers = m.numbers ? m.numbers.split(',').map(Number) : [];
      let accepted = 0;
      texts.forEach((text, k) => {
        if (numbers[k] <= record.reqSync) return; // already received
        sync += 1;
        accepted += 1;
        stmt(db, 'insert into msttrans (dss_po_id, sync, stamp, crc, origin, cycle, list_key, txn) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
          dss.id, sync, stamp, crc16Text(text), origin, cycle, txnListKey(text), text,
        );
        applyToMaster(db, dss.id, origin, parseTxn(text));
      });
      const importRequest = m.i > record.impSync || (m.r === 0 && m.s === 0);
      stmt(
        db,
        `update srv_requestor set req_sync = max(req_sync, ?), imp_sync = max(imp_sync, ?), last_cycle = ?, last_update_at = ?,
          reply_pending = ?, asked_r = ?, asked_s = ?, asked_i = ?, import_reply = (import_reply or ?) where id = ?`,
      ).run(m.r, m.i, cycle, stamp, m.noReply ? record.replyPending : 1, m.r, m.s, m.i, importRequest && !m.noReply ? 1 : 0, record.id);
      const line = `${origin}: ${accepted} of ${texts.length} updates accepted${importRequest ? ', import requested' : ''}`;
      writeLog(db, dss.id, 'CENTRAL', 'Status', 105, `ReqTx from ${line}`);
      lines.push(line);
    }
    stmt(db, 'update srvconf set cycle = ?, sync = ? where po_id = ?').run(cycle, sync, dss.id);
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 102, 'End process SRVMAIN -R');
    return { lines };
  });
}
