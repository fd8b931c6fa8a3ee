import { usage } from '@/lib/core/errors';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { deletePostoffice } from '@/lib/dirsync/delete-postoffice';
import { allPos, resolvePo } from '@/lib/dirsync/postoffices';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { modifyMailbox } from '@/lib/dirsync/modify-mailbox';
import { deleteMailbox } from '@/lib/dirsync/delete-mailbox';
import { poKey } from '@/lib/dirsync/names';
import { stmt } from '@/lib/core/statements';
import { srvconfOf } from '@/lib/dirsync/dss';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { parseArgs, longValue, requiredPo } from '../args';
import { show, type Command } from '../context';

/** `po create <NET/PO> [--drive L] [--password pw] | po delete <NET/PO|L> | po list`. */
export const po: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['drive', 'password', 'file-server'] });
  const [verb, name] = a.words;
  if (verb === 'create') {
    if (!name) throw usage('po create needs a name: dirsync po create NET/PO --password <pw>');
    const password = longValue(a, 'password') ?? process.env.DIRSYNC_PO_PASSWORD;
    if (!password) throw usage('give the new postoffice an admin password with --password (or DIRSYNC_PO_PASSWORD)');
    const row = createPostoffice(ctx.db(), { name, drive: longValue(a, 'drive'), password, fileServer: longValue(a, 'file-server') });
    show(ctx, a, { name: poKey(row), drive: row.drive }, () => `Postoffice ${poKey(row)} created ${row.drive ? `on drive ${row.drive}` : 'with no drive letter left (name it -d' + poKey(row) + ')'}`);
    return 0;
  }
  if (verb === 'delete') {
    if (!name) throw usage('po delete needs a postoffice: dirsync po delete NET/PO');
    deletePostoffice(ctx.db(), name);
    show(ctx, a, { deleted: name.toUpperCase() }, () => `Postoffice ${name.toUpperCase()} deleted`);
    return 0;
  }
  if (verb === 'list' || verb === undefined) {
    const db = ctx.db();
    const rows = allPos(db).map((p) => {
      const rc = reqconfOf(db, p.id);
      const role = srvconfOf(db, p) ? 'Dirsync server' : rc.dss ? `Requestor of ${rc.dss}` : 'Not in dirsync';
      const { n } = stmt(db, 'select count(*) as n from mailbox where po_id = ?').get(p.id) as { n: number };
      return { drive: p.drive, name: poKey(p), kind: p.kind, role, mailboxes: n, gal: p.galCount };
    });
    show(ctx, a, rows, () =>
      ['Drive  Postoffice             Mailboxes  GAL  Role', ...rows.map((r) => `${r.drive ? `${r.drive}:` : '- '}     ${r.name.padEnd(22)} ${String(r.mailboxes).padStart(9)}  ${String(r.gal).padStart(3)}  ${r.role}`)].join('\n'),
    );
    return 0;
  }
  throw usage(`unknown po command "${verb}": use create, delete or list`);
};

/** `user add|modify|delete|list -d<PO> <MAILBOX> ["Full Name"] [--no-dirsync | --dirsync]`. */
export const user: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', longFlags: ['no-dirsync', 'dirsync'] });
  const poSpec = requiredPo(a);
  const [verb, mailbox, fullName] = a.words;
  const db = ctx.db();
  if (verb === 'list') {
    const p = resolvePo(db, poSpec);
    const rows = (stmt(db, 'select name, full_name as fullName, dirsync from mailbox where po_id = ? order by name').all(p.id) as {
      name: string; fullName: string; dirsync: number;
    }[]).map((r) => ({ ...r, dirsync: !!r.dirsync }));
    show(ctx, a, rows, () => rows.map((r) => `${r.name.padEnd(10)} ${r.fullName.padEnd(30)} ${r.dirsync ? '' : '(no dirsync)'}`.trimEnd()).join('\n'));
    return 0;
  }
  if (!mailbox) throw usage(`user ${verb ?? ''} needs a mailbox name`.replace('  ', ' '));
  if (verb === 'add') {
    if (!fullName) throw usage('user add needs a full name: dirsync user add -dM PAUL "Paul Allen"');
    addMailbox(db, poSpec, mailbox, fullName, !a.long.has('no-dirsync'));
  } else if (verb === 'modify') {
    const dirsync = a.long.has('no-dirsync') ? false : a.long.has('dirsync') ? true : undefined;
    if (fullName === undefined && dirsync === undefined) throw usage('user modify needs a new full name, --dirsync or --no-dirsync');
    modifyMailbox(db, poSpec, mailbox, { fullName, dirsync });
  } else if (verb === 'delete') {
    deleteMailbox(db, poSpec, mailbox);
  } else throw usage(`unknown user command "${verb}": use add, modify, delete or list`);
  show(ctx, a, { [verb]: mailbox.toUpperCase() }, () => `Mailbox ${mailbox.toUpperCase()} ${verb === 'add' ? 'added' : verb === 'modify' ? 'modified' : 'deleted'}`);
  return 0;
};
