import { ctime } from '@/lib/core/clock';
import { usage } from '@/lib/core/errors';
import { checkHealth, healthSummary } from '@/lib/health/check-health';
import type { Fix, RequestorHealth } from '@/lib/health/types';
import { parseArgs } from '../args';
import { show, type Command } from '../context';

const SEVERITY = { error: 'ERROR', warning: 'WARNING', info: 'INFO' } as const;

const fixText = (f: Fix) => ('href' in f ? `${f.label}: ${f.href}` : f.label);

const requestorLine = (r: RequestorHealth) => {
  const at = r.atRequestor;
  const dss = r.atDss ? `ReqSync ${r.atDss.reqSync}, SrvSync ${r.atDss.srvSync}, ImpSync ${r.atDss.impSync}, last cycle ${r.atDss.lastCycle} of ${r.dssCycle}` : 'no record';
  const when = (ms: number | null) => (ms === null ? 'never' : ctime(ms));
  return [
    `  ${r.server ? `${r.server} (${r.requestor})` : r.requestor} → ${r.dss}`,
    `    at the requestor: ReqSync ${at.reqSync}, SrvSync ${at.srvSync}, ImpSync ${at.impSync}, REQTRANS ${at.reqtransHigh}`,
    `    at the DSS:       ${dss}`,
    `    last sent ${when(r.lastSent)}; last received ${when(r.lastReceived)}`,
  ];
};

/**
 * `health [--json]`: every Health finding and the requestors' numbers. Exit status 1 when any
 * finding is an error, so a monitoring script can call it; 0 otherwise (warnings included).
 */
export const health: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  if (a.words.length) throw usage(`health takes no words ("${a.words[0]}"): dirsync health [--json]`, { code: 'cli.usage' });
  const report = checkHealth(ctx.db());
  show(ctx, a, report, () =>
    [
      `Health at ${ctime(report.at)}: ${healthSummary(report.counts)}`,
      ...report.findings.flatMap((f) => [
        '',
        `${SEVERITY[f.severity]}  ${f.object}: ${f.title}`,
        `  ${f.meaning}`,
        `  Source: ${f.source}`,
        ...f.fixes.map((x) => `  Fix: ${fixText(x)}`),
      ]),
      '',
      report.requestors.length ? 'Requestors:' : 'No registered requestors',
      ...report.requestors.flatMap(requestorLine),
    ].join('\n'),
  );
  return report.counts.error ? 1 : 0;
};
