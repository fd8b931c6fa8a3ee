import { usage } from '@/lib/dirsync/errors';
import { addConnection, connections, removeConnection, type ConnectionDto } from '@/lib/exchange/add-connection';
import { addPcMta, pcMtas, removePcMta, setPcMta, type PcMtaDto, type PcMtaOptions } from '@/lib/exchange/save-pc-mta';
import { longValue, parseArgs, type Args } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

/**
 * The MS Mail Connector's Connections and Connector MTAs tabs:
 * `exchange connection add|remove <SERVER> <NET/PO> [--unc <path>] [--connect-as <account>]`,
 * `exchange connection list <SERVER>`,
 * `exchange mta add|set <SERVER> "<service name>" [--poll <min>] [--config-poll <min>] [--services <NET/PO,...>]
 *   [--log-sent | --no-log-sent] [--log-received | --no-log-received]`,
 * `exchange mta remove <SERVER> "<service name>"`, `exchange mta list <SERVER>`.
 */

const CONNECTION_SYNTAX = 'dirsync exchange connection add|remove <SERVER> <NET/PO> [--unc <path>] | connection list <SERVER>';
const MTA_SYNTAX =
  'dirsync exchange mta add|set <SERVER> "<service name>" [--poll <min>] [--config-poll <min>] [--services <NET/PO,...>] [--log-sent|--no-log-sent] [--log-received|--no-log-received] | mta remove <SERVER> "<service name>" | mta list <SERVER>';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function connectionLine(c: ConnectionDto): string {
  const by = c.servicedBy.length ? c.servicedBy.map((s) => `"${s}"`).join(', ') : '(no PC MTA)';
  return `${c.postoffice.padEnd(21)}  ${c.uncPath.padEnd(28)}  ${by}${c.queued ? `  ${plural(c.queued, 'message')} queued` : ''}`;
}

export const connection: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['unc', 'connect-as'] });
  const [verb, server, po, extra] = a.words;
  const v = verb?.toLowerCase();
  if (v === 'list') {
    if (!server || po !== undefined) throw usage(`exchange connection list takes a server: ${CONNECTION_SYNTAX}`);
    const rows = connections(ctx.db(), server);
    show(ctx, a, rows, () =>
      rows.length ? ['Postoffice             Postoffice Path               Serviced by', ...rows.map(connectionLine)].join('\n') : `${server.toUpperCase()}'s MS Mail Connector has no connections`,
    );
    return 0;
  }
  if (v !== 'add' && v !== 'remove') throw usage(`exchange connection needs add, remove or list: ${CONNECTION_SYNTAX}`);
  if (!server || !po) throw usage(`exchange connection ${v} needs <SERVER> <NET/PO>: ${CONNECTION_SYNTAX}`);
  if (extra !== undefined) throw usage(`exchange connection ${v} takes <SERVER> <NET/PO> only ("${extra}" is one word too many)`);
  if (v === 'add') {
    const r = addConnection(ctx.db(), server, po, { uncPath: longValue(a, 'unc'), connectAs: longValue(a, 'connect-as') });
    show(ctx, a, r, () => `Connection to ${r.postoffice} added on ${r.server}: ${r.uncPath}; address space ${r.addressSpace.type}:${r.addressSpace.address} cost ${r.addressSpace.cost}`);
    return 0;
  }
  if (a.long.has('unc') || a.long.has('connect-as')) throw usage('exchange connection remove takes no --unc or --connect-as');
  const r = removeConnection(ctx.db(), server, po);
  show(ctx, a, r, () =>
    `Connection to ${r.postoffice} removed from ${r.server}; address space MS:${r.postoffice} removed${r.queued ? `; ${plural(r.queued, 'message')} stay queued for it` : ''}`,
  );
  return 0;
};

/** One instance, as the Connector MTAs list shows it. */
export function mtaLine(m: PcMtaDto): string {
  const mail = `check for mail every ${m.pollMinutes} min${m.restartNeeded ? ` (running with ${m.runningPollMinutes} until restarted)` : ''}`;
  const logging = `log sent ${m.logSent ? 'on' : 'off'}, received ${m.logReceived ? 'on' : 'off'}`;
  const services = m.services.length ? m.services.join(', ') : '(no postoffices)';
  return `"${m.serviceName}"  ${m.state}  ${mail}, update configuration every ${m.configMinutes} min, ${logging}; services ${services}`;
}

/** A pair of --x / --no-x flags: undefined when neither is given. */
function flag(a: Args, name: string): boolean | undefined {
  const on = a.long.has(name);
  const off = a.long.has(`no-${name}`);
  if (on && off) throw usage(`give --${name} or --no-${name}, not both`);
  return on ? true : off ? false : undefined;
}

export const mta: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {
    longValued: ['poll', 'config-poll', 'services'],
    longFlags: ['log-sent', 'no-log-sent', 'log-received', 'no-log-received'],
  });
  const [verb, server, name, extra] = a.words;
  const v = verb?.toLowerCase();
  if (v === 'list') {
    if (!server || name !== undefined) throw usage(`exchange mta list takes a server: ${MTA_SYNTAX}`);
    const rows = pcMtas(ctx.db(), server);
    show(ctx, a, rows, () => (rows.length ? rows.map(mtaLine).join('\n') : `${server.toUpperCase()}'s MS Mail Connector has no Connector (PC) MTA`));
    return 0;
  }
  if (v !== 'add' && v !== 'set' && v !== 'remove') throw usage(`exchange mta needs add, set, remove or list: ${MTA_SYNTAX}`);
  if (!server || name === undefined) throw usage(`exchange mta ${v} needs <SERVER> "<service name>": ${MTA_SYNTAX}`);
  if (extra !== undefined) throw usage(`exchange mta ${v} takes <SERVER> "<service name>" ("${extra}" is one word too many: quote a name with spaces)`);
  if (v === 'remove') {
    const given = ['poll', 'config-poll', 'services', 'log-sent', 'no-log-sent', 'log-received', 'no-log-received'].filter((o) => a.long.has(o));
    if (given.length) throw usage(`exchange mta remove takes no --${given[0]}`);
    const r = removePcMta(ctx.db(), server, name);
    show(ctx, a, r, () => `Connector (PC) MTA "${r.serviceName}" and its service removed from ${r.server}`);
    return 0;
  }
  const services = longValue(a, 'services');
  const opts: PcMtaOptions = {
    pollMinutes: longValue(a, 'poll'),
    configMinutes: longValue(a, 'config-poll'),
    logSent: flag(a, 'log-sent'),
    logReceived: flag(a, 'log-received'),
    services: services === undefined ? undefined : services.split(',').map((s) => s.trim()).filter(Boolean),
  };
  if (v === 'add') {
    const r = addPcMta(ctx.db(), server, name, opts);
    show(ctx, a, r, () =>
      [
        `Connector (PC) MTA "${r.serviceName}" created on ${r.server}; its service is Stopped: start it with dirsync service start ${r.server} "${r.serviceName}"`,
        mtaLine(r),
      ].join('\n'),
    );
    return 0;
  }
  if (Object.values(opts).every((x) => x === undefined)) {
    throw usage(`exchange mta set needs something to change (the service name cannot be changed): ${MTA_SYNTAX}`);
  }
  const r = setPcMta(ctx.db(), server, name, opts);
  show(ctx, a, r, () => {
    const lines = [`Connector (PC) MTA "${r.serviceName}" on ${r.server} saved`, mtaLine(r)];
    if (r.restartNeeded) {
      lines.push(
        `The running service still checks for mail every ${r.runningPollMinutes} min: restart it (dirsync service restart ${r.server} "${r.serviceName}") for ${r.pollMinutes} to apply`,
      );
    }
    return lines.join('\n');
  });
  return 0;
};
