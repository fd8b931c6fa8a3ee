import type { Db } from '@/db/client';
import { ctime, now, setNow } from '@/lib/core/clock';
import { DirsyncError, usage } from '@/lib/core/errors';
import { externalPass } from '@/lib/dirsync/external-pass';
import { writeLog } from '@/lib/dirsync/log';
import { poKey } from '@/lib/dirsync/names';
import { nsda, type NsdaProcess } from '@/lib/dirsync/nsda';
import { resolveRange, type PoRow } from '@/lib/dirsync/postoffices';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { step, stmt } from '@/lib/core/statements';
import { dxaCycleNow } from '@/lib/exchange/dxa/dxa-cycle';
import { pcMtaPassById } from '@/lib/exchange/connector/pc-mta-pass';
import { allServers, dxaRole, type ServerRow } from '@/lib/exchange/servers/servers';
import { withTrigger } from '@/lib/history/record-run';
import { gridAfter, gridAtOrAfter, latestSelectedHour, nextSelectedHour, type HourSchedule } from './next-hour';
import { latestOccurrence, MINUTE_MS, nextOccurrence, nextTick, RUN_WINDOW_MS } from './next-occurrence';

/**
 * DISPATCH, the MS Mail scheduler (KB Q96060; docs/engine.md, "The documents the code follows").
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
 * It also runs the Exchange side, whatever the range (the range is an MS Mail notion: it limits
 * only the MS Mail processes and External):
 * - the polls of every running Connector (PC) MTA instance (its service Running, `next_poll_at`
 *   set): at `next_poll_at`, then every `running_poll_minutes` (the interval the service read when
 *   it started). Each poll is one transaction: clock, pass (`pc-mta-pass.ts`), `next_poll_at`.
 *   Printed only when it moved something. A poll already due when Dispatch starts (the clock was
 *   moved past it) runs once at the start; the grid then goes on from there.
 * - the Exchange schedules while the server's MSExchangeDX service is Running: the Dirsync Server
 *   object's T2 and the Dirsync Requestor object's T1, at the top of each selected hour
 *   (`next-hour.ts`): clock, `dxaCycleNow`, `last_run_at` = that top of the hour, in one
 *   transaction. A schedule that has never run is first due at its next selected hour (as a new
 *   PROCESS time). Selected hours the clock was moved past (after the last run and the service's
 *   start) run once, at the start of Dispatch, standing for the latest of them; older ones are
 *   skipped. There is no run window on the Exchange side.
 * At one instant: External, then PC MTA polls (servers and instances by name), then MS Mail T1,
 * Exchange T1, MS Mail T2, Exchange T2, MS Mail T3. `--cycles` counts Exchange T2s too, and with
 * neither `--until` nor `--cycles` the "next due process" may be an Exchange T1 or T2.
 *
 * Passes and polls that would find nothing are not run: after one moved nothing, the next runs
 * only once something else has run (a process, or transport that moved mail). Their schedule still
 * advances, so they are where they would have been; skipped polls' `next_poll_at` is written when
 * Dispatch ends.
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
  /** Run until this many T2s (`NSDA -S`, or an Exchange dirsync server's T2) have completed; nothing later than the last one's time runs. */
  cycles?: number;
  /**
   * "Advance to the next poll only": run up to the next PC MTA poll and stop right after it, so a
   * scheduled T1/T2/T3 due later (or at the same instant, after the poll) does not overtake a manual
   * procedure. What falls due before the poll still runs: the clock cannot skip it.
   */
  nextPollOnly?: boolean;
}

export interface DispatchResult {
  /** One line per thing that ran (a process, a skipped process, an External pass that moved mail). */
  lines: string[];
  /** How many T2s (`NSDA -S` and Exchange T2s) ran. */
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


/** A running Connector (PC) MTA instance's polling, as Dispatch follows it. */
interface MtaPoll {
  id: number;
  server: string;
  service: string;
  intervalMs: number;
  /** A point of the instance's polling grid (the stored `next_poll_at`). */
  anchor: number;
  /** When it polls next (a grid point, or Dispatch's start for a poll already due). */
  next: number;
  /** Its last poll moved nothing and nothing has run since: its polls would find nothing. */
  quiet: boolean;
}

/** An Exchange schedule (Dirsync Requestor T1, Dirsync Server T2) of a server whose MSExchangeDX runs. */
interface ExchangeRun {
  server: ServerRow;
  t: 1 | 2;
  schedule: HourSchedule;
  /** The top of the hour this run stands for (recorded as `last_run_at`). */
  occurrence: number;
  runAt: number;
}

/** Order at one instant: External 0, PC MTA polls 1, then MS Mail T1 2, Exchange T1 3, MS Mail T2 4, Exchange T2 5, MS Mail T3 6. */
const RANK = { external: 0, poll: 1 } as const;
const processRank = (t: 1 | 2 | 3, exchange: boolean) => 2 * t + (exchange ? 1 : 0);

/** Where each Exchange schedule lives: T1 on the Dirsync Requestor object, T2 on the Dirsync Server object. */
const EXCHANGE_SCHEDULE = {
  1: { read: "select schedule_style as style, schedule, last_run_at as lastRunAt from dirsync_link where server_id = ? and kind = 'requestor'", stamp: "update dirsync_link set last_run_at = ? where server_id = ? and kind = 'requestor'" },
  2: { read: 'select schedule_style as style, schedule, last_run_at as lastRunAt from dirsync_server where server_id = ?', stamp: 'update dirsync_server set last_run_at = ? where server_id = ?' },
} as const;

/** The PC MTA instances whose service is Running and that have a next poll, by server and name. */
export function runningMtas(db: Db, start: number): MtaPoll[] {
  const rows = stmt(
    db,
    `select m.id, s.name as server, m.service_name as service, coalesce(m.running_poll_minutes, m.poll_minutes) as minutes, m.next_poll_at as nextPollAt
     from pc_mta m join exchange_service e on e.mta_id = m.id join exchange_server s on s.id = m.server_id
     where e.state = 'Running' and m.next_poll_at is not null order by s.name, m.service_name`,
  ).all() as { id: number; server: string; service: string; minutes: number; nextPollAt: number }[];
  return rows
    .filter((r) => r.minutes >= 1)
    .map((r) => ({
      id: r.id,
      server: r.server,
      service: r.service,
      intervalMs: r.minutes * MINUTE_MS,
      anchor: r.nextPollAt,
      next: Math.max(r.nextPollAt, start),
      quiet: false,
    }));
}

/** The next due run of each Exchange schedule: T2 on a dirsync server, T1 on a requestor, while MSExchangeDX is Running. */
export function exchangeRuns(db: Db, start: number): ExchangeRun[] {
  const runs: ExchangeRun[] = [];
  for (const server of allServers(db)) {
    const dx = stmt(db, "select state, started_at as startedAt from exchange_service where server_id = ? and name = 'MSExchangeDX'").get(server.id) as
      | { state: string; startedAt: number | null }
      | undefined;
    if (dx?.state !== 'Running') continue;
    const role = dxaRole(db, server);
    if (!role) continue;
    const t = role === 'server' ? 2 : 1;
    const row = stmt(db, EXCHANGE_SCHEDULE[t].read).get(server.id) as
      | { style: HourSchedule['style']; schedule: string; lastRunAt: number | null }
      | undefined;
    if (!row) continue;
    const schedule: HourSchedule = { style: row.style, schedule: row.schedule };
    // Done up to its last run or the service's start, whichever is later. Never run: done now (it
    // is first due at its next selected hour), as a new PROCESS time is.
    const doneTo = row.lastRunAt === null ? start : Math.max(row.lastRunAt, dx.startedAt ?? row.lastRunAt);
    const due = nextSelectedHour(schedule, doneTo);
    if (due === null) continue;
    if (due > start) runs.push({ server, t, schedule, occurrence: due, runAt: due });
    else runs.push({ server, t, schedule, occurrence: latestSelectedHour(schedule, start)!, runAt: start });
  }
  return runs;
}

const exchangeBefore = (a: ExchangeRun, b: ExchangeRun) => a.runAt - b.runAt || a.t - b.t || (a.server.name < b.server.name ? -1 : a.server.name > b.server.name ? 1 : 0);
const pollBefore = (a: MtaPoll, b: MtaPoll) => a.next - b.next || (a.server < b.server ? -1 : a.server > b.server ? 1 : a.service < b.service ? -1 : a.service > b.service ? 1 : 0);

export function dispatch(db: Db, opts: DispatchOptions = {}): DispatchResult {
  const { range, until, cycles, nextPollOnly = false } = opts;
  if (nextPollOnly && (until !== undefined || cycles !== undefined)) throw usage('the next poll only goes alone, without --until or --cycles');
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
  const exchange = exchangeRuns(db, start);
  const polls = runningMtas(db, start);
  if (cycles !== undefined && !queue.some((p) => p.t === 2) && !exchange.some((x) => x.t === 2)) {
    throw usage(
      `nothing is scheduled to complete a cycle: no postoffice in ${range ? `range ${range}` : 'the network'} has a T2 (NSDA -S) time` +
        ' and no Exchange dirsync server with a running MSExchangeDX has a scheduled hour; ' +
        'set one on the Dirsync Server with "dirsync dssched … -i<file>" (or "dirsync exchange dss <SERVER> --schedule …"), or use --until',
    );
  }
  if (nextPollOnly && polls.length === 0) {
    throw usage('no Connector (PC) MTA is polling: start one on its server (Services, or "dirsync service start <SERVER> \"<PC MTA>\"") for there to be a next poll');
  }
  if (!nextPollOnly && until === undefined && cycles === undefined && queue.length === 0 && exchange.length === 0) return { lines: [], ranT2: 0 };

  const lines: string[] = [];
  let ranT2 = 0;
  /** Nothing is processed after this time. */
  let limit = nextPollOnly ? Math.min(...polls.map((p) => p.next)) : (until ?? Infinity);
  let tick = nextTick(start);
  /** The last External pass moved nothing: passes are no-ops until something else runs. */
  let quiet = false;
  let finished = false;

  /** Something ran at `at` (with rank `rank`) that may have changed the mail in flight: wake the quiet passes and polls. */
  const changed = (at: number, rank: number) => {
    if (quiet && rank > RANK.external && tick <= at) tick = nextTick(at);
    quiet = false;
    for (const p of polls) {
      if (!p.quiet) continue;
      p.quiet = false;
      // Polls that would have found nothing are skipped; one at this instant still comes if it orders after.
      const from = rank <= RANK.poll ? gridAtOrAfter(p.anchor, p.intervalMs, at) : gridAfter(p.anchor, p.intervalMs, at);
      p.next = Math.max(p.next, from);
    }
  };

  while (!finished) {
    const head = queue[0];
    const x = exchange.reduce<ExchangeRun | undefined>((best, r) => (!best || exchangeBefore(r, best) < 0 ? r : best), undefined);
    const poll = polls.reduce<MtaPoll | undefined>((best, p) => (p.quiet ? best : !best || pollBefore(p, best) < 0 ? p : best), undefined);
    // The next thing in time order, by (time, rank).
    const candidates: { at: number; rank: number; kind: 'external' | 'poll' | 'msmail' | 'exchange' }[] = [];
    if (!quiet) candidates.push({ at: tick, rank: RANK.external, kind: 'external' });
    if (poll) candidates.push({ at: poll.next, rank: RANK.poll, kind: 'poll' });
    if (head) candidates.push({ at: head.runAt, rank: processRank(head.t, false), kind: 'msmail' });
    if (x) candidates.push({ at: x.runAt, rank: processRank(x.t, true), kind: 'exchange' });
    const next = candidates.reduce<(typeof candidates)[number] | undefined>((b, c) => (!b || c.at < b.at || (c.at === b.at && c.rank < b.rank) ? c : b), undefined);
    if (!next || next.at > limit) break;

    if (next.kind === 'external') {
      const at = tick;
      const moved = step(db, () => {
        setNow(db, at);
        return withTrigger(db, { trigger: 'Dispatch' }, () => externalPass(db, range));
      });
      if (moved.delivered + moved.queued > 0) {
        lines.push(`${ctime(at)}  ${range ?? 'all postoffices'}  EXTERNAL -0  ${moved.delivered} delivered, ${moved.queued} queued`);
        changed(at, RANK.external);
      } else quiet = true;
      tick += 5 * 60_000;
      continue;
    }

    if (next.kind === 'poll') {
      const p = poll!;
      const at = p.next;
      const following = gridAfter(p.anchor, p.intervalMs, at);
      const r = step(db, () => {
        setNow(db, at);
        const state = stmt(db, 'select state from exchange_service where mta_id = ?').get(p.id) as { state: string } | undefined;
        if (state?.state !== 'Running') return null; // stopped by something that ran: no more polls
        const result = withTrigger(db, { trigger: 'Dispatch' }, () => pcMtaPassById(db, p.id));
        stmt(db, 'update pc_mta set next_poll_at = ? where id = ?').run(following, p.id);
        return result;
      });
      if (!r) {
        polls.splice(polls.indexOf(p), 1);
        continue;
      }
      p.next = following;
      if (nextPollOnly) finished = true;
      if (r.delivered + r.pickedUp > 0) {
        lines.push(`${ctime(at)}  ${r.server}  ${r.service}  ${r.lines[0]}`);
        // What the DXA did with what arrived (an Exchange requestor applies a SrvTx at once): its last line.
        if (r.lines.length > 1) lines.push(`${ctime(at)}  ${r.server}  MSExchangeDX  ${r.lines[r.lines.length - 1]}`);
        changed(at, RANK.poll);
      } else p.quiet = true;
      continue;
    }

    if (next.kind === 'exchange') {
      const run = x!;
      exchange.splice(exchange.indexOf(run), 1);
      const result = runExchange(db, run);
      if (result) {
        const tail = result.fatal ? `Fatal [${result.fatal.number}] ${result.fatal.text}` : result.lines[result.lines.length - 1] ?? '(no output)';
        lines.push(`${ctime(run.runAt)}  ${run.server.name}  MSExchangeDX  ${tail}`);
        changed(run.runAt, processRank(run.t, true));
        if (run.t === 2) {
          ranT2++;
          if (cycles !== undefined && ranT2 >= cycles) limit = Math.min(limit, run.runAt);
        }
        if (until === undefined && cycles === undefined && !nextPollOnly) finished = true;
        const following = nextSelectedHour(run.schedule, run.occurrence);
        if (following !== null) exchange.push({ ...run, occurrence: following, runAt: following });
      }
      continue;
    }

    queue.shift();
    const process = PROCESS[head.t];
    if (head.missed) {
      step(db, () => {
        setNow(db, head.runAt);
        writeLog(db, head.po.id, 'DISPATCH', 'Warning', MISSED_RUN_WINDOW, `NSDA -${process} missed its run window`);
        markDone(db, head);
      });
      lines.push(processLine(head.runAt, head.po, process, 'missed its run window'));
      if (tick <= head.runAt) tick = nextTick(head.runAt);
    } else {
      const result = runProcess(db, head, process);
      const tail = result.fatal ? `Fatal [${result.fatal.number}] ${result.fatal.text}` : result.lines[result.lines.length - 1] ?? '(no output)';
      lines.push(processLine(head.runAt, head.po, process, tail));
      changed(head.runAt, processRank(head.t, false));
      if (tick <= head.runAt) tick = nextTick(head.runAt);
      if (head.t === 2) {
        ranT2++;
        if (cycles !== undefined && ranT2 >= cycles) limit = Math.min(limit, head.runAt);
      }
      // With neither --until nor --cycles, Dispatch runs just the next due process.
      if (until === undefined && cycles === undefined && !nextPollOnly) finished = true;
    }
    const following = nextOccurrence(head.minute, head.occurrence);
    enqueue(queue, { ...head, occurrence: following, runAt: following, missed: false });
  }
  step(db, () => {
    if (until !== undefined && (cycles === undefined || ranT2 < cycles)) setNow(db, Math.max(now(db), until));
    // Polls skipped because they would have found nothing: the grid has moved on past the clock.
    const clock = now(db);
    const save = stmt(db, 'update pc_mta set next_poll_at = ? where id = ? and next_poll_at is not ?');
    for (const p of polls) {
      const nextPoll = p.next <= clock && p.quiet ? gridAfter(p.anchor, p.intervalMs, clock) : p.next;
      save.run(nextPoll, p.id, nextPoll);
    }
  });
  return { lines, ranT2 };
}

/**
 * One Exchange scheduled cycle (`dxaCycleNow`: T1 on a requestor, T2 on a dirsync server), with the
 * clock and `last_run_at`, in one transaction. Null when MSExchangeDX no longer runs or the object
 * is gone (something that ran before changed it).
 */
function runExchange(db: Db, run: ExchangeRun): StepResult | null {
  return step(db, () => {
    const dx = stmt(db, "select state from exchange_service where server_id = ? and name = 'MSExchangeDX'").get(run.server.id) as { state: string } | undefined;
    if (dx?.state !== 'Running' || dxaRole(db, run.server) !== (run.t === 2 ? 'server' : 'requestor')) return null;
    setNow(db, run.runAt);
    let result: StepResult;
    try {
      result = withTrigger(db, { trigger: 'schedule' }, () => dxaCycleNow(db, run.server));
    } catch (e) {
      if (!(e instanceof DirsyncError) || e.kind !== 'fatal') throw e;
      result = { lines: [], fatal: { number: e.number ?? 0, text: e.message } };
    }
    stmt(db, EXCHANGE_SCHEDULE[run.t].stamp).run(run.occurrence, run.server.id);
    return result;
  });
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
      result = withTrigger(db, { trigger: 'schedule' }, () => nsda(db, poKey(p.po), process));
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

