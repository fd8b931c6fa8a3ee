import { usage } from '@/lib/core/errors';
import { accounts, createAccount, parseRole, requireAccount, ROLE_LABELS } from '@/lib/auth/accounts';
import { deleteAccount } from '@/lib/auth/delete-account';
import { endAccountSessions } from '@/lib/auth/end-sessions';
import { resetPassword } from '@/lib/auth/reset-password';
import { accountSessions } from '@/lib/auth/sessions';
import { setAccountDisabled } from '@/lib/auth/set-disabled';
import { setAccountRole } from '@/lib/auth/set-role';
import { longValue, parseArgs } from '../args';
import { show, type Command } from '../context';

const USAGE =
  'account add <name> --role admin|viewer --password <pw> | list | role <name> admin|viewer | reset-password <name> --password <pw> | disable <name> | enable <name> | delete <name> | sessions <name> | end-sessions <name> [--session <n>]';

/** What the security log names as the one who changed an account from here. */
const BY = 'the command line';
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/**
 * `dirsync account …`: the console's accounts, the same verbs as Tools ▸ Accounts (lib/auth/), so
 * the same rules hold — the last Admin cannot be deleted, disabled or demoted. A password comes
 * from --password or DIRSYNC_ACCOUNT_PASSWORD (better: it stays out of the shell history).
 */
export const account: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { longValued: ['role', 'password', 'session'] });
  const [verb, name, extra] = a.words;
  const db = ctx.db();
  const password = () => {
    const pw = longValue(a, 'password') ?? process.env.DIRSYNC_ACCOUNT_PASSWORD;
    if (!pw) throw usage('give the password with --password or DIRSYNC_ACCOUNT_PASSWORD');
    return pw;
  };
  if (verb === 'list') {
    const rows = accounts(db).map((r) => ({ name: r.name, role: ROLE_LABELS[r.role], disabled: r.disabledAt !== null }));
    show(ctx, a, rows, () => rows.map((r) => `${r.name}  ${r.role}${r.disabled ? '  (disabled)' : ''}`).join('\n') || 'no accounts: the console asks for the first administrator');
    return 0;
  }
  if (!name) throw usage(`account needs ${USAGE}`);
  switch (verb) {
    case 'add': {
      const role = parseRole(longValue(a, 'role') ?? 'viewer');
      const row = createAccount(db, { name, password: password(), role }, { by: BY });
      show(ctx, a, { name: row.name, role: ROLE_LABELS[row.role] }, () => `Account ${row.name} (${ROLE_LABELS[row.role]}) created`);
      return 0;
    }
    case 'role': {
      const wanted = extra ?? longValue(a, 'role');
      if (!wanted) throw usage('account role needs the new role: admin or viewer (View Only Admin)');
      const r = setAccountRole(db, name, wanted, BY);
      show(ctx, a, r, () => (r.before === r.after ? `${r.name} is already ${r.after === 'Admin' ? 'an Admin' : 'a View Only Admin'}` : `${r.name}: ${r.before} → ${r.after}`));
      return 0;
    }
    case 'reset-password': {
      const r = resetPassword(db, name, password(), BY);
      show(ctx, a, r, () => `Password of ${r.name} reset; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended`);
      return 0;
    }
    case 'disable':
    case 'enable': {
      const r = setAccountDisabled(db, name, verb === 'disable', BY);
      show(ctx, a, r, () => (r.disabled ? `Account ${r.name} disabled; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended` : `Account ${r.name} enabled`));
      return 0;
    }
    case 'delete': {
      const r = deleteAccount(db, name, BY);
      show(ctx, a, r, () => `Account ${r.name} (${r.role}) deleted`);
      return 0;
    }
    case 'sessions': {
      const target = requireAccount(db, name);
      const rows = accountSessions(db, target.id).map(({ current: _, ...s }) => s);
      show(ctx, a, rows, () =>
        rows.length
          ? ['Session  Signed in (UTC)   Ends (UTC)        Address', ...rows.map((s) => `${String(s.id).padEnd(7)}  ${stamp(s.createdAt)}  ${stamp(s.expiresAt)}  ${s.address ?? '-'}`)].join('\n')
          : `${target.name} has no session`,
      );
      return 0;
    }
    case 'end-sessions': {
      const raw = longValue(a, 'session');
      const session = raw === undefined ? undefined : Number(raw);
      if (session !== undefined && !(Number.isInteger(session) && session > 0)) throw usage(`--session is a session number from \`dirsync account sessions ${name}\`; got "${raw}"`);
      const r = endAccountSessions(db, name, BY, session);
      show(ctx, a, r, () => `${r.ended} session${r.ended === 1 ? '' : 's'} of ${r.name} ended`);
      return 0;
    }
    default:
      throw usage(`account needs ${USAGE}`);
  }
};
