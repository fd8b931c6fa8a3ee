import { usage } from '@/lib/core/errors';
import { previewCycle, previewNetworkCycle } from '@/lib/manual/preview-cycle';
import { previewText } from '@/lib/manual/preview-text';
import { longValue, parseArgs, shortValue } from '../args';
import { show, type Command } from '../context';

export const PREVIEW_SYNTAX = 'dirsync preview -d<PO | NET/PO | Exchange server> [--json] | dirsync preview --dss <DSS> [--json]';

/**
 * `preview -d<PO>`: what the requestor's next cycle would do — the update its T1 would send, the
 * DSS's reply, and the names its GAL would gain, change and lose after T3 — computed by running
 * the cycle of its DSS's whole network and rolling it back: nothing changes. `--dss <DSS>`: every
 * requestor of that DSS.
 */
export const preview: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', longValued: ['dss'] });
  if (a.words.length) throw usage(`preview takes no words ("${a.words[0]}"): ${PREVIEW_SYNTAX}`, { code: 'cli.usage' });
  const po = shortValue(a, 'd');
  const dss = longValue(a, 'dss');
  if (!po === !dss) throw usage(`name one requestor with -d, or a dirsync server with --dss: ${PREVIEW_SYNTAX}`, { code: 'cli.usage' });
  if (po) {
    const p = previewCycle(ctx.db(), po);
    show(ctx, a, p, () => previewText(p));
  } else {
    const all = previewNetworkCycle(ctx.db(), dss!);
    show(ctx, a, all, () => all.map(previewText).join('\n\n'));
  }
  return 0;
};
