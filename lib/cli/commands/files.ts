import { notFound, usage } from '@/lib/core/errors';
import { checkMovable, resolvePlace } from '@/lib/dirsync/places';
import { listStoredFiles, readStoredFile } from '@/lib/dirsync/stored-files';
import { copyFile } from '@/lib/dirsync/copy-file';
import { deleteFile } from '@/lib/dirsync/delete-file';
import { placeFile } from '@/lib/dirsync/place-file';
import { ctime } from '@/lib/core/clock';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { formatLogLine, type LogLineRow } from '@/lib/dirsync/log';
import { stmt } from '@/lib/core/statements';
import { parseArgs, requiredPo } from '../args';
import { show, type Command } from '../context';

const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** `file copy|delete|list|export|import`: carry RESYNC.GLB between places and the real file system. */
export const file: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [verb, ...w] = a.words;
  const db = ctx.db();
  const done = (data: unknown, text: string) => {
    show(ctx, a, data, () => text);
    return 0;
  };
  const need = (n: number, form: string) => {
    if (w.length !== n) throw usage(`file ${verb} takes ${form}`);
  };
  switch (verb) {
    case 'list': {
      need(1, '<place>: NET/PO or SERVER:Dxadata');
      const place = resolvePlace(db, w[0]);
      const files = listStoredFiles(db, place);
      return done(files, files.length ? files.map((f) => `${f.name.padEnd(12)} ${String(f.size).padStart(10)}  ${ctime(f.createdAt)}`).join('\n') : `No files in ${place}`);
    }
    case 'copy': {
      need(3, '<from> <to> RESYNC.GLB');
      const name = checkMovable(w[2]);
      const [from, to] = [resolvePlace(db, w[0]), resolvePlace(db, w[1])];
      copyFile(db, from, to, name);
      return done({ copied: name, from, to }, `${name} copied from ${from} to ${to}`);
    }
    case 'delete': {
      need(2, '<place> RESYNC.GLB');
      const name = checkMovable(w[1]);
      const at = resolvePlace(db, w[0]);
      deleteFile(db, at, name);
      return done({ deleted: name, at }, `${name} deleted from ${at}`);
    }
    case 'export': {
      need(3, '<place> RESYNC.GLB <path>');
      const name = checkMovable(w[1]);
      const at = resolvePlace(db, w[0]);
      const bytes = readStoredFile(db, at, name);
      if (!bytes) throw notFound(`there is no ${name} in ${at}: "dirsync file list ${at}" shows what is there`);
      ctx.files.write(w[2], bytes, 'the export path');
      return done({ exported: w[2], bytes: bytes.length }, `${name} written to ${w[2]} (${bytes.length} bytes)`);
    }
    case 'import': {
      need(3, '<path> <place> RESYNC.GLB');
      const name = checkMovable(w[2]);
      const at = resolvePlace(db, w[1]);
      const bytes = ctx.files.read(w[0], 'the path of the file to import', MAX_FILE_BYTES, 'the file');
      // The command line places the bytes unchanged (a damaged RESYNC.GLB too): the utilities judge them.
      const { size } = placeFile(db, at, name, bytes, { limit: MAX_FILE_BYTES, checked: false });
      return done({ imported: w[0], bytes: size, at }, `${w[0]} placed in ${at} as ${name} (${size} bytes)`);
    }
    default:
      if (verb === undefined) throw usage('file needs a command: copy, delete, list, export or import');
      throw usage(`unknown file command "${verb}": use copy, delete, list, export or import`);
  }
};

/** `log -d<PO> [dirsync|dispatch|central]`. */
export const log: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd' });
  const which = (a.words[0] ?? 'dirsync').toUpperCase();
  if (!['DIRSYNC', 'DISPATCH', 'CENTRAL'].includes(which)) throw usage(`unknown log "${a.words[0]}": use dirsync, dispatch or central`);
  const po = resolvePo(ctx.db(), requiredPo(a));
  const lines = stmt(ctx.db(), 'select at, severity, number, text from log_line where po_id = ? and file = ? order by id').all(po.id, which) as LogLineRow[];
  show(ctx, a, lines, () => (lines.length ? lines.map(formatLogLine).join('\n') : `${which}.LOG is empty`));
  return 0;
};
