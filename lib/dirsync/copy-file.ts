import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/core/errors';
import { checkMovable } from './places';
import { step } from '@/lib/core/statements';
import { readStoredFile, writeStoredFile } from './stored-files';

/**
 * Copy a file from one place to another (DOS `copy`, the Files view's Copy to…, `dirsync file
 * copy`): RESYNC.GLB or a file of the user's; a file of that name at the target is replaced.
 */
export function copyFile(db: Db, from: string, to: string, fileName: string, toName = fileName): { name: string; size: number } {
  const name = checkMovable(fileName);
  const target = checkMovable(toName);
  if (from === to && name === target) throw conflict(`${name} cannot be copied onto itself: choose another place`);
  return step(db, () => {
    const bytes = readStoredFile(db, from, name);
    if (!bytes) throw notFound(`there is no ${name} in ${from}: "dirsync file list ${from}" shows what is there`);
    writeStoredFile(db, to, target, bytes);
    return { name: target, size: bytes.length };
  });
}
