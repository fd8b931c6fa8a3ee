'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { createAccount } from '@/lib/auth/accounts';
import { recordAudit } from '@/lib/auth/audit';
import { clearSessionCookie, currentClient, currentSession, setSessionCookie, SESSION_COOKIE } from '@/lib/auth/request';
import { createSession, endSession } from '@/lib/auth/sessions';
import { safeNextPath } from '@/lib/auth/next-path';
import { signIn } from '@/lib/auth/sign-in';
import { DirsyncError } from '@/lib/core/errors';
import { cookies } from 'next/headers';
import type { AuthFormState } from '@/components/auth/auth-form';

/**
 * The three actions that run without a session: first-run setup (only while no account exists),
 * sign in and sign out. Every other action goes through lib/actions/safe-action.ts.
 */

const secure = async () => (await headers()).get('x-forwarded-proto') === 'https';

export async function setupAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const name = String(form.get('name') ?? '');
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('confirm') ?? '')) return { error: 'The two passwords are not the same', name };
  const db = sharedDatabase();
  try {
    const account = createAccount(db, { name, password, role: 'admin' }, { firstRun: true });
    recordAudit(db, { accountName: account.name, action: 'First-run setup', object: `Account ${account.name}`, after: { role: 'Admin' } });
    const { token } = createSession(db, account.id, Date.now(), (await currentClient()).address);
    await setSessionCookie(token, await secure());
  } catch (e) {
    if (e instanceof DirsyncError) return { error: e.message, name };
    throw e;
  }
  redirect('/');
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const name = String(form.get('name') ?? '');
  const db = sharedDatabase();
  try {
    const client = await currentClient();
    const account = signIn(db, name, String(form.get('password') ?? ''), client);
    const { token } = createSession(db, account.id, Date.now(), client.address);
    await setSessionCookie(token, await secure());
  } catch (e) {
    // The typed name comes back to refill the field only when it could be a name at all.
    if (e instanceof DirsyncError) return { error: e.message, name: name.slice(0, 32) };
    throw e;
  }
  redirect(safeNextPath(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  if (await currentSession()) endSession(sharedDatabase(), (await cookies()).get(SESSION_COOKIE)?.value);
  await clearSessionCookie();
  redirect('/login');
}
