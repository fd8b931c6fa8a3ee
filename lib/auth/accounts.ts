import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { hashPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';
import { recordSecurity } from './security-log';

export type Role = 'admin' | 'viewer';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', viewer: 'View Only Admin' };

export interface AccountRow {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  /** When it was disabled; null while it may sign in. */
  disabledAt: number | null;
}

export const accountCount = (db: Db) => (stmt(db, 'select count(*) as n from account').get() as { n: number }).n;

export function accountByName(db: Db, name: string): (AccountRow & { passwordHash: string }) | undefined {
  return stmt(db, 'select id, name, role, created_at as createdAt, disabled_at as disabledAt, password_hash as passwordHash from account where name = ? collate nocase').get(
    name.trim(),
  ) as (AccountRow & { passwordHash: string }) | undefined;
}

export function accounts(db: Db): AccountRow[] {
  return stmt(db, 'select id, name, role, created_at as createdAt, disabled_at as disabledAt from account order by name collate nocase').all() as AccountRow[];
}

/** The account a verb acts on, by name, or a clear refusal. */
export function requireAccount(db: Db, name: string): AccountRow & { passwordHash: string } {
  const found = typeof name === 'string' && name.trim().length <= 32 ? accountByName(db, name) : undefined;
  if (!found) throw notFound(`There is no account named ${String(name).trim().slice(0, 32)}: see the Accounts list (dirsync account list)`);
  return found;
}

/**
 * The last Admin that may sign in cannot be removed, disabled or demoted: the console would have
 * nobody left to manage it. Every verb that could do so calls this inside its transaction.
 */
export function refuseLastAdmin(db: Db, target: AccountRow, doing: string): void {
  if (target.role !== 'admin' || target.disabledAt !== null) return;
  const n = (stmt(db, "select count(*) as n from account where role = 'admin' and disabled_at is null").get() as { n: number }).n;
  if (n <= 1) throw conflict(`Cannot ${doing} ${target.name}: it is the last Admin. Make another account an Admin first`);
}

export const parseRole = (role: string): Role => {
  const r = role.trim().toLowerCase();
  if (r === 'admin') return 'admin';
  if (r === 'viewer' || r === 'view only admin') return 'viewer';
  throw usage('Role must be Admin (admin) or View Only Admin (viewer)');
};

/** Account names: 1–32 letters, digits, dots, hyphens or underscores. */
export function checkAccountName(name: string): string {
  const n = name.trim();
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(n)) throw usage('Account name must be 1 to 32 letters, digits, dots, hyphens or underscores');
  return n;
}

/** Passwords: at least 10 characters; there is no default password. */
export function checkNewPassword(password: string): string {
  if (password.length < 10) throw usage('Password must be at least 10 characters');
  if (password.length > 200) throw usage('Password must be at most 200 characters');
  return password;
}

/**
 * Create an account. With `firstRun`, only while no account exists (the setup page and
 * DIRSYNC_ADMIN_PASSWORD at start), and it is always an Admin.
 */
export function createAccount(db: Db, input: { name: string; password: string; role: Role }, opts: { firstRun?: boolean; by?: string } = {}): AccountRow {
  const name = checkAccountName(input.name);
  const password = checkNewPassword(input.password);
  if (input.role !== 'admin' && input.role !== 'viewer') throw usage('Role must be Admin or View Only Admin');
  const hash = hashPassword(password);
  return step(db, () => {
    if (opts.firstRun && accountCount(db) > 0) throw conflict('The first administrator already exists: sign in instead');
    if (accountByName(db, name)) throw conflict(`An account named ${name} already exists`);
    stmt(db, 'insert into account (name, password_hash, role, created_at) values (?, ?, ?, ?)').run(name, hash, opts.firstRun ? 'admin' : input.role, Date.now());
    const { passwordHash: _, ...row } = accountByName(db, name)!;
    recordSecurity(db, { kind: 'account changed', accountName: row.name, detail: `Created (${ROLE_LABELS[row.role]})${opts.firstRun ? ' at first-run setup' : opts.by ? `, by ${opts.by}` : ''}` });
    return row;
  });
}
