import type { Db } from '@/db/client';
import { requireDss, srvRequestors, type SrvRequestorRow } from './dss';
import { writeLog } from './log';
import { masterListTxns } from './master-lists';
import { mailbag, sendMessage } from './messages';
import { parsePoName, poKey, systemAddress } from './names';
import { resolvePo, type PoRow } from './postoffices';
import type { StepResult } from './reqconf';
import { srvTxSubject } from './subjects';
import { dropSuperseded } from './superseded';
import { joinRecords } from './transactions';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';

/**
 * T2 transmit (`srvmain -t`): one reply to every requestor that asked this cycle — the MSTTRANS
 * entries above its S that it did not send, or a full Import Reply — then purge MSTTRANS entries
 * older than Keep Updates cycles.
 */
/**
 * An Exchange DSS's DXA answers a requestor whose numbers do not fit (lost or delayed messages, a
 * restored server) with its events 220/221 and a full Import Reply instead of SRVMAIN's 138/139.
 * Returns true when it took the case over.
 */
export type LostTransactionsHook = (record: SrvRequestorRow, s: number, sync: number) => boolean;

export function srvmainTransmit(db: Db, dssSpec: string, lost?: LostTransactionsHook): StepResult {
  let at = dssSpec;
  return recordRun(db, 'T2 transmit', () => at, () => {
    const dss = resolvePo(db, dssSpec);
    at = poKey(dss);
    const sc = requireDss(db, dss, 'SRVMAIN');
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 101, 'Begin execution SRVMAIN -T');
    if (mailbag(db, dss.id, ['ReqTx']).length > 0) {
      const text = 'Invalid Server Request';
      writeLog(db, dss.id, 'DIRSYNC', 'Fatal', 133, `${text}: a ReqTx waits in SYSTEM.MBG; run srvmain -r first`);
      return { lines: [], fatal: { number: 133, text } };
    }
    const lines: string[] = [];
    const after = entriesAfter(db, dss);
    for (const record of srvRequestors(db, dss)) {
      if (!record.replyPending && !record.exportNext) continue;
      const subject = reply(db, dss, sc.sync, sc.purgedThrough, record, after, lost);
      if (subject) lines.push(subject);
    }
    purge(db, dss, sc.cycle, sc.keepUpdates);
    writeLog(db, dss.id, 'DIRSYNC', 'Status', 102, 'End process SRVMAIN -T');
    const summary = lines.length
      ? `Queued ${lines.length} SrvTx repl${lines.length === 1 ? 'y' : 'ies'} to the requestors; External delivers them`
      : 'No requestor waits for a reply or an export: nothing sent';
    return { lines, summary: [summary] };
  });
}

interface MasterEntry {
  sync: number;
  origin: string;
  listKey: string | null;
  text: string;
}

/** MSTTRANS entries above S, read once per S in a transmit (most requestors share one S). */
function entriesAfter(db: Db, dss: PoRow): (s: number) => MasterEntry[] {
  const cache = new Map<number, MasterEntry[]>();
  return (s) => {
    let rows = cache.get(s);
    if (!rows) {
      rows = stmt(db, 'select sync, origin, list_key as listKey, txn as text from msttrans where dss_po_id = ? and sync > ? order by sync').all(
        dss.id,
        s,
      ) as MasterEntry[];
      cache.set(s, rows);
    }
    return rows;
  };
}

function reply(
  db: Db,
  dss: PoRow,
  sync: number,
  purgedThrough: number,
  record: SrvRequestorRow,
  after: (s: number) => MasterEntry[],
  lost?: LostTransactionsHook,
): string | null {
  const s = record.askedS;
  const done = () =>
    stmt(db, 'update srv_requestor set reply_pending = 0, import_reply = 0, export_next = 0 where id = ?').run(record.id);
  const full = !!(record.importReply || record.exportNext) || ((s > sync || s < purgedThrough) && !!lost?.(record, s, sync));
  if (s > sync && !full) {
    // The DSS was restored from an older backup: nothing it has can answer this requestor.
    writeLog(db, dss.id, 'DIRSYNC', 'Fatal', 138, `Server sync does not exist anymore (${s})`);
    writeLog(db, dss.id, 'DIRSYNC', 'Fatal', 139, `Number of missing transactions = ${s - sync} (${sync}->${s - 1})`);
    done();
    return null;
  }
  let texts: string[];
  let numbers: number[];
  if (full) {
    texts = masterListTxns(db, dss.id, record.requestor);
    numbers = texts.map((_, k) => k + 1);
  } else {
    if (s < purgedThrough) {
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 138, `Server sync does not exist anymore (${s})`);
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 139, `Number of missing transactions = ${purgedThrough - s} (${s}->${purgedThrough - 1})`);
    }
    const entries = dropSuperseded(after(s).filter((e) => e.origin !== record.requestor));
    texts = entries.map((e) => e.text);
    numbers = entries.map((e) => e.sync);
  }
  const subject = srvTxSubject(record.askedR, sync, s, record.askedI, texts.length);
  const to = parsePoName(record.requestor);
  sendMessage(db, dss.id, poKey(dss), {
    kind: 'SrvTx',
    subject,
    fromAddr: systemAddress(dss),
    toAddr: record.replyAddress ?? systemAddress(to),
    dest: record.requestor,
    r: record.askedR,
    s: sync,
    was: s,
    i: record.askedI,
    n: texts.length,
    attachment: joinRecords(texts),
    numbers: numbers.join(','),
  });
  stmt(db, 'update srv_requestor set srv_sync = ? where id = ?').run(sync, record.id);
  writeLog(db, dss.id, 'CENTRAL', 'Status', 106, `${subject} to ${record.requestor}`);
  done();
  return subject;
}

function purge(db: Db, dss: PoRow, cycle: number, keep: number): void {
  const old = stmt(db, 'select max(sync) as top from msttrans where dss_po_id = ? and cycle <= ?').get(dss.id, cycle - keep) as {
    top: number | null;
  };
  if (old.top === null) return;
  stmt(db, 'delete from msttrans where dss_po_id = ? and cycle <= ?').run(dss.id, cycle - keep);
  stmt(db, 'update srvconf set purged_through = max(purged_through, ?) where po_id = ?').run(old.top, dss.id);
}
