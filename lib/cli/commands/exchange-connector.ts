import { usage } from '@/lib/core/errors';
import { addConnection, type ConnectionOptions } from '@/lib/exchange/connector/add-connection';
import { connections, type ConnectionDto } from '@/lib/exchange/connector/connections';
import { removeConnection } from '@/lib/exchange/connector/remove-connection';
import { modifyConnection } from '@/lib/exchange/connector/modify-connection';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { pcMtas, type PcMtaDto } from '@/lib/exchange/connector/pc-mtas';
import { removePcMta } from '@/lib/exchange/connector/remove-pc-mta';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { type PcMtaOptions } from '@/lib/exchange/connector/pc-mta-fields';
import { longValue, parseArgs, type Args } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

/**
 * The MS Mail Connector's Connections and Connector MTAs tabs:
 * `exchange connection add <SERVER> <NET/PO> [--kind lan|async|x25|indirect] [--unc <path>] [--connect-as <account>]
 *   [--phone <number>] [--x121 <digits>] [--attempts <1-99>] [--via <NET/PO>]` (the kind follows from
 *   --via, --phone or --x121 when --kind is not given), `exchange connection modify` with the same
 *   fields of the connection's own kind, `exchange connection remove <SERVER> <NET/PO>`,
 * `exchange connection list <SERVER>`,
 * `exchange mta add|set <SERVER> "<service name>" [--poll <min>] [--config-poll <min>] [--services <NET/PO,...>]
 *   [--log-sent | --no-log-sent] [--log-received | --no-log-received] [--type lan|async|x25] [--com-port COMn]`,
 * `exchange mta remove <SERVER> "<service name>"`, `exchange mta list <SERVER>`.
 */

const CONNECTION_SYNTAX =
  'dirsync exchange connection add|modify <SERVER> <NET/PO> [--kind lan|async|x25|indirect] [--unc <path>] [--connect-as <account>] [--phone <number>] [--x121 <digits>] [--attempts <1-99>] [--via <NET/PO>] | connection remove <SERVER> <NET/PO> | connection list <SERVER>';
const MTA_SYNTAX =
  'dirsync exchange mta add|set <SERVER> "<service name>" [--poll <min>] [--config-poll <min>] [--services <NET/PO,...>] [--log-sent|--no-log-sent] [--log-received|--no-log-received] [--type lan|async|x25] [--com-port COMn] | mta remove <SERVER> "<service name>" | mta list <SERVER>';

const CONNECTION_OPTIONS = ['kind', 'unc', 'connect-as', 'phone', 'x121', 'attempts', 'via'];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the connection reaches its postoffice: the path, the phone, the X.121 address or the via postoffice. */
function reach(c: ConnectionDto, long = false): string {
  const attempts = plural(c.connectionAttempts ?? 0, long ? 'connection attempt' : 'attempt');
  if (c.kind === 'Async') return `phone ${c.phoneNumber}, ${attempts}`;
  if (c.kind === 'X.25') return `${long ? 'X.121 address' : 'X.121'} ${c.x121Address}, ${attempts}`;
  if (c.kind === 'Indirect') return `via ${c.via}`;
  return c.uncPath;
}

function connectionLine(c: ConnectionDto): string {
  const by = c.servicedBy.length ? c.servicedBy.map((s) => `"${s}"`).join(', ') : '(no PC MTA)';
  return `${c.postoffice.padEnd(21)}  ${c.kind.padEnd(8)}  ${reach(c).padEnd(28)}  ${by}${c.queued ? `  ${plural(c.queued, 'message')} queued` : ''}`;
}

/** The connection fields given on the command line; the kind follows from them when --kind is absent. */
function connectionOptions(a: Args): ConnectionOptions {
  return {
    kind: longValue(a, 'kind'),
    uncPath: longValue(a, 'unc'),
    connectAs: longValue(a, 'connect-as'),
    phoneNumber: longValue(a, 'phone'),
    x121Address: longValue(a, 'x121'),
    connectionAttempts: longValue(a, 'attempts'),
    via: longValue(a, 'via'),
  };
}

const inferredKind = (o: ConnectionOptions) => o.kind ?? (o.via !== undefined ? 'Indirect' : o.phoneNumber !== undefined ? 'Async' : o.x121Address !== undefined ? 'X.25' : undefined);

export const connection: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: CONNECTION_OPTIONS });
  const [verb, server, po, extra] = a.words;
  const v = verb?.toLowerCase();
  if (v === 'list') {
    if (!server || po !== undefined) throw usage(`exchange connection list takes a server: ${CONNECTION_SYNTAX}`);
    const rows = connections(ctx.db(), server);
    show(ctx, a, rows, () =>
      rows.length ? ['Postoffice             Type      Connection                    Serviced by', ...rows.map(connectionLine)].join('\n') : `${server.toUpperCase()}'s MS Mail Connector has no connections`,
    );
    return 0;
  }
  if (v !== 'add' && v !== 'modify' && v !== 'remove') throw usage(`exchange connection needs add, modify, remove or list: ${CONNECTION_SYNTAX}`);
  if (!server || !po) throw usage(`exchange connection ${v} needs <SERVER> <NET/PO>: ${CONNECTION_SYNTAX}`);
  if (extra !== undefined) throw usage(`exchange connection ${v} takes <SERVER> <NET/PO> only ("${extra}" is one word too many)`);
  if (v === 'add') {
    const opts = connectionOptions(a);
    const r = addConnection(ctx.db(), server, po, { ...opts, kind: inferredKind(opts) });
    // The LAN form keeps its old wording; the other kinds say which they are.
    const what = r.kind === 'LAN' ? 'Connection' : `${r.kind} connection`;
    show(ctx, a, r, () => `${what} to ${r.postoffice} added on ${r.server}: ${reach(r, true)}; address space ${r.addressSpace.type}:${r.addressSpace.address} cost ${r.addressSpace.cost}`);
    return 0;
  }
  if (v === 'modify') {
    const given = CONNECTION_OPTIONS.filter((o) => a.long.has(o));
    if (!given.length) throw usage(`exchange connection modify needs something to change (the postoffice and its kind are fixed): ${CONNECTION_SYNTAX}`);
    const r = modifyConnection(ctx.db(), server, po, connectionOptions(a));
    show(ctx, a, r, () => `${r.kind} connection to ${r.postoffice} on ${r.server} modified: ${reach(r, true)}${r.kind === 'LAN' && r.connectAs ? `, connect as ${r.connectAs}` : ''}`);
    return 0;
  }
  const extraOption = CONNECTION_OPTIONS.find((o) => a.long.has(o));
  if (extraOption) throw usage(`exchange connection remove takes no --${extraOption}`);
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
  const type = m.connectionType === 'Async and LAN' ? `${m.connectionType} on ${m.comPort}` : m.connectionType;
  return `"${m.serviceName}"  ${m.state}  ${type}, ${mail}, update configuration every ${m.configMinutes} min, ${logging}; services ${services}`;
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
    longValued: ['poll', 'config-poll', 'services', 'type', 'com-port'],
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
    const given = ['poll', 'config-poll', 'services', 'type', 'com-port', 'log-sent', 'no-log-sent', 'log-received', 'no-log-received'].filter((o) => a.long.has(o));
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
    connectionType: longValue(a, 'type'),
    comPort: longValue(a, 'com-port'),
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
