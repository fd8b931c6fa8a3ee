import type { Db } from '@/db/client';
import { applyNumbers, validate } from '@/lib/dirsync/resync-apply';
import { deleteStoredFile, readStoredFile } from '@/lib/dirsync/stored-files';
import { requestorLink } from './dirsync-links';
import { dxEvent } from '../events/dx-events';
import { applyToContainer, containerImport } from './import-to-container';
import { connectorPo, type ServerRow } from '../servers/servers';

/**
 * A RESYNC.GLB in the Dxadata folder of an Exchange requestor, read at MSExchangeDX start
 * (KB Q156124): validated as MS Mail's import -q does, then the requestor's numbers are set and the
 * Import Container is repopulated; the file is removed. A bad file is Fatal error 14: the file is
 * left and nothing else changes.
 */
export function dxaResyncApply(db: Db, server: ServerRow): { lines: string[]; fatal?: { number: number; text: string } } {
  const place = `${server.name}:Dxadata`;
  const bytes = readStoredFile(db, place, 'RESYNC.GLB');
  const link = requestorLink(db, server);
  if (!bytes || !link) return { lines: [] };
  const po = connectorPo(db, server);
  const checked = validate(db, po, bytes);
  if (typeof checked === 'string') {
    const text = `Error processing RESYNC.GLB: ${checked}`;
    dxEvent(db, server, 'resyncFailed', `Fatal error 14: ${text}. The file was left in ${place}.`);
    return { lines: [], fatal: { number: 14, text } };
  }
  applyNumbers(db, po, checked);
  const ctx = containerImport(db, server, link.id);
  for (const txn of checked.txns) applyToContainer(db, ctx, txn);
  deleteStoredFile(db, place, 'RESYNC.GLB');
  const c = ctx.counts;
  const line = `Resync.glb applied: ReqSync = ${checked.reqSeq}, SrvSync = ${checked.srvSeq}, ImpSync = ${checked.impSeq}; Import Container ${link.importContainer}: ${c.created} created, ${c.changed} changed, ${c.deleted} deleted`;
  dxEvent(db, server, 'resyncApplied', line);
  return { lines: [line] };
}
