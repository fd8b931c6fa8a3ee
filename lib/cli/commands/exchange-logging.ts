import { usage } from '@/lib/core/errors';
import { levelName, loggingLevels } from '@/lib/exchange/services/logging-levels';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { parseArgs } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

const SYNTAX = 'dirsync exchange logging <SERVER> [<service> <category|*> none|minimum|medium|maximum]';

/**
 * `exchange logging <SERVER> <service> <category|*> <level>`: a Diagnostics Logging tab.
 * `exchange logging <SERVER> [<service>]` lists the levels.
 */
export const logging: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [server, service, category, level, extra] = a.words;
  if (!server) throw usage(`exchange logging needs a server: ${SYNTAX}`);
  if (extra !== undefined) throw usage(`exchange logging takes at most four words ("${extra}" is one too many; quote a category with spaces): ${SYNTAX}`);
  const db = ctx.db();
  if (category === undefined) {
    const r = loggingLevels(db, server, service);
    show(ctx, a, r, () => {
      const w = Math.max(...r.rows.map((x) => x.service.length));
      const c = Math.max(...r.rows.map((x) => x.category.length));
      const lines = r.rows.map(
        (x) => `${x.service.padEnd(w)}  ${x.category.padEnd(c)}  ${x.levelName.padEnd(7)}${x.restartPending ? `  (in force: ${x.effectiveName} until the service restarts)` : ''}`.trimEnd(),
      );
      return [`Diagnostics logging on ${r.server} (Exchange ${r.version})`, ...lines].join('\n');
    });
    return 0;
  }
  if (level === undefined) throw usage(`exchange logging needs a level after the category: ${SYNTAX}`);
  const r = setLoggingLevel(db, server, service, category, level);
  show(ctx, a, r, () => {
    const lines = r.rows.map((x) => `${r.server} ${x.service} ${x.category}: ${x.levelName}${x.changed ? ` (was ${levelName(x.previousLevel)})` : ' (unchanged)'}`);
    if (r.restartNeeded && r.restartServices.length) {
      const what = r.restartServices.map((s) => `dirsync service restart ${r.server} "${s}"`).join(', ');
      lines.push(`Exchange ${r.version}: the service logs at its old level until it restarts (${what})`);
    } else if (r.restartNeeded) {
      lines.push(`Exchange ${r.version}: in force when a Connector (PC) MTA service starts (this server has none yet)`);
    } else if (r.version === '2000') lines.push('Exchange 2000: in force at once');
    return lines.join('\n');
  });
  return 0;
};
