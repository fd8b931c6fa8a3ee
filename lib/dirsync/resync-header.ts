import type { Db } from '@/db/client';
import { srvRequestors, type SrvRequestorRow } from './dss';
import { poKey } from './names';
import type { PoRow } from './postoffices';

/** The three numbers of a RESYNC.GLB header (docs/engine.md, "The documents the code follows"). */
export interface ResyncMaxima {
  impSeq: number;
  reqSeq: number;
  srvSeq: number;
}

/**
 * Which SRVCONF records the maxima are taken over. An MS Mail DSS (`import -s`): every record,
 * SRVSEQ its own record's SrvSync. An Exchange DSS (MSExchangeDX start with ResyncConnectionRDNs):
 * the Remote Dirsync Requestors named (`NET/PO`), or every requestor when GlobalMaxSeqInResync is
 * honoured (KB Q215505); its own record never counts.
 */
export type ResyncScope = { kind: 'msmail' } | { kind: 'exchange'; named: string[]; globalMax: boolean };

/**
 * The header both the real extracts and the resync prediction use, so the two cannot drift.
 * `records` are the DSS's SRVCONF records, its own first (srvRequestors).
 */
export function resyncMaxima(records: SrvRequestorRow[], dssKey: string, scope: ResyncScope): ResyncMaxima {
  const max = (rows: SrvRequestorRow[], pick: (r: SrvRequestorRow) => number) => rows.reduce((m, r) => Math.max(m, pick(r)), 0);
  if (scope.kind === 'msmail') {
    return {
      impSeq: max(records, (r) => r.impSync),
      reqSeq: max(records, (r) => r.reqSync),
      srvSeq: records.find((r) => r.requestor === dssKey)?.srvSync ?? 0,
    };
  }
  const over = records.filter((r) => r.requestor !== dssKey && (scope.globalMax || scope.named.includes(r.requestor)));
  return { impSeq: max(over, (r) => r.impSync), reqSeq: max(over, (r) => r.reqSync), srvSeq: max(over, (r) => r.srvSync) };
}

/** The maxima a DSS would write now. */
export function resyncHeaderOf(db: Db, dss: PoRow, scope: ResyncScope): ResyncMaxima {
  return resyncMaxima(srvRequestors(db, dss), poKey(dss), scope);
}
