import { usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { addContainer } from '@/lib/exchange/recipients/add-container';
import { listContainers } from '@/lib/exchange/recipients/containers';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { deleteRecipient } from '@/lib/exchange/recipients/delete-recipient';
import { modifyRecipient } from '@/lib/exchange/recipients/modify-recipient';
import { recipientAttributes } from '@/lib/exchange/dxa/directory-sync-object';
import { msAddress, recipientColumns, resolveContainer, type RecipientRow } from '@/lib/exchange/recipients/recipients';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { longValue, parseArgs } from '../args';
import { show } from '../context';
import type { ExchangeSub } from './exchange';

const attributeText = (attrs: Record<string, string>) => Object.entries(attrs).map(([k, v]) => `  ${k}=${v}`).join('');

const KINDS = { mailbox: 'Mailbox', custom: 'Custom Recipient', dl: 'Distribution List' } as const;

/**
 * `--attr Name=value`, any number of times (parseArgs keeps one value per option): the General
 * tab's attributes (Title, Department, …); `--attr Department=` clears one.
 */
function takeAttributes(all: string[]): { attributes: Record<string, string> | undefined; tokens: string[] } {
  const tokens: string[] = [];
  let attributes: Record<string, string> | undefined;
  for (let k = 0; k < all.length; k++) {
    const t = all[k];
    if (t !== '--attr' && !t.startsWith('--attr=')) {
      tokens.push(t);
      continue;
    }
    const pair = t === '--attr' ? all[++k] : t.slice('--attr='.length);
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq < 1) throw usage(`--attr takes Name=value, e.g. --attr Department=Sales; got "${pair ?? ''}"`);
    (attributes ??= {})[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return { attributes, tokens };
}

/** `exchange recipient add|modify|delete|list <SERVER> <container> <alias> ["Display Name"] [--trust n] [--hidden] [--custom <TYPE:VALUE>] [--dl] [--attr Name=value …]`. */
export const recipient: ExchangeSub = (ctx) => {
  const { attributes, tokens } = takeAttributes(ctx.tokens);
  const a = parseArgs(tokens, { longValued: ['trust', 'custom', 'container', 'display-name'], longFlags: ['hidden', 'visible', 'dl'] });
  const [verb, server, container, alias, displayName] = a.words;
  const db = ctx.db();
  const trustText = longValue(a, 'trust');
  if (trustText !== undefined && !/^\d+$/.test(trustText)) throw usage(`--trust takes a whole number from 0 to 100; got "${trustText}"`);
  const trust = trustText === undefined ? undefined : Number(trustText);
  const hidden = a.long.has('hidden') ? true : a.long.has('visible') ? false : undefined;
  switch (verb) {
    case 'list': {
      if (!server) throw usage('recipient list needs a server: dirsync exchange recipient list EXCH01 [container]');
      const s = resolveServer(db, server);
      const rows = (
        container
          ? stmt(db, `select ${recipientColumns} where r.container_id = ? order by r.display_name collate nocase, r.alias`).all(resolveContainer(db, s, container).id)
          : stmt(db, `select ${recipientColumns} where r.site_id = ? order by c.name, r.display_name collate nocase, r.alias`).all(s.siteId)
      ) as RecipientRow[];
      const data = rows.map((r) => ({
        container: r.container,
        alias: r.alias,
        displayName: r.displayName,
        type: KINDS[r.kind],
        trust: r.trust,
        hidden: !!r.hidden,
        address: r.msMailbox ? msAddress(db, s, r.msMailbox).replace(/^ms:/, 'MS:') : r.targetAddress,
        attributes: recipientAttributes(db, r.id),
      }));
      show(ctx, a, data, () => data.map((r) => `${r.container}  ${r.alias}  ${r.displayName}  ${r.type}  ${r.trust}  ${r.address}${r.hidden ? '  (hidden)' : ''}${attributeText(r.attributes)}`).join('\n'));
      return 0;
    }
    case 'add':
      if (!alias || !displayName) throw usage('recipient add needs <SERVER> <container> <alias> "Display Name": dirsync exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
      addRecipient(db, server, { container, alias, displayName, trust, hidden, kind: a.long.has('custom') ? 'custom' : a.long.has('dl') ? 'dl' : 'mailbox', targetAddress: longValue(a, 'custom'), attributes });
      show(ctx, a, { added: alias }, () => `Recipient ${alias} added to ${container}`);
      return 0;
    case 'modify':
      if (!alias) throw usage('recipient modify needs <SERVER> <container> <alias>');
      modifyRecipient(db, server, alias, { displayName, trust, hidden, container: longValue(a, 'container'), attributes });
      show(ctx, a, { modified: alias }, () => `Recipient ${alias} changed`);
      return 0;
    case 'delete':
      if (!alias) throw usage('recipient delete needs <SERVER> <container> <alias>');
      deleteRecipient(db, server, alias);
      show(ctx, a, { deleted: alias }, () => `Recipient ${alias} deleted`);
      return 0;
    default:
      throw usage('recipient needs add|modify|delete|list: dirsync exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  }
};

/** `exchange container add|list <SERVER> [<name>]`: recipients containers of the server's site. */
export const container: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [verb, server, ...name] = a.words;
  if (!server || (verb !== 'add' && verb !== 'list') || (verb === 'add' && !name.length)) {
    throw usage('container needs add|list and a server: dirsync exchange container add EXCH01 "MS Mail Users"');
  }
  if (verb === 'add') {
    const c = addContainer(ctx.db(), server, name.join(' '));
    show(ctx, a, c, () => `Recipients container "${c.name}" created`);
    return 0;
  }
  const rows = listContainers(ctx.db(), server);
  show(ctx, a, rows, () => rows.map((r) => `${r.name}  ${r.recipients} recipients`).join('\n'));
  return 0;
};
