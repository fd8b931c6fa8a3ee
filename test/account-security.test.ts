import http from 'node:http';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { accountByName, createAccount } from '@/lib/auth/accounts';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { deleteAccount } from '@/lib/auth/delete-account';
import { endAccountSessions } from '@/lib/auth/end-sessions';
import { safeNextPath } from '@/lib/auth/next-path';
import { originAllowed } from '@/lib/auth/origins';
import { resetPassword } from '@/lib/auth/reset-password';
import { securityLog } from '@/lib/auth/security-log';
import { accountSessions, createSession, sessionFromToken } from '@/lib/auth/sessions';
import { setAccountDisabled } from '@/lib/auth/set-disabled';
import { setAccountRole } from '@/lib/auth/set-role';
import { FREE_FAILURES, GLOBAL_BUDGET, signIn, THROTTLE_KEEP_MS } from '@/lib/auth/sign-in';
import { DirsyncError } from '@/lib/core/errors';
import { serveOptions, withClientAddress } from '../scripts/serve-options.mjs';
import { cli, tempDb, tempDbFile } from './helpers';

/**
 * Security review, issue 10: items 2 (lock-out), 3 (stored names), 4 (open redirect), 7 (origins,
 * stale cookies, listening address) and 8 (account management, security log). Each test fails on
 * the code before the fix.
 */

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DirsyncError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const PW = 'correct horse';
const NOT_CORRECT = 'The account name or password is not correct';

function withAdmin() {
  const { db, file } = tempDb('account-security');
  createAccount(db, { name: 'admin', password: PW, role: 'admin' }, { firstRun: true });
  return { db, file };
}

describe('item 2: nobody can lock an account out', () => {
  const attacker = { address: '127.0.0.1', browser: 'attacker-browser-key-aaaaaa' };
  const owner = { address: '127.0.0.1', browser: 'owner-browser-key-bbbbbbbbbb' };

  it('a client that failed waits, but the right password from another client (same address, own browser key) goes through', () => {
    const { db } = withAdmin();
    const t0 = 1_000_000;
    for (let k = 0; k < FREE_FAILURES + 5; k++) refusal(() => signIn(db, 'admin', 'wrong guess', attacker, t0 + k));
    expect(refusal(() => signIn(db, 'admin', PW, attacker, t0 + 10)).message).toMatch(/^Too many failed sign-ins for admin from this browser: try again in \d+ seconds?$/);
    // Before the fix the slowdown was per name: this refused even the right password.
    expect(signIn(db, 'admin', PW, owner, t0 + 10).name).toBe('admin');
    // Another address with no browser key at all is not slowed either.
    expect(signIn(db, 'admin', PW, { address: '10.1.2.3' }, t0 + 10).name).toBe('admin');
  });

  it('records failures and the lock-out in the security log', () => {
    const { db } = withAdmin();
    for (let k = 0; k < FREE_FAILURES; k++) refusal(() => signIn(db, 'admin', 'wrong guess', attacker, 5000));
    const log = securityLog(db).map((r) => [r.kind, r.accountName, r.address]);
    expect(log.filter(([kind]) => kind === 'sign-in failed')).toHaveLength(FREE_FAILURES);
    expect(log).toContainEqual(['sign-in locked', 'admin', '127.0.0.1']);
  });

  it('keeps a global budget: spraying names from fresh browser keys stops new browsers, not one that signed in before', () => {
    const { db } = withAdmin();
    const t0 = 50_000_000;
    signIn(db, 'admin', PW, owner, t0); // the owner's browser is known to the account
    for (let k = 0; k < GLOBAL_BUDGET; k++) refusal(() => signIn(db, `user${k % 7}`, 'spray', { address: '127.0.0.1', browser: `fresh-browser-key-${String(k).padStart(8, '0')}` }, t0 + k));
    const fresh = { address: '127.0.0.1', browser: 'never-seen-browser-key-cccc' };
    expect(refusal(() => signIn(db, 'admin', PW, fresh, t0 + 1000)).message).toMatch(/^Too many failed sign-ins on this console/);
    expect(signIn(db, 'admin', PW, owner, t0 + 1000).name).toBe('admin');
    // Once the window has moved on, anyone may try again.
    expect(signIn(db, 'admin', PW, fresh, t0 + 16 * 60 * 1000).name).toBe('admin');
  });
});

describe('item 3: a failed sign-in stores nothing unbounded', () => {
  it('a 900 KB name is never stored; old failure rows are purged', () => {
    const { db } = withAdmin();
    const huge = 'x'.repeat(900 * 1024);
    const client = { address: '127.0.0.1', browser: 'b'.repeat(5000) };
    expect(refusal(() => signIn(db, huge, 'whatever', client, 1000)).message).toBe(NOT_CORRECT);
    const longest = db.$client
      .prepare(
        `select max(n) from (select length(key) as n from sign_in_throttle union all
         select length(coalesce(account_name, '')) + length(coalesce(address, '')) + length(detail) from security_event)`,
      )
      .pluck()
      .get() as number;
    expect(longest).toBeLessThan(1000);
    refusal(() => signIn(db, 'nobody', 'whatever', client, 2000));
    expect(db.$client.prepare('select count(*) from sign_in_throttle').pluck().get()).toBe(2);
    // A day later the next try purges both.
    refusal(() => signIn(db, 'other', 'whatever', client, 2000 + THROTTLE_KEEP_MS + 1));
    expect(db.$client.prepare('select count(*) from sign_in_throttle').pluck().get()).toBe(1);
  });
});

describe('item 4: the page to come back to stays on the console', () => {
  it.each([
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/.//evil.example', '/evil.example'],
    ['/exchange/EXCH01/services?x=1', '/exchange/EXCH01/services?x=1'],
    ['/', '/'],
  ])('%j → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
    // Whatever comes back, a browser resolves it on the console's own origin.
    expect(new URL(safeNextPath(next), 'http://127.0.0.1:3000').origin).toBe('http://127.0.0.1:3000');
  });
});

describe('item 7: origins, stale cookies, listening address', () => {
  it('allows changes only from the loopback names on the server port or the configured origins', () => {
    const env = { DIRSYNC_PORT: '3000' };
    expect(originAllowed('http://127.0.0.1:3000', env)).toBe(true);
    expect(originAllowed('http://localhost:3000', env)).toBe(true);
    expect(originAllowed('http://evil.example', env)).toBe(false);
    expect(originAllowed('http://127.0.0.1:4000', env)).toBe(false);
    expect(originAllowed(null, env)).toBe(false);
    expect(originAllowed('null', env)).toBe(false);
    expect(originAllowed('https://console.example.com', { ...env, DIRSYNC_ALLOWED_ORIGINS: 'https://console.example.com, other.example:8443' })).toBe(true);
    expect(originAllowed('https://other.example:8443', { ...env, DIRSYNC_ALLOWED_ORIGINS: 'https://console.example.com, other.example:8443' })).toBe(true);
  });

  it('the server listens on 127.0.0.1 unless -H or HOST says otherwise', () => {
    expect(serveOptions([], {}).hostname).toBe('127.0.0.1');
    expect(serveOptions([], { HOST: '0.0.0.0' }).hostname).toBe('0.0.0.0');
    expect(serveOptions(['-H', '::1', '-p', '3102'], { HOST: '0.0.0.0' })).toEqual({ hostname: '::1', port: 3102 });
  });

  it('the client address comes from the socket: a client cannot forge it, nor X-Forwarded-Host', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer(withClientAddress(false, (req: http.IncomingMessage, res: http.ServerResponse) => (seen.push(req.headers), res.end())));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-dirsync-client-address': '203.0.113.9', 'x-forwarded-host': 'evil.example', 'x-forwarded-for': '203.0.113.9' } });
    server.close();
    expect(seen[0]['x-dirsync-client-address']).toBe('127.0.0.1');
    expect(seen[0]['x-forwarded-host']).toBeUndefined();
    expect(seen[0]['x-forwarded-for']).toBeUndefined();
  });

  describe('the proxy', () => {
    const file = tempDbFile('proxy');
    let token: string;
    let proxy: (r: NextRequest) => Response;
    beforeAll(async () => {
      process.env.DIRSYNC_DB = file;
      process.env.DIRSYNC_PORT = '3000';
      const { sharedDatabase } = await import('@/db/client');
      const db = sharedDatabase();
      const a = createAccount(db, { name: 'admin', password: PW, role: 'admin' }, { firstRun: true });
      token = createSession(db, a.id).token;
      proxy = (await import('../proxy')).proxy as unknown as (r: NextRequest) => Response;
    });
    const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
      new NextRequest(new URL(path, 'http://127.0.0.1:3000'), { method: init.method ?? 'GET', headers: init.headers });

    it('refuses a change from a foreign origin even when X-Forwarded-Host names it, and logs it', async () => {
      const r = proxy(request('/exchange/EXCH01/services', { method: 'POST', headers: { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', host: 'evil.example', cookie: `dirsync_session=${token}` } }));
      expect(r.status).toBe(403);
      const { sharedDatabase } = await import('@/db/client');
      expect(securityLog(sharedDatabase())[0]).toMatchObject({ kind: 'origin refused', detail: 'POST /exchange/EXCH01/services from origin http://evil.example' });
      const same = proxy(request('/exchange/EXCH01/services', { method: 'POST', headers: { origin: 'http://127.0.0.1:3000', cookie: `dirsync_session=${token}` } }));
      expect(same.status).toBe(200);
    });

    it('sends a page asked for with a forged or ended session cookie to sign in with a real 307, removing the cookie', () => {
      for (const cookie of ['dirsync_session=forged', 'dirsync_session=']) {
        const r = proxy(request('/exchange/EXCH01/services?x=1', { headers: { cookie, accept: 'text/html' } }));
        expect(r.status, cookie).toBe(307);
        expect(r.headers.get('location')).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):3000\/login\?next=%2Fexchange%2FEXCH01%2Fservices%3Fx%3D1$/);
        expect(r.headers.get('set-cookie')).toMatch(/^dirsync_session=;/);
      }
      // A valid session passes; a script's fetch with a stale cookie is left to the route's own 401.
      expect(proxy(request('/', { headers: { cookie: `dirsync_session=${token}`, accept: 'text/html' } })).status).toBe(200);
      expect(proxy(request('/clock', { headers: { cookie: 'dirsync_session=forged', accept: '*/*' } })).status).toBe(200);
    });

    it('gives the sign-in page a browser key', () => {
      const r = proxy(request('/login'));
      expect(r.headers.get('set-cookie')).toMatch(/^dirsync_client=[A-Za-z0-9_-]{32}; .*HttpOnly/i);
      expect(proxy(request('/login', { headers: { cookie: 'dirsync_client=abcdefghijklmnopqrstuvwxyz012345' } })).headers.get('set-cookie')).toBeNull();
    });
  });
});

describe('item 8: account management, in the engine verbs the console and the CLI share', () => {
  it('the last Admin cannot be demoted, disabled or deleted; with a second Admin it can', () => {
    const { db } = withAdmin();
    createAccount(db, { name: 'viewer', password: PW, role: 'viewer' });
    expect(refusal(() => setAccountRole(db, 'admin', 'viewer', 'test')).message).toBe('Cannot make a View Only Admin of admin: it is the last Admin. Make another account an Admin first');
    expect(refusal(() => setAccountDisabled(db, 'admin', true, 'test')).message).toBe('Cannot disable admin: it is the last Admin. Make another account an Admin first');
    expect(refusal(() => deleteAccount(db, 'admin', 'test')).message).toBe('Cannot delete admin: it is the last Admin. Make another account an Admin first');
    expect(accountByName(db, 'admin')).toMatchObject({ role: 'admin', disabledAt: null });
    setAccountRole(db, 'viewer', 'admin', 'test');
    // A disabled Admin does not count: the other one is then the last.
    setAccountDisabled(db, 'viewer', true, 'test');
    expect(refusal(() => deleteAccount(db, 'admin', 'test')).kind).toBe('conflict');
    setAccountDisabled(db, 'viewer', false, 'test');
    expect(deleteAccount(db, 'admin', 'test')).toEqual({ name: 'admin', role: 'Admin' });
  });

  it('a disabled account cannot sign in and its sessions end', () => {
    const { db } = withAdmin();
    const v = createAccount(db, { name: 'viewer', password: PW, role: 'viewer' });
    const { token } = createSession(db, v.id);
    setAccountDisabled(db, 'viewer', true, 'admin');
    expect(sessionFromToken(db, token)).toBeNull();
    expect(refusal(() => signIn(db, 'viewer', PW, { address: '127.0.0.1' })).message).toBe('The account viewer is disabled: ask an Admin to enable it');
    // A wrong password says only what it says for anyone.
    expect(refusal(() => signIn(db, 'viewer', 'wrong', { address: '127.0.0.2' })).message).toBe(NOT_CORRECT);
    setAccountDisabled(db, 'viewer', false, 'admin');
    expect(signIn(db, 'viewer', PW, { address: '127.0.0.1' }).name).toBe('viewer');
  });

  it('resetting a password ends the sessions; changing your own needs the current one and keeps your session', () => {
    const { db } = withAdmin();
    const v = createAccount(db, { name: 'viewer', password: PW, role: 'viewer' });
    const first = createSession(db, v.id).token;
    const second = createSession(db, v.id).token;
    // A browser slowed for viewer starts afresh after the reset; one slowed for another name does not.
    const slowed = { address: '10.9.9.9', browser: 'slowed-browser-key-dddddddddd' };
    for (let k = 0; k < FREE_FAILURES; k++) for (const n of ['viewer', 'vieweR2']) refusal(() => signIn(db, n, 'wrong', slowed));
    expect(resetPassword(db, 'viewer', 'brand new password', 'admin')).toEqual({ name: 'viewer', sessionsEnded: 2 });
    expect(db.$client.prepare('select count(*) from sign_in_throttle').pluck().get()).toBe(1);
    expect(sessionFromToken(db, first)).toBeNull();
    expect(refusal(() => signIn(db, 'viewer', PW, { address: 'a' })).message).toBe(NOT_CORRECT);
    const mine = createSession(db, v.id).token;
    const other = createSession(db, v.id).token;
    expect(refusal(() => changeOwnPassword(db, v.id, 'not it', 'another new password', mine)).message).toBe('The current password is not correct');
    expect(refusal(() => changeOwnPassword(db, v.id, 'brand new password', 'short', mine)).message).toBe('Password must be at least 10 characters');
    expect(changeOwnPassword(db, v.id, 'brand new password', 'another new password', mine)).toEqual({ sessionsEnded: 1 });
    expect(sessionFromToken(db, mine)).not.toBeNull();
    expect(sessionFromToken(db, other)).toBeNull();
    expect(signIn(db, 'viewer', 'another new password', { address: 'b' }).name).toBe('viewer');
    void second;
  });

  it('lists and ends sessions, one or all', () => {
    const { db } = withAdmin();
    const id = accountByName(db, 'admin')!.id;
    const a = createSession(db, id, Date.now(), '127.0.0.1').token;
    createSession(db, id, Date.now(), '10.0.0.7');
    const rows = accountSessions(db, id, { currentToken: a });
    expect(rows.map((r) => [r.address, r.current])).toEqual([
      ['10.0.0.7', false],
      ['127.0.0.1', true],
    ]);
    expect(endAccountSessions(db, 'admin', 'test', rows[0].id)).toEqual({ name: 'admin', ended: 1 });
    expect(refusal(() => endAccountSessions(db, 'admin', 'test', rows[0].id)).kind).toBe('notFound');
    expect(accountSessions(db, id).map((r) => r.address)).toEqual(['127.0.0.1']);
    expect(endAccountSessions(db, 'admin', 'test')).toEqual({ name: 'admin', ended: 1 });
  });

  it('dirsync account: role, reset-password, disable, enable, delete, sessions, end-sessions, with the same rules', () => {
    const { file } = withAdmin();
    expect(cli(file, 'account add anna --role viewer --password anna-password').out).toBe('Account anna (View Only Admin) created');
    expect(cli(file, 'account role admin viewer')).toMatchObject({ code: 2, err: 'dirsync account: Cannot make a View Only Admin of admin: it is the last Admin. Make another account an Admin first' });
    expect(cli(file, 'account delete admin').code).toBe(2);
    expect(cli(file, 'account disable admin').code).toBe(2);
    expect(cli(file, 'account role anna admin').out).toBe('anna: View Only Admin → Admin');
    expect(cli(file, 'account disable anna').out).toBe('Account anna disabled; 0 sessions ended');
    expect(cli(file, 'account list').out).toBe('admin  Admin\nanna  Admin  (disabled)');
    expect(cli(file, 'account enable anna').out).toBe('Account anna enabled');
    expect(cli(file, 'account reset-password anna --password anna-new-password').out).toBe('Password of anna reset; 0 sessions ended');
    expect(cli(file, 'account sessions anna').out).toBe('anna has no session');
    expect(cli(file, 'account end-sessions anna --session x').code).toBe(2);
    expect(cli(file, 'account delete admin').out).toBe('Account admin (Admin) deleted');
    expect(cli(file, 'account delete anna').code).toBe(2);
    expect(cli(file, 'account role nobody admin')).toMatchObject({ code: 2, err: 'dirsync account: There is no account named nobody: see the Accounts list (dirsync account list)' });
  });
});

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
