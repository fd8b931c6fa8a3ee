'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { deleteMailbox } from '@/lib/dirsync/delete-mailbox';
import { deletePostoffice } from '@/lib/dirsync/delete-postoffice';
import { denied } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { deleteExchangeServer } from '@/lib/exchange/servers/delete-exchange-server';
import { deleteDirsyncRequestor } from '@/lib/exchange/dxa/delete-dirsync-requestor';
import { deleteDirsyncServer } from '@/lib/exchange/dxa/delete-dirsync-server';
import { deleteRecipient } from '@/lib/exchange/recipients/delete-recipient';
import { findRemoteLink } from '@/lib/exchange/dxa/dirsync-links';
import { resolveRecipient } from '@/lib/exchange/recipients/recipients';
import { deleteRemoteRequestor } from '@/lib/exchange/dxa/delete-remote-requestor';
import { resolveServer } from '@/lib/exchange/servers/servers';

const server = z.string().min(1);

/**
 * Edit ▸ Delete (the Del key) on the object selected in a contents list, after the confirmation.
 * One engine verb per kind of object; the MS Mail Connector goes with its server (an MS Mail
 * postoffice and an Exchange server are deleted here too, as `dirsync po delete` and
 * `dirsync exchange delete` do).
 */
export const deleteObjectAction = defineAction({
  name: 'Edit: Delete',
  noRevision: 'deletes the object selected, after the confirmation: it writes no values over anyone\'s',
  schema: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('recipient'), server, alias: z.string().min(1) }),
    z.object({ kind: z.literal('remote-requestor'), server, postoffice: z.string().min(1) }),
    z.object({ kind: z.literal('dirsync-server'), server }),
    z.object({ kind: z.literal('dirsync-requestor'), server }),
    z.object({ kind: z.literal('postoffice'), postoffice: z.string().min(1) }),
    z.object({ kind: z.literal('exchange-server'), server }),
    z.object({ kind: z.literal('mailbox'), postoffice: z.string().min(1), mailbox: z.string().min(1) }),
  ]),
  run: ({ db, input, audit }) => {
    if (input.kind === 'postoffice') {
      const po = resolvePo(db, input.postoffice);
      deletePostoffice(db, poKey(po));
      audit(`postoffice ${poKey(po)}`, { drive: po.drive, fileServer: po.fileServer }, null);
      return { deleted: poKey(po) };
    }
    if (input.kind === 'mailbox') {
      deleteMailbox(db, input.postoffice, input.mailbox);
      audit(`${input.postoffice.toUpperCase()} mailbox ${input.mailbox.toUpperCase()}`, { mailbox: input.mailbox.toUpperCase() }, null);
      return { deleted: input.mailbox.toUpperCase() };
    }
    if (input.kind === 'exchange-server') {
      const r = deleteExchangeServer(db, input.server);
      audit(`Exchange server ${r.name}`, { site: r.site }, null);
      return { deleted: r.name };
    }
    const s = resolveServer(db, input.server);
    if (input.kind === 'recipient') {
      const r = resolveRecipient(db, s, input.alias);
      // The hidden NET/PO/$SYSTEM recipient addresses a dirsync partner: it goes with its dirsync object.
      if (r.alias.endsWith('.$SYSTEM')) throw denied(`${r.displayName} belongs to a dirsync object: delete that object instead`);
      const before = { alias: r.alias, displayName: r.displayName, kind: r.kind };
      deleteRecipient(db, s.name, r.alias);
      audit(`recipient ${r.alias} (${s.site})`, before, null);
      return { deleted: r.displayName };
    }
    if (input.kind === 'dirsync-server' || input.kind === 'dirsync-requestor') {
      const { name } = input.kind === 'dirsync-server' ? deleteDirsyncServer(db, s.name) : deleteDirsyncRequestor(db, s.name);
      audit(`${input.kind === 'dirsync-server' ? 'Dirsync Server' : 'Dirsync Requestor'} on ${s.name}`, { name }, null);
      return { deleted: name };
    }
    const link = findRemoteLink(db, s, input.postoffice);
    const before = link && { name: link.name, po: link.po };
    deleteRemoteRequestor(db, s.name, input.postoffice);
    audit(`Remote Dirsync Requestor ${link?.po ?? input.postoffice} on ${s.name}`, before, null);
    return { deleted: link?.name ?? input.postoffice };
  },
});
