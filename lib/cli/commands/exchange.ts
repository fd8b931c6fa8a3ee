import { usage } from '@/lib/core/errors';
import { createExchangeServer, parseVersion } from '@/lib/exchange/servers/create-exchange-server';
import { deleteExchangeServer } from '@/lib/exchange/servers/delete-exchange-server';
import { setExchangeVersion } from '@/lib/exchange/servers/set-exchange-version';
import { connectorPo } from '@/lib/exchange/servers/servers';
import { poKey } from '@/lib/dirsync/names';
import { parseArgs } from '../args';
import { dss, remoteRequestor, requestor } from './exchange-dirsync';
import { container, recipient } from './exchange-recipients';
import { directorySync } from './exchange-directory-sync';
import { show, type Command, type CommandContext } from '../context';
import { logging } from './exchange-logging';
import { connection, mta } from './exchange-connector';

/** One `exchange <sub>` command: gets the tokens after the subcommand name. */
export type ExchangeSub = (ctx: CommandContext) => number;

const create: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['version', 'network', 'postoffice'] });
  const [organization, site, server] = a.words;
  if (!server) throw usage('exchange create needs <ORG> <SITE> <SERVER>: dirsync exchange create POLYNOMIAL HQ EXCH01 --version 5.5sp3');
  const row = createExchangeServer(ctx.db(), {
    organization,
    site,
    server,
    version: a.long.get('version') as string | undefined,
    network: a.long.get('network') as string | undefined,
    postoffice: a.long.get('postoffice') as string | undefined,
  });
  const po = poKey(connectorPo(ctx.db(), row));
  show(ctx, a, row, () => `Exchange server ${row.name} (${row.version}) created in site ${row.site} of ${row.organization}; MS Mail Connector postoffice ${po}`);
  return 0;
};

/** `exchange delete <SERVER>`: the server with its connector postoffice (refused while dirsync knows it). */
const remove: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [server, extra] = a.words;
  if (!server || extra !== undefined) throw usage('exchange delete takes one server: dirsync exchange delete EXCH01');
  const r = deleteExchangeServer(ctx.db(), server);
  show(ctx, a, r, () => `Exchange server ${r.name} deleted with its MS Mail Connector postoffice${r.siteRemoved ? `; site ${r.site} had no other server and was removed` : ''}`);
  return 0;
};

const version: ExchangeSub = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [server, v] = a.words;
  if (!v) throw usage('exchange version needs <SERVER> <version>: dirsync exchange version EXCH01 5.5sp3');
  const row = setExchangeVersion(ctx.db(), server, parseVersion(v));
  show(ctx, a, row, () => `${row.name} is now Exchange ${row.version}`);
  return 0;
};

/** Subcommands of `dirsync exchange`; each lives with the part of the Administrator it stands for. */
const subs: Record<string, ExchangeSub> = {
  create,
  delete: remove,
  version,
  dss,
  'remote-requestor': remoteRequestor,
  requestor,
  recipient,
  container,
  logging,
  'directory-sync': directorySync,
  ds: directorySync,
  connection,
  mta,
};

/** `exchange …`: the Exchange Administrator's objects. */
export const exchange: Command = (ctx) => {
  const [name, ...rest] = ctx.tokens;
  const sub = name ? subs[name.toLowerCase()] : undefined;
  if (!sub) throw usage(`exchange needs one of: ${Object.keys(subs).join(', ')} (see docs/cli.md)`);
  return sub({ ...ctx, tokens: rest });
};
