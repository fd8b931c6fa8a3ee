import { usage } from '@/lib/core/errors';
import { directorySyncObject, restrictionMembers, templateMaps } from '@/lib/exchange/dxa/directory-sync-object';
import { saveDeliveryRestrictions } from '@/lib/exchange/dxa/save-delivery-restrictions';
import { saveTemplateMaps, type TemplateDirection } from '@/lib/exchange/dxa/save-template-maps';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { saveDirectorySyncGeneral } from '@/lib/exchange/dxa/save-directory-sync-general';
import { saveDirectorySyncAddress } from '@/lib/exchange/dxa/save-directory-sync-address';
import { getDirectorySynchronizationSheet } from '@/lib/queries/directory-synchronization-sheet';
import { longValue, parseArgs } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

const HINT =
  'directory-sync needs <SERVER> [restrictions|templates]: dirsync exchange directory-sync EXCH01 restrictions --reject list --reject-list "POLY.NOV.$SYSTEM"';

const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean));

function choice<T extends string>(option: string, text: string | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw usage(`--${option} takes ${allowed.map((a) => a.toLowerCase()).join(' or ')}; got "${text}"`);
  return found;
}

/**
 * `exchange directory-sync <SERVER> [general [--display-name <name>] | addresses [--ms <NET/PO/MBX>|--ms ""]
 * | restrictions [...] | templates incoming|outgoing [add|remove …]]` (alias `ds`): the Directory
 * Synchronization object's General, E-mail Addresses, Delivery Restrictions and Incoming /
 * Outgoing Templates tabs.
 */
export const directorySync: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['accept', 'reject', 'accept-list', 'reject-list', 'display-name', 'ms'] });
  const [serverName, what, ...rest] = a.words;
  if (!serverName) throw usage(HINT);
  const db = ctx.db();
  const server = resolveServer(db, serverName);
  const restrictions = () => {
    const o = directorySyncObject(db, server);
    const names = (l: 'accept' | 'reject') => restrictionMembers(db, server, l).map((m) => m.alias);
    return { acceptFrom: o.acceptFrom, rejectFrom: o.rejectFrom, accept: names('accept'), reject: names('reject'), revision: o.revision };
  };
  const restrictionsText = (r: ReturnType<typeof restrictions>) =>
    [
      `Accept messages from: ${r.acceptFrom}${r.accept.length ? `  (${r.accept.join(', ')})` : ''}`,
      `Reject messages from: ${r.rejectFrom}${r.reject.length ? `  (${r.reject.join(', ')})` : ''}`,
    ].join('\n');
  const mapsText = (d: TemplateDirection, maps: { prompt: string; attribute: string }[]) =>
    [`${d === 'incoming' ? 'Incoming' : 'Outgoing'} Templates on ${server.name}`, ...maps.map((m) => (d === 'incoming' ? `${m.prompt}  ->  ${m.attribute}` : `${m.attribute}  ->  ${m.prompt}`))].join('\n');

  if (what === undefined) {
    const data = { server: server.name, ...restrictions(), incoming: templateMaps(db, server, 'incoming'), outgoing: templateMaps(db, server, 'outgoing') };
    show(ctx, a, data, () => [restrictionsText(data), mapsText('incoming', data.incoming), mapsText('outgoing', data.outgoing)].join('\n'));
    return 0;
  }
  if (what === 'general' || what === 'addresses') {
    if (rest.length) throw usage(`${what} takes options only, not "${rest[0]}": general --display-name <name> | addresses --ms <NET/PO/MAILBOX>`);
    const name = longValue(a, 'display-name');
    const ms = longValue(a, 'ms');
    if (what === 'general' && name !== undefined) saveDirectorySyncGeneral(db, server.name, { displayName: name });
    if (what === 'addresses' && ms !== undefined) saveDirectorySyncAddress(db, server.name, { msAddress: ms });
    const sheet = getDirectorySynchronizationSheet(db, server.name);
    const data = what === 'general' ? { server: sheet.server, displayName: sheet.displayName } : { server: sheet.server, msAddress: sheet.msAddress, generated: sheet.msAddress === sheet.generatedAddress };
    show(ctx, a, data, () => (what === 'general' ? `Display name: ${sheet.displayName}` : `MS: ${sheet.msAddress}${sheet.msAddress === sheet.generatedAddress ? ' (generated)' : ''}`));
    return 0;
  }
  if (what === 'restrictions') {
    if (rest.length) throw usage(`restrictions takes options only, not "${rest[0]}": --accept all|list --reject none|list --accept-list a,b --reject-list a,b`);
    const acceptFrom = choice('accept', longValue(a, 'accept'), ['All', 'List'] as const);
    const rejectFrom = choice('reject', longValue(a, 'reject'), ['None', 'List'] as const);
    const accept = list(longValue(a, 'accept-list'));
    const reject = list(longValue(a, 'reject-list'));
    if (acceptFrom || rejectFrom || accept || reject) saveDeliveryRestrictions(db, server.name, { acceptFrom, rejectFrom, accept, reject });
    const r = restrictions();
    show(ctx, a, r, () => restrictionsText(r));
    return 0;
  }
  if (what === 'templates') {
    const [dirText, verb, first, second] = rest;
    const direction = choice('templates', dirText, ['incoming', 'outgoing'] as const);
    if (!direction) throw usage('templates needs incoming or outgoing: dirsync exchange directory-sync EXCH01 templates outgoing add "Department:" Department');
    let maps = templateMaps(db, server, direction).map((m) => ({ prompt: m.prompt, attribute: m.attribute }));
    if (verb === 'add') {
      if (!first || !second) throw usage(`templates ${direction} add needs "<Prompt:>" <Attribute>, e.g. add "Department:" Department`);
      maps = [...maps, { prompt: first, attribute: second }];
    } else if (verb === 'remove') {
      if (!first) throw usage(`templates ${direction} remove needs the prompt or the attribute, e.g. remove "Department:"`);
      const key = first.trim().toLowerCase();
      const left = maps.filter((m) => m.prompt.toLowerCase() !== key && m.attribute.toLowerCase() !== key);
      if (left.length === maps.length) throw usage(`"${first}" is not in the ${direction === 'incoming' ? 'Incoming' : 'Outgoing'} Templates`);
      maps = left;
    } else if (verb !== undefined) throw usage(`templates ${direction} takes add or remove; got "${verb}"`);
    if (verb !== undefined) saveTemplateMaps(db, server.name, direction, maps);
    const now = templateMaps(db, server, direction);
    show(ctx, a, now, () => mapsText(direction, now));
    return 0;
  }
  throw usage(HINT);
};
