import type { Db } from '@/db/client';
import { notFound, usage } from './errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { stmt } from './statements';

/** Files this model keeps in a place; everything else in a GLB directory is a table. */
export const MOVABLE_FILES = ['RESYNC.GLB'];

/**
 * A place that holds files: `NET/PO` (or a drive letter) is a postoffice's GLB directory,
 * `SERVER:Dxadata` an Exchange server's Dxadata folder. Returns its canonical name.
 */
export function resolvePlace(db: Db, text: string): string {
  const dxa = /^([A-Za-z0-9-]{1,15}):dxadata$/i.exec(text.trim());
  if (dxa) {
    const server = dxa[1].toUpperCase();
    if (!stmt(db, 'select 1 from exchange_server where name = ?').get(server)) throw notFound(`there is no Exchange server ${server}: create it with "dirsync exchange create"`);
    return `${server}:Dxadata`;
  }
  return poKey(resolvePo(db, text));
}

export function checkMovable(name: string): string {
  const upper = name.toUpperCase();
  if (!MOVABLE_FILES.includes(upper)) throw usage(`only ${MOVABLE_FILES.join(', ')} can be moved between places, not ${name}`);
  return upper;
}
