import type { Db } from '@/db/client';
import { resolveRange } from './postoffices';
import { poKey } from './names';
import { nextCounter, step, stmt } from './statements';

export interface TransportResult {
  delivered: number;
  queued: number;
}

/**
 * One External pass (`external -0`) over the MS Mail postoffices in a drive range: first deliver
 * what waits in their outbound queues to destinations in the range, then move P1 into the outbound
 * queues. One hop per pass, so a manual cycle needs two passes after each step.
 */
export function externalPass(db: Db, range?: string): TransportResult {
  return step(db, () => {
    const pos = resolveRange(db, range);
    const byName = new Map(pos.map((p) => [poKey(p), p.id]));
    let delivered = 0;
    let queued = 0;
    for (const po of pos) {
      const waiting = stmt(db, "select id, dest from message where holder_po_id = ? and place = 'OUTBOUND' order by id").all(
        po.id,
      ) as { id: number; dest: string }[];
      for (const m of waiting) {
        const destId = byName.get(m.dest);
        if (destId === undefined) continue; // no connection: stays queued
        stmt(db, "update message set holder_po_id = ?, place = 'MAILBAG', arrival = ? where id = ?").run(
          destId,
          nextCounter(db, 'arrival'),
          m.id,
        );
        delivered++;
      }
    }
    for (const po of pos) {
      queued += stmt(db, "update message set place = 'OUTBOUND' where holder_po_id = ? and place = 'P1'").run(po.id).changes;
    }
    return { delivered, queued };
  });
}
