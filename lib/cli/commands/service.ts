import { usage } from '@/lib/core/errors';
import { controlService, SERVICE_ACTIONS, type ServiceAction } from '@/lib/exchange/services/control-service';
import { services } from '@/lib/exchange/services/services';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { parseArgs } from '../args';
import { show, type Command } from '../context';

/** `service start|stop|pause|continue|restart <SERVER> <service>` and `service list <SERVER>`: Control Panel ▸ Services. */
export const service: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [verb, serverName, ...rest] = a.words;
  const db = ctx.db();
  if (verb === 'list') {
    if (!serverName) throw usage('service list needs a server: dirsync service list EXCH01');
    const rows = services(db, resolveServer(db, serverName)).map((s) => ({ name: s.name, displayName: s.displayName, state: s.state }));
    show(ctx, a, rows, () => ['Service                                        State', ...rows.map((r) => `${r.displayName.padEnd(46)} ${r.state}`)].join('\n'));
    return 0;
  }
  const name = rest.join(' ');
  if (!SERVICE_ACTIONS.includes(verb as ServiceAction) || !serverName || !name) {
    throw usage(`service needs ${SERVICE_ACTIONS.join('|')}|list, a server and a service: dirsync service pause EXCH01 MSExchangeDX`);
  }
  const result = controlService(db, serverName, name, verb as ServiceAction);
  show(ctx, a, result, () => result.lines.join('\n'));
  return result.cycle?.fatal ? 1 : 0;
};
