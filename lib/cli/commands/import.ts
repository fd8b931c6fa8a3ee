import { DirsyncError, usage } from '@/lib/core/errors';
import { checkAdmin, resolvePo } from '@/lib/dirsync/postoffices';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { importText } from '@/lib/dirsync/import-text';
import { extractText } from '@/lib/dirsync/extract-text';
import { parseArgs, requiredPo, shortValue, adminPassword, type Args } from '../args';
import { report, show, type Command, type CommandContext } from '../context';
import { latin1, latin1Bytes } from '../files-access';

/** Import files are read whole; anything bigger than this is not an address list. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/**
 * `import admin -p<pw> -d<PO>` with `-q` (T3: RESYNC.GLB then SRVTRANS), `-s` (RESYNC.GLB extract on
 * the DSS) or `-f<file>` (text import; `-e` into REQTRANS; `-x` extract).
 */
export const importCommand: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'dpfg', optional: 'x', flags: 'qyseacr' });
  const poSpec = requiredPo(a);
  checkAdmin(resolvePo(ctx.db(), poSpec), adminPassword(a));
  const modes = ['q', 's', 'f'].filter((m) => a.short.has(m));
  // As the Administrator's Guide says: -s ignores -f and the rest; -q ignores -f.
  if (a.short.has('s')) return report(ctx, a, resyncExtract(ctx.db(), poSpec));
  if (a.short.has('q')) return report(ctx, a, importSrvtrans(ctx.db(), poSpec));
  if (!modes.length) throw usage('import needs -q (process SRVTRANS.GLB), -s (write RESYNC.GLB) or -f<file>');
  return a.short.has('x') && !a.short.has('e') ? extract(ctx, a, poSpec) : importFile(ctx, a, poSpec);
};

function importFile(ctx: CommandContext, a: Args, poSpec: string): number {
  const file = shortValue(a, 'f')!;
  const text = latin1(ctx.files.read(file, '-f', MAX_IMPORT_BYTES, 'the import file'));
  try {
    const r = importText(ctx.db(), poSpec, text, {
      toReqtrans: a.short.has('e'),
      gateway: shortValue(a, 'g'),
      postofficeLists: a.short.has('a'),
      autocreate: a.short.has('c'),
    });
    show(ctx, a, r, () => `${r.imported} transactions imported from ${file}${a.short.has('e') ? ' into REQTRANS.GLB' : ''}`);
    return 0;
  } catch (e) {
    if (e instanceof DirsyncError && e.details.length) {
      if (a.long.has('json')) ctx.io.out(JSON.stringify({ error: e.message, lines: e.details }, null, 2));
      else ctx.io.out(e.details.join('\n'));
    }
    throw e;
  }
}

function extract(ctx: CommandContext, a: Args, poSpec: string): number {
  const file = shortValue(a, 'f')!;
  const list = shortValue(a, 'x');
  const r = extractText(ctx.db(), poSpec, { list, gateway: shortValue(a, 'g') });
  const written = ctx.files.write(file, latin1Bytes(r.text), '-f');
  show(ctx, a, { file: written, addresses: r.count }, () => `${r.count} addresses extracted to ${written}`);
  return 0;
}
