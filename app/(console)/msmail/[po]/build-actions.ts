'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, required } from '@/lib/actions/form-fields';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { srvconfOf } from '@/lib/dirsync/dss';
import { createServerRequestor, deleteServerRequestor } from '@/lib/dirsync/server-requestors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';

/**
 * The postoffice page's parts that build the network (docs/console.md, "Building the network"):
 * Config ▸ Dir-Sync ▸ Options (server yes/no), Server ▸ Requestors ▸ Create / Delete and
 * Mailbox ▸ Create — the verbs `dirsync ds server|requestor` and `dirsync user add` call.
 */

const po = z.string().min(1);

/** Config ▸ Dir-Sync ▸ Options: is this postoffice the Directory Synchronization server? */
export const dirsyncServerAction = defineAction({
  name: 'Dir-Sync: Options',
  noRevision: 'turns the dirsync server role on or off, after Yes: one act on the state as it is now',
  schema: z.object({ po, server: z.enum(['yes', 'no'], { message: 'Choose Yes or No' }) }),
  otherErrorsAt: 'server',
  run: ({ db, input, audit }) => {
    const row = resolvePo(db, input.po);
    const before = !!srvconfOf(db, row);
    setDirsyncServer(db, poKey(row), input.server === 'yes');
    audit(`${poKey(row)} Dir-Sync Options`, { server: before }, { server: input.server === 'yes' });
    return { server: input.server === 'yes' };
  },
});

/** Config ▸ Dir-Sync ▸ Server ▸ Requestors ▸ Create: register a requestor postoffice and its password. */
export const createRequestorAction = defineAction({
  name: 'Dir-Sync: Server Requestors: Create',
  noRevision: 'registers a new requestor on the dirsync server',
  schema: z.object({ po, requestor: required('Requestor postoffice'), password: z.string().default('') }),
  otherErrorsAt: 'requestor',
  run: ({ db, input, audit }) => {
    createServerRequestor(db, input.po, input.requestor, input.password);
    const name = input.requestor.trim().toUpperCase();
    audit(`${input.po.toUpperCase()} requestor ${name}`, null, { password: input.password ? 'set' : 'none' });
    return { requestor: name };
  },
});

/** Config ▸ Dir-Sync ▸ Server ▸ Requestors ▸ Delete. */
export const deleteRequestorAction = defineAction({
  name: 'Dir-Sync: Server Requestors: Delete',
  noRevision: 'removes the requestor selected, after Yes',
  schema: z.object({ po, requestor: required('Requestor postoffice') }),
  run: ({ db, input, audit }) => {
    deleteServerRequestor(db, input.po, input.requestor);
    const name = input.requestor.trim().toUpperCase();
    audit(`${input.po.toUpperCase()} requestor ${name}`, { requestor: name }, null);
    return { requestor: name };
  },
});

/** Mailbox ▸ Create: Name, Mailbox and whether it takes part in directory synchronization. */
export const createMailboxAction = defineAction({
  name: 'Mailbox: create',
  noRevision: 'creates a new mailbox',
  schema: z.object({ po, fullName: required('Name'), mailbox: required('Mailbox'), dirsync: checkbox }),
  fields: ['mailbox', 'fullName'],
  otherErrorsAt: 'fullName',
  run: ({ db, input, audit }) => {
    addMailbox(db, input.po, input.mailbox, input.fullName, input.dirsync);
    const mailbox = input.mailbox.trim().toUpperCase();
    audit(`${input.po.toUpperCase()} mailbox ${mailbox}`, null, { fullName: input.fullName, dirsync: input.dirsync });
    return { mailbox };
  },
});
