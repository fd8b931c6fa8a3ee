import { usage } from '@/lib/dirsync/errors';
import { accounts, createAccount, ROLE_LABELS, type Role } from '@/lib/auth/accounts';
import { longValue, parseArgs } from '../args';
import { show, type Command } from '../context';

/** `account add <name> --role admin|viewer [--password pw]` (or DIRSYNC_ACCOUNT_PASSWORD) · `account list`: console accounts. */
export const account: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['role', 'password'] });
  const [verb, name] = a.words;
  const db = ctx.db();
  if (verb === 'list') {
    const rows = accounts(db).map((r) => ({ name: r.name, role: ROLE_LABELS[r.role] }));
    show(ctx, a, rows, () => rows.map((r) => `${r.name}  ${r.role}`).join('\n') || 'no accounts: the console asks for the first administrator');
    return 0;
  }
  if (verb !== 'add' || !name) throw usage('account needs add <name> --role admin|viewer --password <pw>, or list');
  const role = (longValue(a, 'role') ?? 'viewer').toLowerCase();
  if (role !== 'admin' && role !== 'viewer') throw usage('--role is admin or viewer (View Only Admin)');
  const password = longValue(a, 'password') ?? process.env.DIRSYNC_ACCOUNT_PASSWORD;
  if (!password) throw usage('give the password with --password or DIRSYNC_ACCOUNT_PASSWORD');
  const row = createAccount(db, { name, password, role: role as Role });
  show(ctx, a, { name: row.name, role: ROLE_LABELS[row.role] }, () => `Account ${row.name} (${ROLE_LABELS[row.role]}) created`);
  return 0;
};
