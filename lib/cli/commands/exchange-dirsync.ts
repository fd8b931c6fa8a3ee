import { usage } from '@/lib/core/errors';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { srvRequestors } from '@/lib/dirsync/dss';
import { poKey } from '@/lib/dirsync/names';
import { dirsyncServerOf } from '@/lib/exchange/dxa/dirsync-server';
import { saveDirsyncServer } from '@/lib/exchange/dxa/save-dirsync-server';
import { deleteDirsyncRequestor } from '@/lib/exchange/dxa/delete-dirsync-requestor';
import { deleteDirsyncServer } from '@/lib/exchange/dxa/delete-dirsync-server';
import { exportContainerNames, links, requestorLink, type LinkRow } from '@/lib/exchange/dxa/dirsync-links';
import { addRemoteRequestor } from '@/lib/exchange/dxa/add-remote-requestor';
import { deleteRemoteRequestor } from '@/lib/exchange/dxa/delete-remote-requestor';
import { setRemoteRequestor } from '@/lib/exchange/dxa/set-remote-requestor';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { describeSchedule } from '@/lib/exchange/dxa/schedule-grid';
import { connectorPo, resolveServer } from '@/lib/exchange/servers/servers';
import type { Db } from '@/db/client';
import { longValue, parseArgs, type Args } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

const linkOptions = { longValued: ['name', 'password', 'import-container', 'export-containers', 'trust', 'import-trust', 'language'], longFlags: ['export-next', 'export-custom', 'no-export-custom', 'append-name', 'no-append-name'] };

function number(a: Args, name: string): number | undefined {
  const v = longValue(a, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw usage(`--${name} takes a whole number; got "${v}"`);
  return Number(v);
}

const flag = (a: Args, on: string, off: string) => (a.long.has(on) ? true : a.long.has(off) ? false : undefined);

function linkFields(a: Args) {
  return {
    name: longValue(a, 'name'),
    password: longValue(a, 'password'),
    importContainer: longValue(a, 'import-container'),
    exportContainers: longValue(a, 'export-containers')?.split(',').map((s) => s.trim()).filter(Boolean),
    exportTrust: number(a, 'trust'),
    importTrust: number(a, 'import-trust'),
    language: longValue(a, 'language'),
    exportCustom: flag(a, 'export-custom', 'no-export-custom'),
    appendName: flag(a, 'append-name', 'no-append-name'),
  };
}

function describeLink(db: Db, l: LinkRow) {
  return {
    name: l.name,
    postoffice: l.po,
    dirsyncAddress: l.dirsyncAddress,
    importContainer: l.importContainer,
    importTrust: l.importTrust,
    exportContainers: exportContainerNames(db, l.id),
    trust: l.exportTrust,
    exportCustom: !!l.exportCustom,
    schedule: describeSchedule({ style: l.scheduleStyle, grid: l.schedule }),
  };
}

/** `exchange dss <SERVER> [--schedule always|never|<hours>] [--name <n>] | --delete`: the Dirsync Server object. */
export const dss: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['schedule', 'name', 'administrator'], longFlags: ['copy-admin', 'no-copy-admin', 'forward-admin', 'no-forward-admin', 'delete'] });
  const [server] = a.words;
  if (!server) throw usage('exchange dss needs a server: dirsync exchange dss EXCH01 --schedule always');
  if (deleting(a, 'exchange dss')) {
    const { name } = deleteDirsyncServer(ctx.db(), server);
    show(ctx, a, { deleted: name }, () => `Dirsync Server "${name}" deleted from ${server.toUpperCase()}`);
    return 0;
  }
  const { created } = saveDirsyncServer(ctx.db(), server, {
    schedule: longValue(a, 'schedule'),
    name: longValue(a, 'name'),
    administrator: longValue(a, 'administrator'),
    copyAdministrator: flag(a, 'copy-admin', 'no-copy-admin'),
    forwardToAdministrator: flag(a, 'forward-admin', 'no-forward-admin'),
  });
  const row = dirsyncServerOf(ctx.db(), server)!;
  const data = { name: row.name, schedule: describeSchedule(row), created };
  show(ctx, a, data, () => `Dirsync Server "${data.name}" ${created ? 'created' : 'changed'} on ${server.toUpperCase()}; T2 schedule: ${data.schedule}`);
  return 0;
};

/** `--delete` (Edit ▸ Delete) stands alone: with other options it would be unclear what was meant. */
function deleting(a: Args, command: string): boolean {
  if (!a.long.has('delete')) return false;
  const others = [...a.long.keys()].filter((k) => !['delete', 'json', 'db'].includes(k));
  if (others.length || a.words.length > 1) throw usage(`${command} --delete takes only the server: drop ${others.map((o) => `--${o}`).concat(a.words.slice(1)).join(', ')}`);
  return true;
}

/** `exchange remote-requestor add|set|delete|list <SERVER> [<NET/PO>] …`: Remote Dirsync Requestor objects. */
export const remoteRequestor: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { ...linkOptions, longFlags: [...linkOptions.longFlags, 'send-templates', 'no-send-templates', 'receive-templates', 'no-receive-templates'] });
  const [verb, server, which] = a.words;
  const db = ctx.db();
  if (verb === 'list') {
    if (!server) throw usage('remote-requestor list needs a server');
    const s = resolveServer(db, server);
    const records = new Map(srvRequestors(db, connectorPo(db, s)).map((r) => [r.requestor, r]));
    const rows = links(db, s, 'remote').map((l) => {
      const r = records.get(l.po);
      return { ...describeLink(db, l), reqSync: r?.reqSync ?? 0, srvSync: r?.srvSync ?? 0, impSync: r?.impSync ?? 0, exportNext: !!r?.exportNext };
    });
    show(ctx, a, rows, () =>
      rows.length === 0
        ? `${s.name} has no Remote Dirsync Requestors`
        : rows.map((r) => `${r.name}  ${r.postoffice}  import: ${r.importContainer} (trust ${r.importTrust})  export: ${r.exportContainers.join(', ') || '(none)'} (trust ${r.trust})  ReqSync=${r.reqSync} SrvSync=${r.srvSync} ImpSync=${r.impSync}`).join('\n'),
    );
    return 0;
  }
  if (!['add', 'set', 'delete'].includes(verb) || !server || !which) {
    throw usage('remote-requestor needs add|set|delete|list, a server and the requestor postoffice: dirsync exchange remote-requestor add EXCH01 POLY/NOV --password pw');
  }
  if (verb === 'delete') {
    deleteRemoteRequestor(db, server, which);
    show(ctx, a, { deleted: which }, () => `Remote Dirsync Requestor ${which} deleted`);
    return 0;
  }
  const input = {
    ...linkFields(a),
    exportNext: a.long.has('export-next') ? true : undefined,
    sendTemplates: flag(a, 'send-templates', 'no-send-templates'),
    receiveTemplates: flag(a, 'receive-templates', 'no-receive-templates'),
  };
  const link = verb === 'add' ? addRemoteRequestor(db, server, which, input) : setRemoteRequestor(db, server, which, input);
  const data = describeLink(db, link);
  show(ctx, a, data, () => `Remote Dirsync Requestor "${data.name}" (${data.postoffice}) ${verb === 'add' ? 'created' : 'changed'}; import container ${data.importContainer}, export containers ${data.exportContainers.join(', ') || '(none)'} at trust ${data.trust}`);
  return 0;
};

/** `exchange requestor <SERVER> [<DSS NET/PO>] … | --delete`: the Dirsync Requestor object (create, change or delete). */
export const requestor: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {
    longValued: [...linkOptions.longValued, 'schedule', 'types'],
    longFlags: [...linkOptions.longFlags, 'import-next', 'send', 'no-send', 'receive', 'no-receive', 'send-templates', 'no-send-templates', 'receive-templates', 'no-receive-templates', 'delete'],
  });
  const [server, dssName] = a.words;
  if (!server) throw usage('exchange requestor needs a server and, the first time, the dirsync server: dirsync exchange requestor EXCH01 POLY/MONT --password pw');
  const db = ctx.db();
  if (deleting(a, 'exchange requestor')) {
    const { name } = deleteDirsyncRequestor(db, server);
    show(ctx, a, { deleted: name }, () => `Dirsync Requestor "${name}" deleted from ${server.toUpperCase()}`);
    return 0;
  }
  const link = saveDirsyncRequestor(db, server, dssName, {
    ...linkFields(a),
    schedule: longValue(a, 'schedule'),
    addressTypes: longValue(a, 'types')?.split(','),
    importNext: a.long.has('import-next') ? true : undefined,
    exportNext: a.long.has('export-next') ? true : undefined,
    sendUpdates: flag(a, 'send', 'no-send'),
    receiveUpdates: flag(a, 'receive', 'no-receive'),
    sendTemplates: flag(a, 'send-templates', 'no-send-templates'),
    receiveTemplates: flag(a, 'receive-templates', 'no-receive-templates'),
  });
  const s = resolveServer(db, server);
  const po = connectorPo(db, s);
  const rc = reqconfOf(db, po.id);
  const data = {
    ...describeLink(db, requestorLink(db, s) ?? link),
    requestorPostoffice: poKey(po),
    reqSync: rc.reqSync,
    srvSync: rc.srvSync,
    impSync: rc.impSync,
    sendUpdates: !!rc.sendUpdates,
    receiveUpdates: !!rc.receiveUpdates,
    importNext: !!rc.importNext,
    exportNext: !!link.exportNext,
  };
  show(ctx, a, data, () => `Dirsync Requestor "${data.name}" of ${data.postoffice} on ${s.name} (postoffice ${data.requestorPostoffice}); T1 schedule: ${data.schedule}; ReqSync=${data.reqSync} SrvSync=${data.srvSync} ImpSync=${data.impSync}`);
  return 0;
};
