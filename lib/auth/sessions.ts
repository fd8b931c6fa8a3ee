import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import type { Role } from './accounts';

/** Sessions last 8 hours from sign-in. */
export const SESSION_MS = 8 * 60 * 60 * 1000;

export interface Session {
  accountId: number;
  name: string;
  role: Role;
  expiresAt: number;
}

export const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new session; returns the cookie token (only its hash is stored). */
export function createSession(db: Db, accountId: number, now = Date.now(), address: string | null = null): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_MS;
  step(db, () => {
    stmt(db, 'delete from session where expires_at <= ?').run(now);
    stmt(db, 'insert into session (token_hash, account_id, created_at, expires_at, address) values (?, ?, ?, ?, ?)').run(
      digest(token),
      accountId,
      now,
      expiresAt,
      address?.slice(0, 64) ?? null,
    );
  });
  return { token, expiresAt };
}

/** The session a cookie token stands for, or null (unknown, expired, ended, or its account deleted or disabled). */
export function sessionFromToken(db: Db, token: string | undefined, now = Date.now()): Session | null {
  if (!token || token.length > 100) return null;
  const row = stmt(
    db,
    `select s.account_id as accountId, a.name, a.role, s.expires_at as expiresAt
     from session s join account a on a.id = s.account_id where s.token_hash = ? and a.disabled_at is null`,
  ).get(digest(token)) as Session | undefined;
  if (!row || row.expiresAt <= now) return null;
  return row;
}

export function endSession(db: Db, token: string | undefined): void {
  if (token) stmt(db, 'delete from session where token_hash = ?').run(digest(token));
}

export interface SessionRow {
  /** The row's own number: what Accounts ▸ End session names (never the token or its hash). */
  id: number;
  createdAt: number;
  expiresAt: number;
  address: string | null;
  /** The caller's own session (given its token). */
  current: boolean;
}

/** An account's live sessions, newest first. */
export function accountSessions(db: Db, accountId: number, opts: { now?: number; currentToken?: string } = {}): SessionRow[] {
  const mine = opts.currentToken ? digest(opts.currentToken) : '';
  return (
    stmt(
      db,
      `select rowid as id, created_at as createdAt, expires_at as expiresAt, address, token_hash = ? as current
       from session where account_id = ? and expires_at > ? order by created_at desc, rowid desc`,
    ).all(mine, accountId, opts.now ?? Date.now()) as (Omit<SessionRow, 'current'> & { current: number })[]
  ).map((r) => ({ ...r, current: r.current === 1 }));
}
