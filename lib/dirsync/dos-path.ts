import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { checkFileName, resolvePlace } from './places';

export interface DosTarget {
  /** The place: `NET/PO` (a GLB directory) or `SERVER:Dxadata`. */
  place: string;
  /** The file, upper case; undefined when the path names only the directory. */
  name?: string;
}

const hostPath = (text: string, why: string) =>
  usage(`"${text.slice(0, 60)}" ${why}: name a file of the model as the documents do (RESYNC.GLB, M:\\GLB\\RESYNC.GLB, N:\\GLB); the console does not reach the host's files`);

/**
 * A path typed at a postoffice's command prompt, mapped onto the model's drives, never onto the
 * host: `M:\GLB\RESYNC.GLB` and `N:\GLB` (a postoffice's drive letter and its GLB directory),
 * `EXCH01:Dxadata\RESYNC.GLB`, or a bare `NAMES.TXT` in the GLB directory of `here`. Slashes,
 * `..`, a leading backslash, other directories and unknown drives are refused.
 */
export function resolveDosPath(db: Db, text: string, here: string): DosTarget {
  const t = text.trim();
  if (!t) throw usage('name a file, e.g. RESYNC.GLB or M:\\GLB\\RESYNC.GLB');
  if (t.includes('..')) throw hostPath(t, 'climbs out of a directory (..)');
  if (t.includes('/')) throw hostPath(t, 'is not a DOS path (it has a slash)');
  if (t.startsWith('\\')) throw hostPath(t, 'starts at a root or a network share');
  const split = (rest: string, where: string, place: string): DosTarget => {
    const m = /^\\?(?:MAILDATA\\)?GLB(?:\\(.*))?$/i.exec(rest);
    if (!m) throw hostPath(t, `is not in the GLB directory of ${where} (write ${where}\\GLB)`);
    return { place, name: m[1] ? checkFileName(m[1]) : undefined };
  };
  const drive = /^([A-Za-z]):(.*)$/.exec(t);
  if (drive) {
    const po = resolvePo(db, drive[1]);
    return split(drive[2], `${drive[1].toUpperCase()}:`, poKey(po));
  }
  const dxa = /^([A-Za-z0-9-]{2,15}:dxadata)(?:\\(.*))?$/i.exec(t);
  if (dxa) return { place: resolvePlace(db, dxa[1]), name: dxa[2] ? checkFileName(dxa[2]) : undefined };
  if (t.includes(':') || t.includes('\\')) throw hostPath(t, 'is not a place of the model');
  return { place: here, name: checkFileName(t) };
}
