import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { accountCount, type Role } from './accounts';
import { ADDRESS_HEADER, CLIENT_COOKIE, CLIENT_COOKIE_OPTIONS, newClientKey, SESSION_COOKIE } from './cookies';
import { SESSION_MS, sessionFromToken, type Session } from './sessions';
import { routes } from '@/lib/console/routes';

export { ADDRESS_HEADER, CLIENT_COOKIE, SESSION_COOKIE };

/** The address and browser key of the caller; a new browser key is set when it has none. */
export async function currentClient(): Promise<{ address: string; browser: string }> {
  const h = await headers();
  const address = (h.get(ADDRESS_HEADER) ?? 'unknown').slice(0, 64);
  const jar = await cookies();
  let browser = jar.get(CLIENT_COOKIE)?.value;
  if (!browser || !/^[A-Za-z0-9_-]{20,64}$/.test(browser)) {
    browser = newClientKey();
    jar.set(CLIENT_COOKIE, browser, { ...CLIENT_COOKIE_OPTIONS, secure: h.get('x-forwarded-proto') === 'https' });
  }
  return { address, browser };
}

/** The caller's session, read from its cookie; null when signed out. */
export async function currentSession(): Promise<Session | null> {
  const jar = await cookies();
  return sessionFromToken(sharedDatabase(), jar.get(SESSION_COOKIE)?.value);
}

/**
 * For pages and route handlers: the session, or a redirect — to the first-run setup page while no
 * account exists, else to sign-in (coming back to `next` afterwards).
 */
export async function requirePageSession(next = '/'): Promise<Session> {
  const session = await currentSession();
  if (session) return session;
  if (accountCount(sharedDatabase()) === 0) redirect('/setup');
  redirect(routes.signIn(next));
}

export async function setSessionCookie(token: string, secure: boolean): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SESSION_MS / 1000 });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export const canChange = (role: Role) => role === 'admin';

/**
 * For route handlers (feeds, downloads): the session, or a 401 response to return as it is.
 * Usage: `const s = await requireRouteSession(); if (s instanceof Response) return s;`
 */
export async function requireRouteSession(): Promise<Session | Response> {
  const session = await currentSession();
  return session ?? Response.json({ error: 'Your session has ended: sign in again' }, { status: 401 });
}
