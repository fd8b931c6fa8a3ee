import { beforeAll, describe, expect, it, vi } from 'vitest';
import { snapshot, tempDbFile } from './helpers';

/** Tools ▸ Accounts and File ▸ Change Password through their server actions (app/(console)/accounts/actions.ts). */

const file = tempDbFile('account-actions');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ 'x-dirsync-client-address': '127.0.0.1' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let admin: string;
let viewer: string;

beforeAll(async () => {
  const { openDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const db = openDatabase(file);
  admin = createSession(db, createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true }).id).token;
  viewer = createSession(db, createAccount(db, { name: 'viewer', password: 'viewer password', role: 'viewer' }).id).token;
  db.$client.close();
});

const rows = async (sql: string) => {
  const { sharedDatabase } = await import('@/db/client');
  return sharedDatabase().$client.prepare(sql).all();
};

describe('account actions', () => {
  it('an Admin adds a View Only Admin; the audit trail never holds the password', async () => {
    const { addAccountAction } = await import('@/app/(console)/accounts/actions');
    token = admin;
    expect(await addAccountAction({ name: 'anna', role: 'viewer', password: 'anna password', confirm: 'anna passwort' })).toMatchObject({
      ok: false,
      fieldErrors: { confirm: 'The two passwords are not the same' },
    });
    expect(await addAccountAction({ name: 'anna', role: 'viewer', password: 'anna password', confirm: 'anna password' })).toEqual({ ok: true, data: 'anna' });
    const audit = JSON.stringify(await rows('select * from audit_entry'));
    expect(audit).toContain('Accounts: add');
    expect(audit).not.toContain('anna password');
  });

  it('a View Only Admin may change only their own password, and is refused every account change (logged)', async () => {
    const { changeOwnPasswordAction, resetPasswordAction, deleteAccountAction } = await import('@/app/(console)/accounts/actions');
    token = viewer;
    const before = snapshot(file, true);
    expect(await resetPasswordAction({ name: 'admin', password: 'taken over!!', confirm: 'taken over!!' })).toMatchObject({ ok: false, error: expect.stringMatching(/^A View Only Admin/) });
    expect(await deleteAccountAction({ name: 'admin' })).toMatchObject({ ok: false });
    expect(snapshot(file, true)).toEqual(before);
    expect(await rows("select account_name, detail from security_event where kind = 'action refused' order by id")).toEqual([
      { account_name: 'viewer', detail: 'Accounts: reset password: View Only Admin' },
      { account_name: 'viewer', detail: 'Accounts: delete: View Only Admin' },
    ]);
    expect(await changeOwnPasswordAction({ current: 'wrong', password: 'viewer new password', confirm: 'viewer new password' })).toMatchObject({ ok: false, error: 'The current password is not correct' });
    expect(await changeOwnPasswordAction({ current: 'viewer password', password: 'viewer new password', confirm: 'viewer new password' })).toMatchObject({ ok: true });
    const { sharedDatabase } = await import('@/db/client');
    const { signIn } = await import('@/lib/auth/sign-in');
    expect(signIn(sharedDatabase(), 'viewer', 'viewer new password', { address: 'x' }).name).toBe('viewer');
    // The admin's password is what it was.
    expect(signIn(sharedDatabase(), 'admin', 'admin password', { address: 'x' }).name).toBe('admin');
  });

  it('the last Admin cannot delete or demote itself through the console either', async () => {
    const { deleteAccountAction, setAccountRoleAction } = await import('@/app/(console)/accounts/actions');
    token = admin;
    expect(await deleteAccountAction({ name: 'admin' })).toMatchObject({ ok: false, conflict: true, error: 'Cannot delete admin: it is the last Admin. Make another account an Admin first' });
    expect(await setAccountRoleAction({ name: 'admin', role: 'viewer' })).toMatchObject({ ok: false, conflict: true });
  });
});
