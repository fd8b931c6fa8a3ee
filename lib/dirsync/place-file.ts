import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { checkMovable, RESYNC_GLB } from './places';
import { decodeResyncGlb } from './resync-glb';
import { step } from '@/lib/core/statements';
import { writeStoredFile } from './stored-files';

/** The console's Upload limit: far above any RESYNC.GLB or import list of a real network. */
export const MAX_UPLOAD_BYTES = 512 * 1024;

/**
 * Put a file from outside the model into a place (the Files view's Upload, `dirsync file
 * import`). Checked, RESYNC.GLB must decode (every length checked against the bytes present, no
 * count trusted: Fatal 14 names the damage) and any other file must be text (no NUL, no control
 * bytes but tab, CR, LF and Ctrl-Z). Nothing is stored when it is refused. `checked: false` is
 * the command line's `file import`: its user may place a damaged RESYNC.GLB on purpose, to see
 * what the utilities do with one (KB Q156124); the name rules and the size limit still hold.
 */
export function placeFile(db: Db, place: string, fileName: string, bytes: Uint8Array, opts: { limit?: number; checked?: boolean } = {}): { name: string; size: number } {
  const name = checkMovable(fileName);
  const limit = opts.limit ?? MAX_UPLOAD_BYTES;
  if (bytes.length > limit) throw usage(`${name} is ${bytes.length} bytes; the limit is ${limit}`);
  if (opts.checked === false) {
    // As the bytes came: the utilities that read the file judge it.
  } else if (name === RESYNC_GLB) decodeResyncGlb(bytes);
  else {
    const bad = bytes.findIndex((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 0x1a);
    if (bad >= 0) throw usage(`${name} is not a text file (byte ${bytes[bad].toString(16).padStart(2, '0').toUpperCase()} at offset ${bad}): only RESYNC.GLB may be binary`);
  }
  return step(db, () => {
    writeStoredFile(db, place, name, bytes);
    return { name, size: bytes.length };
  });
}
