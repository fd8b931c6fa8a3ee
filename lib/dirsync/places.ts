import type { Db } from '@/db/client';
import { notFound, usage } from '@/lib/core/errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { stmt } from '@/lib/core/statements';

/** RESYNC.GLB: the one GLB file the model keeps as bytes and that moves between places. */
export const RESYNC_GLB = 'RESYNC.GLB';

/** A DOS 8.3 file name (what MS Mail's utilities could open). */
const DOS_NAME = /^[A-Z0-9_$~!#%&@^'(){}-]{1,8}(\.[A-Z0-9_$~!#%&@^'(){}-]{1,3})?$/;

/**
 * Extensions of a postoffice's own files (its GLB tables, GAL, keys, mailbags): the utilities keep
 * them, and this model keeps them as tables, so nobody copies, deletes or uploads them by hand.
 */
const OWN_EXTENSIONS = ['GLB', 'NME', 'KEY', 'MBG', 'MAI', 'USR', 'INF', 'IDX'];

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

/** The Exchange server of a `SERVER:Dxadata` place; undefined for a postoffice's GLB directory. */
export const serverOfPlace = (place: string): string | undefined => /^(.+):Dxadata$/.exec(place)?.[1];

/** A plain DOS file name, upper case: no drive, no directory, 8.3. */
export function checkFileName(name: string): string {
  const upper = name.trim().toUpperCase();
  if (!DOS_NAME.test(upper)) {
    throw usage(`"${name.slice(0, 40)}" is not a DOS file name: use up to 8 letters or digits, a dot and up to 3 more (e.g. NAMES.TXT), with no drive or directory`);
  }
  return upper;
}

/**
 * A file a person may copy, delete, upload or name at the prompt: RESYNC.GLB, or a file of their
 * own (an import list, a schedule). The postoffice's own files are refused.
 */
export function checkMovable(name: string): string {
  const upper = checkFileName(name);
  const ext = upper.split('.')[1] ?? '';
  if (upper !== RESYNC_GLB && OWN_EXTENSIONS.includes(ext)) {
    throw usage(`${upper} is one of the postoffice's own files, kept by the MS Mail utilities: only ${RESYNC_GLB} and files you place there (e.g. NAMES.TXT) can be copied, deleted or uploaded`);
  }
  return upper;
}
