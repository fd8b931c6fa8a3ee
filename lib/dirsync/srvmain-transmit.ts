import type { Db } from '@/db/client';
import { requireDss, srvRequestors, type SrvRequestorRow } from './dss';
import { writeLog } from './log';
import { masterListTxns } from './master-lists';
import { mailbagHeads, sendMessage } from './messages';
import { parsePoName, poKey, systemAddress } from './names';
import { resolvePo, type PoRow } from './postoffices';
import type { StepResult } from './reqconf';
import { srvTxSubject } from './subjects';
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
    if (mailbagHeads(db, dss.id, ['ReqTx']).length > 0) {
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

export interface MasterEntry {
  sync: number;
  origin: string;
  listKey: string | null;
  text: string;
}

/**
 * What a reply above S holds, for any requestor, computed once per S in a transmit (most
 * requestors share one S). A requestor's reply is the entries above S that it did not send, less
 * those a later `R` of the same list from another origin makes pointless (dropSuperseded on that
 * filtered list). Whether an entry survives for a requestor depends only on its origin and on the
 * origins of the later `R`s of its list, so the entries are cut once into runs that every
 * requestor either keeps whole or leaves whole, each run's text and numbers joined once: a reply
 * is then a join of ~one run per origin instead of ~100,000 records per requestor.
 */
export interface ReplyRun {
  origin: string;
  /** Kept by every requestor but its origin (null), or only by this one requestor ('' = by none). */
  onlyFor: string | null;
  count: number;
  text: string;
  numbers: string;
}

function entriesAfter(db: Db, dss: PoRow): (s: number) => ReplyRun[] {
  const cache = new Map<number, ReplyRun[]>();
  return (s) => {
    let runs = cache.get(s);
    if (!runs) {
      const rows = stmt(db, 'select sync, origin, list_key as listKey, txn as text from msttrans where dss_po_id = ? and sync > ? order by sync').all(
        dss.id,
        s,
      ) as MasterEntry[];
      runs = replyRuns(rows);
      cache.set(s, runs);
    }
    return runs;
  };
}

/** Cut entries (in sync order) into runs of one origin and one survival class; see ReplyRun. */
/** A requestor's reply from the runs: exactly dropSuperseded(the entries not from this requestor). */
export function replyOf(runs: ReplyRun[], requestor: string): { attachment: string; numbers: string; n: number } {
  const kept = runs.filter((run) => run.origin !== requestor && (run.onlyFor === null || run.onlyFor === requestor));
  return { attachment: joinRecords(kept.map((run) => run.text)), numbers: kept.map((run) => run.numbers).join(','), n: kept.reduce((sum, run) => sum + run.count, 0) };
}

export function replyRuns(rows: MasterEntry[]): ReplyRun[] {
  // Walking back: the distinct origins of the later Rs of each list (two are enough to know).
  const laterR = new Map<string, string[]>();
  const onlyFor: (string | null)[] = new Array(rows.length);
  for (let k = rows.length - 1; k >= 0; k--) {
    const e = rows[k];
    const by = e.listKey === null ? undefined : laterR.get(e.listKey);
    // No later R: kept. Later Rs from two origins: dropped for everyone (one of them is not the
    // requestor). From one origin O: dropped for everyone but O.
    onlyFor[k] = !by ? null : by.length > 1 ? '' : by[0];
    if (e.listKey !== null && e.text.startsWith('R ')) {
      if (!by) laterR.set(e.listKey, [e.origin]);
      else if (by.length === 1 && by[0] !== e.origin) by.push(e.origin);
    }
  }
  const runs: ReplyRun[] = [];
  for (let k = 0; k < rows.length; ) {
    let end = k + 1;
    while (end < rows.length && rows[end].origin === rows[k].origin && onlyFor[end] === onlyFor[k]) end++;
    const part = rows.slice(k, end);
    runs.push({
      origin: rows[k].origin,
      onlyFor: onlyFor[k],
      count: part.length,
      text: joinRecords(part.map((e) => e.text)),
      numbers: part.map((e) => e.sync).join(','),
    });
    k = end;
  }
  return runs;
}

function reply(
  db: Db,
  dss: PoRow,
  sync: number,
  purgedThrough: number,
  record: SrvRequestorRow,
  after: (s: number) => ReplyRun[],
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
  let attachment: string;
  let numbers: string;
  let n: number;
  if (full) {
    const texts = masterListTxns(db, dss.id, record.requestor);
    attachment = joinRecords(texts);
    numbers = texts.map((_, k) => k + 1).join(',');
    n = texts.length;
  } else {
    if (s < purgedThrough) {
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 138, `Server sync does not exist anymore (${s})`);
      writeLog(db, dss.id, 'DIRSYNC', 'Warning', 139, `Number of missing transactions = ${purgedThrough - s} (${s}->${purgedThrough - 1})`);
    }
    ({ attachment, numbers, n } = replyOf(after(s), record.requestor));
  }
  const subject = srvTxSubject(record.askedR, sync, s, record.askedI, n);
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
    n,
    attachment,
    numbers,
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
