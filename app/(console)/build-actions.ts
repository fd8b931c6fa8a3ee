'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { required } from '@/lib/actions/form-fields';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { poKey } from '@/lib/dirsync/names';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { connectorPo } from '@/lib/exchange/servers/servers';
import { routes } from '@/lib/console/routes';

/**
 * Building the network from the console (docs/console.md, "Building the network"): File ▸ New
 * Other ▸ MS Mail Postoffice and ▸ Exchange Server. Each calls the verb `dirsync po create` and
 * `dirsync exchange create` call, so the rules are the same; deleting is Edit ▸ Delete
 * (app/(console)/delete-actions.ts).
 */

const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** File ▸ New Other ▸ MS Mail Postoffice (the MS Mail Administrator's new postoffice). */
export const createPostofficeAction = defineAction({
  name: 'New MS Mail Postoffice',
  noRevision: 'creates a new postoffice',
  schema: z.object({
    network: required('Network'),
    postoffice: required('Postoffice'),
    drive: optional,
    password: required('Administrator password'),
    fileServer: optional,
  }),
  fields: ['network', 'postoffice', 'drive', 'password'],
  run: ({ db, input, audit }) => {
    const row = createPostoffice(db, { name: `${input.network}/${input.postoffice}`, drive: input.drive, password: input.password, fileServer: input.fileServer });
    const name = poKey(row);
    audit(`postoffice ${name}`, null, { drive: row.drive, fileServer: row.fileServer });
    return { name, drive: row.drive, href: routes.postoffice(name) };
  },
});

/** File ▸ New Other ▸ Exchange Server: the server, its site if new, the MS Mail Connector and its connector postoffice. */
export const createExchangeServerAction = defineAction({
  name: 'New Exchange Server',
  noRevision: 'creates a new Exchange server',
  schema: z.object({
    organization: required('Organization'),
    site: required('Site'),
    server: required('Server name'),
    version: required('Version'),
    network: optional,
    postoffice: optional,
  }),
  fields: ['network', 'postoffice', 'server', 'version', 'organization'],
  run: ({ db, input, audit }) => {
    const row = createExchangeServer(db, input);
    const po = poKey(connectorPo(db, row));
    audit(`Exchange server ${row.name}`, null, { organization: row.organization, site: row.site, version: row.version, connectorPostoffice: po });
    return { name: row.name, postoffice: po, href: routes.connector(row.name, 'connections') };
  },
});
