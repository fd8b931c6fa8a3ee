import { describe, expect, it } from 'vitest';
import { accountCount, createAccount } from '@/lib/auth/accounts';
import { auditTrail, recordAudit } from '@/lib/auth/audit';
import { createSession, endSession, SESSION_MS, sessionFromToken } from '@/lib/auth/sessions';
import { FREE_FAILURES, signIn, waitSeconds } from '@/lib/auth/sign-in';
import { DirsyncError } from '@/lib/core/errors';
import { cli, tempDb } from './helpers';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DirsyncError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('console accounts', () => {
  it('makes the first administrator once, with no default password, and stores only a memory-hard hash', () => {
    const { db } = tempDb('auth');
    expect(accountCount(db)).toBe(0);
    expect(refusal(() => createAccount(db, { name: 'admin', password: 'short', role: 'admin' }, { firstRun: true })).message).toBe(
      'Password must be at least 10 characters',
    );
    const admin = createAccount(db, { name: 'admin', password: 'correct horse', role: 'viewer' }, { firstRun: true });
    expect(admin.role).toBe('admin'); // the first account is always an Admin
    expect(refusal(() => createAccount(db, { name: 'other', password: 'correct horse', role: 'admin' }, { firstRun: true })).kind).toBe('conflict');
    const stored = db.$client.prepare('select password_hash as h from account').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$\d+\$/);
    expect(stored).not.toContain('correct horse');
    expect(refusal(() => createAccount(db, { name: 'ADMIN', password: 'correct horse', role: 'viewer' })).message).toBe('An account named ADMIN already exists');
  });

  it('slows repeated failed sign-ins from one client for a name, whether or not it exists, and says the same for a wrong name or password', () => {
    const { db } = tempDb('auth');
    createAccount(db, { name: 'admin', password: 'correct horse', role: 'admin' }, { firstRun: true });
    const t0 = 1_000_000;
    const me = { address: '10.0.0.1', browser: 'browser-key-one-aaaaaaaaaa' };
    for (let k = 0; k < FREE_FAILURES; k++) expect(refusal(() => signIn(db, 'admin', 'wrong', me, t0)).message).toBe('The account name or password is not correct');
    expect(refusal(() => signIn(db, 'nobody', 'wrong', me, t0)).message).toBe('The account name or password is not correct');
    // Past the free failures each try from this client must wait: 1 s, then 2 s after the next failure, …
    expect(waitSeconds(db, 'admin', me, t0)).toBe(1);
    expect(refusal(() => signIn(db, 'ADMIN', 'correct horse', me, t0)).message).toBe('Too many failed sign-ins for ADMIN from this browser: try again in 1 second');
    expect(refusal(() => signIn(db, 'admin', 'wrong', me, t0 + 1000)).message).toBe('The account name or password is not correct');
    expect(refusal(() => signIn(db, 'admin', 'correct horse', me, t0 + 1500)).message).toBe('Too many failed sign-ins for admin from this browser: try again in 2 seconds');
    expect(signIn(db, 'admin', 'correct horse', me, t0 + 3000).name).toBe('admin');
    expect(waitSeconds(db, 'admin', me, t0 + 3000)).toBe(0);
  });

  it('keeps sessions as token hashes that expire, and ends them', () => {
    const { db } = tempDb('auth');
    const admin = createAccount(db, { name: 'admin', password: 'correct horse', role: 'admin' }, { firstRun: true });
    const { token } = createSession(db, admin.id, 5000);
    expect(db.$client.prepare('select token_hash from session').pluck().get()).not.toBe(token);
    expect(sessionFromToken(db, token, 6000)).toMatchObject({ name: 'admin', role: 'admin' });
    expect(sessionFromToken(db, token, 5000 + SESSION_MS)).toBeNull();
    expect(sessionFromToken(db, 'forged', 6000)).toBeNull();
    endSession(db, token);
    expect(sessionFromToken(db, token, 6000)).toBeNull();
  });

  it('records an audit trail, newest first', () => {
    const { db } = tempDb('auth');
    recordAudit(db, { accountName: 'admin', action: 'Services', object: 'EXCH01 service MSExchangeDX', after: { action: 'pause' } }, 1);
    recordAudit(db, { accountName: 'admin', action: 'Registry', object: 'EXCH01 PauseKicksDX', before: null, after: 1 }, 2);
    expect(auditTrail(db).map((r) => [r.action, r.after])).toEqual([['Registry', '1'], ['Services', '{"action":"pause"}']]);
  });

  it('adds accounts from the command line, never without a password', () => {
    const { file } = tempDb('auth');
    expect(cli(file, 'account add viewer --role viewer').code).toBe(2);
    expect(cli(file, 'account add viewer --role viewer --password view-only-pw').out).toBe('Account viewer (View Only Admin) created');
    expect(cli(file, 'account list').out).toBe('viewer  View Only Admin');
  });
});
