import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { checkMovable } from './places';
import { step } from '@/lib/core/statements';
import { deleteStoredFile } from './stored-files';

/** Delete a file of a place (DOS `del`, the Files view's Delete, `dirsync file delete`). */
export function deleteFile(db: Db, place: string, fileName: string): string {
  const name = checkMovable(fileName);
  return step(db, () => {
    if (!deleteStoredFile(db, place, name)) throw notFound(`there is no ${name} in ${place}: "dirsync file list ${place}" shows what is there`);
    return name;
  });
}
