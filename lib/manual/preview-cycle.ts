import type { Db } from '@/db/client';
import { withTrigger } from '@/lib/history/record-run';
import { requestorTarget } from '@/lib/resync/wizard-targets';
import { dssNameOf, runNetworkCycle, type CycleOutcome, type GalName } from './cycle';

/**
 * Preview of the next cycle (Google Cloud Directory Sync's "simulated sync"): the real verbs of
 * `runNetworkCycle` — the whole network of the requestor's DSS, as the nightly schedule or
 * document 003 runs it — run inside one transaction that is then rolled back, so the preview is
 * what the cycle would do by construction and changes nothing — no messages, lists, numbers, log
 * lines, events or run history rows survive it, and nothing in the engine moves the clock.
 */
export interface CyclePreview {
  requestor: string;
  kind: CycleOutcome['kind'];
  dss: string;
  sent: CycleOutcome['sent'];
  reply: CycleOutcome['reply'];
  gal: {
    before: number;
    after: number;
    gain: GalName[];
    change: { address: string; from: string; to: string }[];
    lose: GalName[];
  };
  notes: string[];
}

class Rollback extends Error {}

/** What changes between two lists of names, by address (case-insensitive). */
export function galDiff(before: GalName[], after: GalName[]): CyclePreview['gal'] {
  const key = (a: string) => a.toUpperCase();
  const was = new Map(before.map((n) => [key(n.address), n]));
  const now = new Map(after.map((n) => [key(n.address), n]));
  const gain = after.filter((n) => !was.has(key(n.address)));
  const lose = before.filter((n) => !now.has(key(n.address)));
  const change = after
    .filter((n) => was.has(key(n.address)) && was.get(key(n.address))!.name !== n.name)
    .map((n) => ({ address: n.address, from: was.get(key(n.address))!.name, to: n.name }));
  return { before: before.length, after: after.length, gain, change, lose };
}

export function previewOf(o: CycleOutcome): CyclePreview {
  return { requestor: o.requestor, kind: o.kind, dss: o.dss, sent: o.sent, reply: o.reply, gal: galDiff(o.galBefore, o.galAfter), notes: o.notes };
}

/** Every requestor of a DSS: its next cycle. */
export function previewNetworkCycle(db: Db, dss: string): CyclePreview[] {
  let outcomes: CycleOutcome[] = [];
  try {
    db.$client.transaction(() => {
      outcomes = withTrigger(db, { trigger: 'preview' }, () => runNetworkCycle(db, dss));
      throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return outcomes.map(previewOf);
}

/** One requestor's next cycle (its DSS's whole network runs, as it would). */
export function previewCycle(db: Db, requestor: string): CyclePreview {
  const dss = dssNameOf(db, requestor);
  const key = requestorTarget(db, requestor).key;
  return previewNetworkCycle(db, dss).find((p) => p.requestor === key)!;
}
