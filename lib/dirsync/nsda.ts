import type { Db } from '@/db/client';
import { importSrvtrans } from './import-srvtrans';
import { rebuildGal } from './rebuild-gal';
import type { StepResult } from './reqconf';
import { reqmainReceive } from './reqmain-receive';
import { reqmainTransmit } from './reqmain-transmit';
import { srvmainReceive } from './srvmain-receive';
import { srvmainTransmit } from './srvmain-transmit';

export type NsdaProcess = 'RT' | 'S' | 'RR';

/**
 * NSDA, as Dispatch spawns it: `-RT` is T1, `-S` is T2 (receive then transmit, DSS only), `-RR` is
 * T3 (receive, import -q -y, rebuild -f). Each utility is its own transaction; a fatal one stops
 * the chain, as a failed sub-process stops NSDA.
 */
export function nsda(db: Db, poSpec: string, process: NsdaProcess): StepResult {
  const chain: ((db: Db, po: string) => StepResult)[] =
    process === 'RT' ? [reqmainTransmit] : process === 'S' ? [srvmainReceive, srvmainTransmit] : [reqmainReceive, importSrvtrans, rebuildGal];
  const lines: string[] = [];
  const summary: string[] = [];
  for (const run of chain) {
    const result = run(db, poSpec);
    lines.push(...result.lines);
    summary.push(...(result.summary ?? []));
    if (result.fatal) return { lines, summary, fatal: result.fatal };
  }
  return { lines, summary };
}
