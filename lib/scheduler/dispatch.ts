import type { Db } from '@/db/client';
import { ctime, now, setNow } from '@/lib/dirsync/clock';
import { DirsyncError, usage } from '@/lib/dirsync/errors';
import { externalPass } from '@/lib/dirsync/external-pass';
import { writeLog } from '@/lib/dirsync/log';
import { poKey } from '@/lib/dirsync/names';
import { nsda, type NsdaProcess } from '@/lib/dirsync/nsda';
import { resolveRange, type PoRow } from '@/lib/dirsync/postoffices';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { step, stmt } from '@/lib/dirsync/statements';
import { latestOccurrence, nextOccurrence, nextTick, RUN_WINDOW_MS } from './next-occurrence';

/**
 * DISPATCH, the MS Mail scheduler (exchange-admin-reference.md 8.5, 8.6; protocol.md section 8).
 *
 * It advances the stored simulation clock and runs, in time order, everything that falls due for
 * the MS Mail postoffices in a range:
 * - each PROCESS.GLB time (T1 → `NSDA -RT`, T2 → `NSDA -S`, T3 → `NSDA -RR`) whose weekly
 *   occurrence is after the entry's `last_done` and at or before the target time, at that
 *   occurrence: the clock is set to it, NSDA runs, and `last_done` becomes the occurrence, all in
 *   one transaction;
 * - External, Dispatch's idle process: one pass over the range every 5 simulated minutes (at :00,
 *   :05, …), printed only when it moved something.
 * At one instant the External pass comes first, then T1, T2, T3 (then postoffices by drive).
 *
 * The run window: an occurrence already more than 8 hours late when Dispatch reaches it (the clock
 * was moved past it without Dispatch running) is skipped with `NSDA -RT missed its run window` in
 * the postoffice's DISPATCH.LOG, and the next weekly time is used. Only the latest missed
 * occurrence of an entry is reported; older ones are skipped silently. An occurrence that is late
 * but inside the window runs when Dispatch reaches it, at the current clock (the clock never moves
 * backwards), and `last_done` still records the occurrence it stands for.
 *
 * Every pass, process and skip is its own transaction, so an interrupted dispatch leaves the clock
 * at the last thing it completed and a later dispatch carries on from there.
 */

export interface DispatchOptions {
  /** `-d<range>`: a drive range, a drive or NET/PO; all MS Mail postoffices when absent. */
  range?: string;
  /** Run everything due up to this simulation time (ms), then leave the clock there. */
  until?: number;
  /** Run until this many T2s (`NSDA -S`) have completed; nothing later than the last one's time runs. */
  cycles?: number;
}

export interface DispatchResult {
  /** One line per thing that ran (a process, a skipped process, an External pass that moved mail). */
  lines: string[];
  /** How many T2s (`NSDA -S`) ran. */
  ranT2: number;
}

const PROCESS: Record<1 | 2 | 3, NsdaProcess> = { 1: 'RT', 2: 'S', 3: 'RR' };

/**
 * Warning number of the "missed its run window" line. The documents (KB Q96060, Q148718, Q119590)
 * quote the text but give it no number; 103 is this model's choice. Note that the reference's 8.7
 * lists "Requestor process failed" among 101–109 right after 101/102, without numbering it.
 */
export const MISSED_RUN_WINDOW = 103;

interface Pending {
  po: PoRow;
  t: 1 | 2 | 3;
  minute: number;
  /** The weekly occurrence this stands for. */
  occurrence: number;
  /** When Dispatch reaches it: the occurrence, or the dispatch's start when it is already late. */
  runAt: number;
  /** Late by more than the run window when reached: skipped, not run. */
  missed: boolean;
}

const before = (a: Pending, b: Pending) =>
  a.runAt - b.runAt || a.t - b.t || a.occurrence - b.occurrence || ((a.po.drive ?? '~') < (b.po.drive ?? '~') ? -1 : (a.po.drive ?? '~') > (b.po.drive ?? '~') ? 1 : a.po.id - b.po.id);

/** Insert keeping `queue` ordered (binary search; the queue holds one item per PROCESS entry). */
function enqueue(queue: Pending[], item: Pending): void {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(queue[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, item);
}

/** The line Dispatch prints: `Sat Feb 26 13:45:00 1994  POLYNOMIAL/NOVEMBER  NSDA -RT  ReqTx R=12 …`. */
const processLine = (at: number, po: PoRow, process: NsdaProcess, tail: string) => `${ctime(at)}  ${poKey(po)}  NSDA -${process}  ${tail}`;


export function dispatch(db: Db, opts: DispatchOptions = {}): DispatchResult {
  const { range, until, cycles } = opts;
  if (until !== undefined && !Number.isFinite(until)) throw usage('--until must be a simulation time');
  if (cycles !== undefined && (!Number.isSafeInteger(cycles) || cycles < 1)) {
    throw usage(`--cycles takes a whole number of cycles, 1 or more; got ${cycles}`);
  }
  const start = now(db);
  if (until !== undefined && until < start) {
    throw usage(`--until ${new Date(until).toISOString()} is before the simulation clock (${ctime(start)}): give a later time`);
  }

  const pos = resolveRange(db, range);
  const queue: Pending[] = [];
  for (const po of pos) {
    const rows = stmt(db, 'select t, minute, last_done as lastDone from process_time where po_id = ? order by minute, t').all(po.id) as {
      t: 1 | 2 | 3;
      minute: number;
      lastDone: number | null;
    }[];
    for (const r of rows) {
      // An entry never stamped counts as done now: it is first due at its next weekly time.
      const due = nextOccurrence(r.minute, r.lastDone ?? start);
      if (due > start) {
        enqueue(queue, { po, t: r.t, minute: r.minute, occurrence: due, runAt: due, missed: false });
      } else {
        // Late: only the latest occurrence at or before the clock matters; older ones are skipped silently.
        const occurrence = latestOccurrence(r.minute, start);
        enqueue(queue, { po, t: r.t, minute: r.minute, occurrence, runAt: start, missed: start - occurrence > RUN_WINDOW_MS });
      }
    }
  }
  if (cycles !== undefined && !queue.some((p) => p.t === 2)) {
    throw usage(
      `nothing is scheduled to complete a cycle: no postoffice in ${range ? `range ${range}` : 'the network'} has a T2 (NSDA -S) time; ` +
        'set one on the Dirsync Server with "dirsync dssched … -i<file>", or use --until',
    );
  }
  if (until === undefined && cycles === undefined && queue.length === 0) return { lines: [], ranT2: 0 };

  const lines: string[] = [];
  let ranT2 = 0;
  /** Nothing is processed after this time. */
  let limit = until ?? Infinity;
  let tick = nextTick(start);
  /** The last External pass moved nothing: passes are no-ops until a process runs again. */
  let quiet = false;
  let finished = false;

  while (!finished) {
    const head = queue[0];
    const headAt = head ? head.runAt : Infinity;
    if (!quiet && tick <= headAt && tick <= limit) {
      const at = tick;
      const moved = step(db, () => {
        setNow(db, at);
        return externalPass(db, range);
      });
      if (moved.delivered + moved.queued > 0) lines.push(`${ctime(at)}  ${range ?? 'all postoffices'}  EXTERNAL -0  ${moved.delivered} delivered, ${moved.queued} queued`);
      else quiet = true;
      tick += 5 * 60_000;
      continue;
    }
    if (!head || headAt > limit) break;
    queue.shift();
    const process = PROCESS[head.t];
    if (head.missed) {
      step(db, () => {
        setNow(db, head.runAt);
        writeLog(db, head.po.id, 'DISPATCH', 'Warning', MISSED_RUN_WINDOW, `NSDA -${process} missed its run window`);
        markDone(db, head);
      });
      lines.push(processLine(head.runAt, head.po, process, 'missed its run window'));
    } else {
      const result = runProcess(db, head, process);
      const tail = result.fatal ? `Fatal [${result.fatal.number}] ${result.fatal.text}` : result.lines[result.lines.length - 1] ?? '(no output)';
      lines.push(processLine(head.runAt, head.po, process, tail));
      quiet = false;
      if (head.t === 2) {
        ranT2++;
        if (cycles !== undefined && ranT2 >= cycles) limit = Math.min(limit, head.runAt);
      }
      // With neither --until nor --cycles, Dispatch runs just the next due process.
      if (until === undefined && cycles === undefined) finished = true;
    }
    if (tick <= head.runAt) tick = nextTick(head.runAt);
    const following = nextOccurrence(head.minute, head.occurrence);
    enqueue(queue, { ...head, occurrence: following, runAt: following, missed: false });
  }
  if (until !== undefined && (cycles === undefined || ranT2 < cycles)) setNow(db, Math.max(now(db), until));
  return { lines, ranT2 };
}

function markDone(db: Db, p: Pending): void {
  stmt(db, 'update process_time set last_done = ? where po_id = ? and t = ? and minute = ?').run(p.occurrence, p.po.id, p.t, p.minute);
}

/** One NSDA run, as Dispatch spawns it: clock, DISPATCH.LOG lines, NSDA, last_done, in one transaction. */
function runProcess(db: Db, p: Pending, process: NsdaProcess): StepResult {
  return step(db, () => {
    setNow(db, p.runAt);
    writeLog(db, p.po.id, 'DISPATCH', 'Status', 101, `Begin execution NSDA -${process}`);
    let result: StepResult;
    try {
      result = nsda(db, poKey(p.po), process);
    } catch (e) {
      // A utility that stops with a fatal error (e.g. NSDA -S on a postoffice that is no longer the
      // DSS) fails this process only; what it had done is rolled back by its own transaction.
      if (!(e instanceof DirsyncError) || e.kind !== 'fatal') throw e;
      result = { lines: [], fatal: { number: e.number ?? 0, text: e.message } };
    }
    if (result.fatal) writeLog(db, p.po.id, 'DISPATCH', 'Fatal', result.fatal.number, `NSDA -${process}: ${result.fatal.text}`);
    writeLog(db, p.po.id, 'DISPATCH', 'Status', 102, `End process NSDA -${process}`);
    markDone(db, p);
    return result;
  });
}

/** The clock as the `clock` command and the console show it. */
export interface ClockState {
  now: string;
  ms: number;
  /** Simulated seconds per real second when following real time; 0 = stopped. */
  speed: number;
}

export function clockState(db: Db): ClockState {
  const ms = now(db);
  const row = stmt(db, 'select speed from clock where id = 1').get() as { speed: number };
  return { now: new Date(ms).toISOString(), ms, speed: row.speed };
}

/** Move the clock (either way); returns where it was. Following real time is the console's job. */
export function setClock(db: Db, ms: number): { from: number; to: number } {
  if (!Number.isSafeInteger(ms)) throw usage('the clock takes a whole number of milliseconds');
  return step(db, () => {
    const from = now(db);
    setNow(db, ms);
    return { from, to: ms };
  });
}

/** Store the clock's speed: simulated seconds per real second, 0 = stopped. */
export function setSpeed(db: Db, speed: number): void {
  if (!Number.isFinite(speed) || speed < 0) throw usage(`the clock's speed is a number 0 or above (0 = stopped); got ${speed}`);
  step(db, () => {
    now(db);
    stmt(db, 'update clock set speed = ? where id = 1').run(speed);
  });
}
