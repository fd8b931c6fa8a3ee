import { usage } from '@/lib/core/errors';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { srvmainReceive } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { nsda } from '@/lib/dirsync/nsda';
import { externalPass } from '@/lib/dirsync/external-pass';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { parseArgs, requiredPo, shortValue } from '../args';
import { report, show, type Command } from '../context';

/** `reqmain -t|-r -d<PO>`: T1 transmit or T3 receive. */
export const reqmain: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', flags: 'tr' });
  const po = requiredPo(a);
  if (a.short.has('t') === a.short.has('r')) throw usage('reqmain needs exactly one of -t (transmit, T1) or -r (receive, T3)');
  return report(ctx, a, a.short.has('t') ? reqmainTransmit(ctx.db(), po) : reqmainReceive(ctx.db(), po));
};

/** `srvmain -r|-t -d<DSS>`: T2 receive or transmit. */
export const srvmain: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', flags: 'tr' });
  const po = requiredPo(a);
  if (a.short.has('t') === a.short.has('r')) throw usage('srvmain needs exactly one of -r (receive) or -t (transmit)');
  return report(ctx, a, a.short.has('r') ? srvmainReceive(ctx.db(), po) : srvmainTransmit(ctx.db(), po));
};

/** `nsda -rt|-s|-rr -d<PO>`: T1, T2 or T3 as Dispatch runs them. */
export const nsdaCommand: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', words: ['-rt', '-rr', '-s'] });
  const po = requiredPo(a);
  const chosen = (['rt', 's', 'rr'] as const).filter((p) => a.short.has(p));
  if (chosen.length !== 1) throw usage('nsda needs exactly one of -rt (T1), -s (T2) or -rr (T3)');
  return report(ctx, a, nsda(ctx.db(), po, chosen[0].toUpperCase() as 'RT' | 'S' | 'RR'));
};

/** `external -0 -d<range>`: one External pass. */
export const external: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', words: ['-0'] });
  if (!a.short.has('0')) throw usage('external needs -0 (one pass) in this model: "dirsync external -0 -dMP"');
  const r = externalPass(ctx.db(), shortValue(a, 'd'));
  show(ctx, a, r, () => `${r.delivered} delivered, ${r.queued} queued`);
  return 0;
};

/** `rebuild -f -d<PO>`. */
export const rebuild: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', flags: 'f' });
  const po = requiredPo(a);
  if (!a.short.has('f')) throw usage('rebuild needs -f (run without asking) in this model');
  return report(ctx, a, rebuildGal(ctx.db(), po));
};
