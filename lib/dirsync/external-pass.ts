import type { Db } from '@/db/client';
import { resolveRange } from './postoffices';
import { poKey } from './names';
import { nextCounter, stmt } from '@/lib/core/statements';
import { noteMessage, recordRun } from '@/lib/history/record-run';

export interface TransportResult {
  delivered: number;
  queued: number;
}

/**
 * One External pass (`external -0`) over the MS Mail postoffices in a drive range: first deliver
 * what waits in their outbound queues to destinations in the range, then move P1 into the outbound
 * queues. One hop per pass, so a manual cycle needs two passes after each step.
 *
 * Mail for an Exchange connector postoffice that reaches a postoffice only indirectly (an
 * Indirect connection on the connector's Connections tab) is routed the way MS Mail routes to an
 * indirect postoffice: External hands it to the "via" postoffice's outbound queue, where that
 * postoffice's PC MTA picks it up. The model keeps that route once, on the connection, rather than
 * in a separate routing table on the MS Mail side.
 */
export function externalPass(db: Db, range?: string): TransportResult {
  return recordRun(db, 'External', () => (range ? `drives ${range.toUpperCase()}` : 'all postoffices'), () => {
    const pos = resolveRange(db, range);
    const byName = new Map(pos.map((p) => [poKey(p), p.id]));
    const inRange = new Set(pos.map((p) => p.id));
    const viaFor = stmt(
      db,
      `select c.via_po_id as via from connector_connection c join exchange_server s on s.id = c.server_id
       join postoffice cp on cp.id = s.connector_po_id
       where c.kind = 'Indirect' and c.po_id = ? and cp.network || '/' || cp.name = ?`,
    );
    let delivered = 0;
    let queued = 0;
    for (const po of pos) {
      const waiting = stmt(db, "select id, dest, subject from message where holder_po_id = ? and place = 'OUTBOUND' order by id").all(
        po.id,
      ) as { id: number; dest: string; subject: string }[];
      for (const m of waiting) {
        const destId = byName.get(m.dest);
        if (destId === undefined) {
          // For a connector postoffice this one reaches through a via postoffice: one hop to the via's queue.
          const via = (viaFor.get(po.id, m.dest) as { via: number } | undefined)?.via;
          if (via !== undefined && inRange.has(via)) {
            stmt(db, 'update message set holder_po_id = ? where id = ?').run(via, m.id);
            noteMessage(db, 'moved', m);
            delivered++;
          }
          continue; // otherwise no connection: stays queued
        }
        stmt(db, "update message set holder_po_id = ?, place = 'MAILBAG', arrival = ? where id = ?").run(
          destId,
          nextCounter(db, 'arrival'),
          m.id,
        );
        noteMessage(db, 'moved', m);
        delivered++;
      }
    }
    for (const po of pos) {
      queued += stmt(db, "update message set place = 'OUTBOUND' where holder_po_id = ? and place = 'P1'").run(po.id).changes;
    }
    return { delivered, queued };
  }, (r) => ({ idle: r.delivered + r.queued === 0, moved: r.delivered + r.queued, summary: `${r.delivered} delivered, ${r.queued} queued` }));
}
