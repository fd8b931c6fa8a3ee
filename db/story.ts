import type { Db } from './client';
import { SAMPLE, SAMPLE_EXCHANGE } from './seed';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { now } from '@/lib/core/clock';
import { step, stmt } from '@/lib/core/statements';
import { controlService } from '@/lib/exchange/services/control-service';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { dispatch } from '@/lib/scheduler/dispatch';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Sat Feb 26 1994 00:00 UTC: the day the sample's clock starts (lib/core/clock.ts CLOCK_START). */
const SAT = Date.UTC(1994, 1, 26);

/** The story's moments (docs/console.md, "The sample's story"). */
export const STORY = {
  /** Sunday noon: the PC MTA's logging goes back to None after the first cycle was watched. */
  loggingOffAt: SAT + 1 * DAY + 12 * HOUR,
  /** Tuesday night's backup of OCTOBER's dirsync files. */
  backupAt: SAT + 3 * DAY + 23 * HOUR,
  /** Wednesday morning: a new colleague at OCTOBER. */
  joinAt: SAT + 4 * DAY + 10 * HOUR,
  joiner: ['YVONNE', 'Yvonne Hart'] as [string, string],
  /** Monday morning after the second Saturday's cycle: OCTOBER's files are restored, the story ends. */
  restoreAt: SAT + 9 * DAY + 9 * HOUR,
  /** The requestor whose numbers go wrong. */
  requestor: `${SAMPLE.network}/OCTOBER`,
};

interface Backup {
  reqSync: number;
  srvSync: number;
  impSync: number;
  reqtransHigh: number;
  reqtrans: { sync: number; stamp: number; crc: number; txn: string }[];
}

/**
 * The sample's first days (db/seed.ts must have loaded the `msmail-dss` sample on a fresh clock):
 * Dispatch runs the scheduled dirsync of two Saturdays, so the run history, the logs and the
 * Application log are real (the first cycle is watched with the PC MTA's logging at Maximum); a mailbox added on Wednesday travels in the second cycle. On the last
 * Monday OCTOBER's REQCONF.GLB and REQTRANS.GLB are restored from Tuesday's backup (after a disk
 * error, say): its numbers fall behind what MONTGOMERY has already received from it, which Health
 * reports and the Resync Wizard (MS Mail DSS → MS Mail requestor) puts right.
 *
 * Everything is done by the engine's own verbs except the restore, which no verb models (a file
 * copied back from tape): it writes the backed-up rows back, as the tests of Health do.
 */
export function tellSampleStory(db: Db): { lines: string[]; story: typeof STORY } {
  if (now(db) > STORY.backupAt) throw new Error('the sample story starts on the sample clock (Sat Feb 26 1994): this database has already moved past it');
  const lines: string[] = [];
  const x = SAMPLE_EXCHANGE;
  // Document 003's advice for watching a cycle: the PC MTA's logging at Maximum (read at its
  // restart), so the first Saturday's transfers log 4395/4355; set back to None on Sunday.
  setLoggingLevel(db, x.server, 'MSExchangePCMTA', '*', 'maximum');
  controlService(db, x.server, x.mta, 'restart');
  lines.push(...dispatch(db, { until: STORY.loggingOffAt }).lines);
  setLoggingLevel(db, x.server, 'MSExchangePCMTA', '*', 'none');
  controlService(db, x.server, x.mta, 'restart');
  lines.push(...dispatch(db, { until: STORY.backupAt }).lines);
  const backup = backupOf(db, STORY.requestor);
  lines.push(...dispatch(db, { until: STORY.joinAt }).lines);
  addMailbox(db, STORY.requestor, ...STORY.joiner);
  lines.push(...dispatch(db, { until: STORY.restoreAt }).lines);
  restore(db, STORY.requestor, backup);
  return { lines, story: STORY };
}

const poIdOf = (db: Db, key: string) => {
  const [network, name] = key.split('/');
  return (stmt(db, 'select id from postoffice where network = ? and name = ?').get(network, name) as { id: number }).id;
};

function backupOf(db: Db, key: string): Backup {
  const id = poIdOf(db, key);
  const rc = stmt(db, 'select req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync, reqtrans_high as reqtransHigh from reqconf where po_id = ?').get(id) as Omit<Backup, 'reqtrans'>;
  const reqtrans = stmt(db, 'select sync, stamp, crc, txn from reqtrans where po_id = ? order by sync').all(id) as Backup['reqtrans'];
  return { ...rc, reqtrans };
}

function restore(db: Db, key: string, b: Backup): void {
  step(db, () => {
    const id = poIdOf(db, key);
    stmt(db, 'update reqconf set req_sync = ?, srv_sync = ?, imp_sync = ?, reqtrans_high = ?, pending_r = null where po_id = ?').run(b.reqSync, b.srvSync, b.impSync, b.reqtransHigh, id);
    stmt(db, 'delete from reqtrans where po_id = ?').run(id);
    for (const r of b.reqtrans) stmt(db, 'insert into reqtrans (po_id, sync, stamp, crc, txn) values (?, ?, ?, ?, ?)').run(id, r.sync, r.stamp, r.crc, r.txn);
  });
}
