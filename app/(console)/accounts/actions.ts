'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { createAccount, ROLE_LABELS } from '@/lib/auth/accounts';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { deleteAccount } from '@/lib/auth/delete-account';
import { endAccountSessions } from '@/lib/auth/end-sessions';
import { resetPassword } from '@/lib/auth/reset-password';
import { setAccountDisabled } from '@/lib/auth/set-disabled';
import { setAccountRole } from '@/lib/auth/set-role';

/**
 * Accounts ▸ (Admins) and Change Password (everyone): the engine verbs under lib/auth/ hold the
 * rules — the last Admin stays, passwords are at least 10 characters — so `dirsync account` keeps
 * them too. Passwords never reach the audit trail.
 */
const name = z.string().trim().min(1, 'Give the account name').max(32, 'Account names are at most 32 characters');
const role = z.enum(['admin', 'viewer'], { message: 'Choose Admin or View Only Admin' });
const newPassword = z
  .object({ password: z.string().min(1, 'Give the new password').max(200, 'Password must be at most 200 characters'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords are not the same', path: ['confirm'] });

export const addAccountAction = defineAction({
  name: 'Accounts: add',
  noRevision: 'creates a new account',
  schema: z.intersection(z.object({ name, role }), newPassword),
  run: ({ db, input, session, audit }) => {
    const row = createAccount(db, { name: input.name, password: input.password, role: input.role }, { by: session.name });
    audit(`Account ${row.name}`, null, { role: ROLE_LABELS[row.role] });
    return row.name;
  },
});

export const setAccountRoleAction = defineAction({
  name: 'Accounts: role',
  noRevision: 'sets the one field chosen; the last-Admin rule is checked against the account as it is now',
  schema: z.object({ name, role }),
  run: ({ db, input, session, audit }) => {
    const r = setAccountRole(db, input.name, input.role, session.name);
    audit(`Account ${r.name}`, { role: r.before }, { role: r.after });
    return r;
  },
});

export const resetPasswordAction = defineAction({
  name: 'Accounts: reset password',
  noRevision: 'sets a new password; nothing of the account is read back into a form',
  schema: z.intersection(z.object({ name }), newPassword),
  run: ({ db, input, session, audit }) => {
    const r = resetPassword(db, input.name, input.password, session.name);
    audit(`Account ${r.name}`, null, { password: 'reset', sessionsEnded: r.sessionsEnded });
    return r;
  },
});

export const setAccountDisabledAction = defineAction({
  name: 'Accounts: disable or enable',
  noRevision: 'sets the one field chosen; the last-Admin rule is checked against the account as it is now',
  schema: z.object({ name, disabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]) }),
  run: ({ db, input, session, audit }) => {
    const r = setAccountDisabled(db, input.name, input.disabled, session.name);
    audit(`Account ${r.name}`, { disabled: !r.disabled }, { disabled: r.disabled, sessionsEnded: r.sessionsEnded });
    return r;
  },
});

export const deleteAccountAction = defineAction({
  name: 'Accounts: delete',
  noRevision: 'deletes the account selected, after Yes',
  schema: z.object({ name }),
  run: ({ db, input, session, audit }) => {
    const r = deleteAccount(db, input.name, session.name);
    audit(`Account ${r.name}`, { role: r.role }, null);
    return r;
  },
});

export const endSessionsAction = defineAction({
  name: 'Accounts: end sessions',
  noRevision: 'ends sessions: an act, not a form',
  schema: z.object({ name, session: z.coerce.number().int().positive().optional() }),
  run: ({ db, input, session, audit }) => {
    const r = endAccountSessions(db, input.name, session.name, input.session);
    audit(`Account ${r.name}`, null, { sessionsEnded: r.ended });
    return r;
  },
});

/** Everyone, View Only Admins included, may change their own password (and only their own). */
export const changeOwnPasswordAction = defineAction({
  name: 'Change own password',
  noRevision: "changes the caller's own password, proven by the current one",
  selfService: true,
  schema: z.intersection(z.object({ current: z.string().min(1, 'Give your current password').max(1024) }), newPassword),
  run: ({ db, input, session, sessionToken, audit }) => {
    const r = changeOwnPassword(db, session.accountId, input.current, input.password, sessionToken);
    audit(`Account ${session.name}`, null, { password: 'changed', otherSessionsEnded: r.sessionsEnded });
    return r;
  },
});
