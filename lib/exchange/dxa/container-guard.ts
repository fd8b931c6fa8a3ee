import type { Db } from '@/db/client';
import { deleteGuardOf, GUARD_HELD, holdText, recordHold, stillHeldText, underGuard, type HeldSource } from '@/lib/dirsync/delete-guard';
import { stmt } from '@/lib/core/statements';
import { dxEvent } from '../events/dx-events';
import type { ContainerImport } from './import-to-container';
import type { ServerRow } from '../servers/servers';

/**
 * The delete guard on an Exchange requestor (docs/engine.md, "Delete guard"): its "GAL" is the
 * imported custom recipients of its Import Container, and the limits are its connector
 * postoffice's. A held apply logs event 9040 and changes nothing.
 */
export function guardContainerApply<T>(
  db: Db,
  server: ServerRow,
  source: HeldSource,
  guard: boolean,
  fn: () => { result: T; ctx: ContainerImport },
): { result: T } | { fatal: { number: number; text: string } } {
  const poId = server.connectorPoId;
  const held = deleteGuardOf(db, poId).hold;
  if (guard && held) {
    const text = stillHeldText(held);
    dxEvent(db, server, 'deleteGuardHeld', `Error ${GUARD_HELD}: ${text}.`);
    return { fatal: { number: GUARD_HELD, text } };
  }
  const run = underGuard(db, poId, guard, fn, ({ ctx }) => {
    if (!ctx.gone.size) return { removed: 0, gal: 0 };
    const after = (stmt(db, 'select count(*) as n from recipient where container_id = ? and imported_list is not null').get(ctx.containerId) as { n: number }).n;
    return { removed: ctx.gone.size, gal: after + ctx.counts.deleted - ctx.counts.created };
  });
  if ('result' in run) return { result: run.result.result };
  recordHold(db, poId, source, run.hold);
  const text = holdText(source, run.hold, source === 'RESYNC.GLB' ? `${server.name}:Dxadata` : `${server.name}'s connector postoffice`).replace(
    'names in the GAL',
    'recipients in the Import Container',
  );
  dxEvent(db, server, 'deleteGuardHeld', `Error ${GUARD_HELD}: ${text}.`);
  return { fatal: { number: GUARD_HELD, text } };
}
