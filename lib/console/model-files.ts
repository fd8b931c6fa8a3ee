import type { Db } from '@/db/client';
import type { CliFiles } from '@/lib/cli/files-access';
import { resolveDosPath } from '@/lib/dirsync/dos-path';
import { notFound, usage } from '@/lib/core/errors';
import { placeFile } from '@/lib/dirsync/place-file';
import { checkMovable } from '@/lib/dirsync/places';
import { readStoredFile } from '@/lib/dirsync/stored-files';

/**
 * The files a postoffice's command prompt reaches: only those of its own GLB directory in the
 * model (stored files, place `NET/PO`), named `NAMES.TXT` or `M:\GLB\NAMES.TXT`. Absolute paths,
 * `..`, slashes and other postoffices' drives are refused before anything is looked up, and no
 * name ever reaches the host's file system: this module has no way to it.
 */
export function modelFiles(db: Db, here: string, drive: string | null): CliFiles {
  const ownFile = (text: string, option: string): string => {
    const where = `the GLB directory of ${here}${drive ? ` (${drive}:\\GLB)` : ''}`;
    let target;
    try {
      target = resolveDosPath(db, text, here);
    } catch (e) {
      throw usage(`${option} must name a file in ${where}, e.g. ${option}NAMES.TXT: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (target.place !== here) throw usage(`${option} must name a file in ${where}: "${text}" is in ${target.place}, and this prompt reaches only its own postoffice's files`);
    if (!target.name) throw usage(`${option} must name a file in ${where}, not the directory`);
    return checkMovable(target.name);
  };
  return {
    read(text, option, limit, what) {
      const name = ownFile(text, option);
      const bytes = readStoredFile(db, here, name);
      if (!bytes) throw notFound(`there is no ${name} in the GLB directory of ${here}: upload it in the postoffice's Files view first`);
      if (bytes.length > limit) throw usage(`${what} ${name} is ${bytes.length} bytes; the limit is ${limit}`);
      return bytes;
    },
    write(text, data, option) {
      const name = ownFile(text, option);
      placeFile(db, here, name, data);
      return `${drive ? `${drive}:\\GLB\\` : `${here} `}${name}`;
    },
  };
}
