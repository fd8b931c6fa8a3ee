import type { Db } from '@/db/client';
import { CLOCK_START, ctime } from '@/lib/core/clock';
import { poKey } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import { exchangeRuns, runningMtas } from './dispatch';
import { nextOccurrence } from './next-occurrence';

/** Something that happens only when the simulation clock reaches it. */
export interface Waiting {
  at: number;
  /** `Sat Feb 26 13:46:00 1994`. */
  text: string;
  /** What runs: `Microsoft PC MTA on EXCH01 polls`, `T1 (NSDA -RT) on POLYNOMIAL/NOVEMBER`. */
  what: string;
}

export interface ClockWaiting {
  /** The next poll of a running Connector (PC) MTA: what carries 4395/4355 and the dirsync mail. */
  nextPoll: Waiting | null;
  /** The next scheduled process: an MS Mail T1/T2/T3 or an Exchange T1/T2. */
  nextStep: Waiting | null;
}

const NSDA = { 1: 'NSDA -RT', 2: 'NSDA -S', 3: 'NSDA -RR' } as const;

/**
 * What is waiting for the simulation clock (read only): the next PC MTA poll and the next
 * scheduled process, as Dispatch would find them (`dispatch.ts`). Nothing happens to either until
 * the clock moves — the console says so beside the clock.
 */
export function clockWaiting(db: Db): ClockWaiting {
  const row = stmt(db, 'select now from clock where id = 1').get() as { now: number } | undefined;
  const start = row?.now ?? CLOCK_START;
  const polls = runningMtas(db, start).sort((a, b) => a.next - b.next || a.server.localeCompare(b.server));
  const poll = polls[0];
  const nextPoll = poll ? { at: poll.next, text: ctime(poll.next), what: `${poll.service} on ${poll.server} polls` } : null;

  const steps: Waiting[] = exchangeRuns(db, start).map((r) => ({
    at: r.runAt,
    text: ctime(r.runAt),
    what: `${r.server.name} MSExchangeDX ${r.t === 2 ? 'T2 (dirsync server)' : 'T1 (requestor)'}`,
  }));
  const times = stmt(
    db,
    `select p.t, p.minute, p.last_done as lastDone, o.network, o.name from process_time p join postoffice o on o.id = p.po_id order by p.minute, p.t`,
  ).all() as { t: 1 | 2 | 3; minute: number; lastDone: number | null; network: string; name: string }[];
  for (const t of times) {
    const at = Math.max(nextOccurrence(t.minute, t.lastDone ?? start), start);
    steps.push({ at, text: ctime(at), what: `T${t.t} (${NSDA[t.t]}) on ${poKey(t)}` });
  }
  const nextStep = steps.reduce<Waiting | null>((best, s) => (!best || s.at < best.at ? s : best), null);
  return { nextPoll, nextStep };
}
