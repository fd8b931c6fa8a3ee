import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { masterListTxns } from '@/lib/dirsync/master-lists';
import { poKey } from '@/lib/dirsync/names';
import { encodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { resyncHeaderOf } from '@/lib/dirsync/resync-header';
import { writeStoredFile } from '@/lib/dirsync/stored-files';
import { findRemoteLink } from './dirsync-links';
import { dxEvent } from '../events/dx-events';
import { connectorPo, type ServerRow } from '../servers/servers';

/**
 * `ResyncConnectionRDNs` read at MSExchangeDX start on a dirsync server (KB Q150976): write
 * `Dxadata\Resync.glb` with the master lists and the largest ReqSync, ImpSync and SrvSync over the
 * Remote Dirsync Requestors it names — or over every requestor when `GlobalMaxSeqInResync` = 1 is
 * honoured (5.5 SP3 and later, KB Q215505). Returns the lines to show.
 */
export function dxaResyncExtract(db: Db, server: ServerRow, names: string[], globalMax: boolean): string[] {
  const po = connectorPo(db, server);
  const { named, unknown } = resyncNames(db, server, names);
  for (const name of unknown) {
    dxEvent(db, server, 'resyncUnknownName', `ResyncConnectionRDNs names "${name}", which is not a Remote Dirsync Requestor of ${server.name}; it was ignored.`);
  }
  if (named.length === 0) return [`ResyncConnectionRDNs named no Remote Dirsync Requestor of ${server.name}: no Resync.glb written`];
  const stamp = now(db);
  const header = resyncHeaderOf(db, po, { kind: 'exchange', named, globalMax });
  const bytes = encodeResyncGlb({
    ...header,
    createdAt: stamp,
    dss: poKey(po),
    records: masterListTxns(db, po.id, null).map((text, k) => ({ stamp, sync: k + 1, text })),
  });
  writeStoredFile(db, `${server.name}:Dxadata`, 'RESYNC.GLB', bytes);
  const line = `Resync.glb written to ${server.name}:Dxadata for ${named.join(', ')}: IMPSEQ=${header.impSeq} REQSEQ=${header.reqSeq} SRVSEQ=${header.srvSeq} (${
    globalMax ? 'highest over every requestor' : 'highest over the requestors named'
  }), ${bytes.length} bytes`;
  dxEvent(db, server, 'resyncWritten', line);
  return [line];
}

/**
 * The ResyncConnectionRDNs strings as the DXA reads them: each a Remote Dirsync Requestor's display
 * name or postoffice (`named`, as `NET/PO`), or not one (`unknown`, ignored).
 */
export function resyncNames(db: Db, server: ServerRow, names: string[]): { named: string[]; unknown: string[] } {
  const named: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const link = findRemoteLink(db, server, name);
    if (link) named.push(link.po);
    else unknown.push(name);
  }
  return { named, unknown };
}
