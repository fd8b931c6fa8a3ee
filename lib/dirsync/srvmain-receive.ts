import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { crc16Text } from './crc16';
import { requireDss, srvRequestor } from './dss';
import { writeLog } from './log';
import { applyToMaster } from './master-lists';
import { deleteMessage, mailbag, noticeToAdmin, type MessageRow } from './messages';
import { poKey } from './names';
import { resolvePo, type PoRow } from './postoffices';
import type { StepResult } from './reqconf';
import { txnListKey } from './superseded';
import { parseTxn, splitRecords, type Txn } from './transactions';
import { stmt } from '@/lib/core/statements';
import { noteMessage, recordRun } from '@/lib/history/record-run';

/** Where an Exchange DSS's DXA differs from SRVMAIN; the defaults are MS Mail's. */
export interface ReceiveHooks {
  /** Before the mailbag: changes of the DSS's own directory that enter MSTTRANS this cycle. */
  ownChanges?: () => { origin: string; texts: string[] } | null;
  unknownRequestor: (origin: string, m: MessageRow) => void;
  badPassword: (origin: string, m: MessageRow) => void;
  /** Each transaction accepted from a requestor, after the master lists took it. */
  accepted?: (origin: string, txn: Txn) => void;
}

function msMailHooks(db: Db, dss: PoRow): ReceiveHooks {
  const own = poKey(dss);
  return {
    unknownRequestor: (origin, m) => {
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 120, `Requestor not registered : From: ${m.fromAddr}`);
      noticeToAdmin(db, dss.id, own, `Requestor not registered : From: ${m.fromAddr}`);
    },
    badPassword: (origin) => {
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 156, `Invalid DirSync password from ${origin}`);
      noticeToAdmin(db, dss.id, own, `Invalid DirSync password from ${origin}`);
    },
  };
}

/**
 * T2 receive (`srvmain -r`): a new cycle; every ReqTx in the DSS's mailbag, in arrival order, adds
 * the transactions the DSS does not have yet to MSTTRANS and the master lists, and marks the
 * requestor as owed a reply.
 */
export function srvmainReceive(db: Db, dssSpec: string, customHooks?: ReceiveHooks): StepResult {
  let at = dssSpec;
  return recordRun(db, 'T2 receive', () => at, () => {
    const dss = resolvePo(db, dssSpec);
    at = poKey(dss);
    const hooks = customHooks ?? msMailHooks(db, dss);
    const sc = requireDss(db, dss, 'SRVMAIN');
    const cycle = sc.cycle + 1;
    const stamp = now(db);
    let sync = sc.sync;
    const accept = (origin: string, text: string) => {
      sync += 1;
      stmt(db, 'insert into msttrans (dss_po_id, sync, stamp, crc, origin, cycle, list_key, txn) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
        dss.id, sync, stamp, crc16Text(text), origin, cycle, txnListKey(text), text,
      );
      const txn = parseTxn(text);
      applyToMaster(db, dss.id, origin, txn);
      return txn;
    };
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 101, 'Begin execution SRVMAIN -R');
    const lines: string[] = [];
    let read = 0;
    const own = hooks.ownChanges?.();
    if (own && own.texts.length) {
      for (const text of own.texts) accept(own.origin, text);
      lines.push(`${own.origin}: ${own.texts.length} own updates entered`);
    }
    for (const m of mailbag(db, dss.id, ['ReqTx', 'ReqStat'])) {
      deleteMessage(db, m.id);
      noteMessage(db, 'read', m);
      if (m.kind === 'ReqStat') continue;
      read += 1;
      const origin = m.fromAddr.split('/').slice(0, 2).join('/').toUpperCase();
      const record = srvRequestor(db, dss, origin);
      if (!record) {
        hooks.unknownRequestor(origin, m);
        lines.push(`Requestor not registered: ${origin}`);
        continue;
      }
      if (record.password !== m.password) {
        hooks.badPassword(origin, m);
        lines.push(`Invalid DirSync password from ${origin}`);
        continue;
      }
      const texts = splitRecords(m.attachment);
      const numbers = m.numbers ? m.numbers.split(',').map(Number) : [];
      let accepted = 0;
      texts.forEach((text, k) => {
        if (numbers[k] <= record.reqSync) return; // already received
        accepted += 1;
        const txn = accept(origin, text);
        hooks.accepted?.(origin, txn);
      });
      const importRequest = m.i > record.impSync || (m.r === 0 && m.s === 0);
      stmt(
        db,
        `update srv_requestor set req_sync = max(req_sync, ?), imp_sync = max(imp_sync, ?), last_cycle = ?, last_update_at = ?,
          reply_pending = ?, asked_r = ?, asked_s = ?, asked_i = ?, import_reply = (import_reply or ?), reply_address = ? where id = ?`,
      ).run(m.r, m.i, cycle, stamp, m.noReply ? record.replyPending : 1, m.r, m.s, m.i, importRequest && !m.noReply ? 1 : 0, m.fromAddr, record.id);
      const line = `${origin}: ${accepted} of ${texts.length} updates accepted${importRequest ? ', import requested' : ''}`;
      writeLog(db, dss.id, 'CENTRAL', 'Status', 105, `ReqTx from ${line}`);
      lines.push(line);
    }
    stmt(db, 'update srvconf set cycle = ?, sync = ? where po_id = ?').run(cycle, sync, dss.id);
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 102, 'End process SRVMAIN -R');
    const summary = read
      ? `Read ${read} ReqTx message${read === 1 ? '' : 's'} from the SYSTEM mailbag of ${poKey(dss)}`
      : `No ReqTx waits in the SYSTEM mailbag of ${poKey(dss)}: nothing received (run reqmain -t on the requestors, then external)`;
    return { lines, summary: [summary] };
  });
}
