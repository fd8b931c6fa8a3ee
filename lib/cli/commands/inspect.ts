import { DirsyncError, usage } from '@/lib/core/errors';
import { checkAdmin, resolvePo } from '@/lib/dirsync/postoffices';
import { formatRequestorConfiguration, formatServerConfiguration, requestorConfiguration, resetRequestor, serverConfiguration } from '@/lib/dirsync/listds';
import { formatQueue, queueEntries, QUEUE_FILES, type QueueFile } from '@/lib/dirsync/listq';
import { formatProcessTime, importProcessTimes, processTimes } from '@/lib/dirsync/process-times';
import { parseArgs, requiredPo, shortValue, adminPassword } from '../args';
import { show, type Command } from '../context';
import { latin1, latin1Bytes } from '../files-access';

/** A PROCESS-times file is a few dozen short lines; anything bigger is not one. */
const MAX_SCHEDULE_BYTES = 64 * 1024;

/** `listds admin -p<pw> -d<PO> -s|-r [-z]`. */
export const listds: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'dp', flags: 'srzv' });
  const po = resolvePo(ctx.db(), requiredPo(a));
  checkAdmin(po, adminPassword(a));
  if (a.short.has('s') === a.short.has('r')) throw usage('listds needs exactly one of -s (SRVCONF.GLB) or -r (REQCONF.GLB)');
  if (a.short.has('s')) {
    if (a.short.has('z')) throw usage('-z resets a requestor record: use it with -r');
    const c = serverConfiguration(ctx.db(), po);
    show(ctx, a, c, () => formatServerConfiguration(c));
  } else {
    const c = a.short.has('z') ? resetRequestor(ctx.db(), po) : requestorConfiguration(ctx.db(), po);
    show(ctx, a, c, () => formatRequestorConfiguration(c));
  }
  return 0;
};

/** `listq admin -p<pw> -d<PO> -f<reqtrans|srvtrans|msttrans|resync> [-t] [-c]`. */
export const listq: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'dpf', flags: 'tc' });
  const po = resolvePo(ctx.db(), requiredPo(a));
  checkAdmin(po, adminPassword(a));
  const file = (shortValue(a, 'f') ?? '').toLowerCase().replace(/\.glb$/, '') as QueueFile;
  if (!QUEUE_FILES.includes(file)) throw usage(`listq needs -f with one of ${QUEUE_FILES.join(', ')}`);
  const entries = queueEntries(ctx.db(), po, file);
  show(ctx, a, entries, () => formatQueue(entries, { dates: a.short.has('t'), checkCrc: a.short.has('c') }));
  // -c: a failed check is what the utility found wrong, so exit 1 with its one line on stderr.
  const bad = a.short.has('c') ? entries.filter((e) => !e.crcOk).length : 0;
  if (!bad) return 0;
  ctx.io.err(`Fatal [40] Possible database corruption detected: ${bad} ${bad === 1 ? 'entry' : 'entries'} of ${file.toUpperCase()}.GLB failed the CRC check`);
  return 1;
};

/** `dssched admin -p<pw> -d<PO> [-x<file>] [-i<file>]`: list, export or import PROCESS times. */
export const dssched: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'dpxi', flags: 'v' });
  const po = resolvePo(ctx.db(), requiredPo(a));
  checkAdmin(po, adminPassword(a));
  const input = shortValue(a, 'i');
  if (input) {
    const text = latin1(ctx.files.read(input, '-i', MAX_SCHEDULE_BYTES, 'the schedule file'));
    try {
      importProcessTimes(ctx.db(), requiredPo(a), text);
    } catch (e) {
      // Every bad line with its number on stdout; the one summary line goes to stderr.
      if (e instanceof DirsyncError && e.details.length) {
        ctx.io.out(a.long.has('json') ? JSON.stringify({ error: e.message, lines: e.details }, null, 2) : e.details.join('\n'));
      }
      throw e;
    }
  }
  const times = processTimes(ctx.db(), po.id);
  const text = times.map(formatProcessTime).join('\n');
  const output = shortValue(a, 'x');
  if (output) ctx.files.write(output, latin1Bytes(text + '\n'), '-x');
  show(ctx, a, { runWindowSeconds: 28800, times: times.map(formatProcessTime) }, () =>
    [`Run window is 8 hours (28800 seconds)`, ...(times.length ? times.map(formatProcessTime) : ['No process times set'])].join('\n'),
  );
  return 0;
};
