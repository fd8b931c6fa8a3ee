import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

/**
 * The security log: what an Admin reviewing the console's use wants to see next to the audit
 * trail — failed and locked sign-ins, refused actions and origins, account changes. Anyone can
 * cause an entry without signing in, so the log is bounded: values are cut to a fixed length and
 * only the newest SECURITY_LOG_ROWS entries are kept.
 */
export const SECURITY_LOG_ROWS = 10_000;
const MAX_VALUE = 200;

export type SecurityKind =
  | 'sign-in failed'
  | 'sign-in locked'
  | 'sign-in refused'
  | 'sign-in budget spent'
  | 'signed in'
  | 'action refused'
  | 'origin refused'
  | 'account changed';

export interface SecurityInput {
  kind: SecurityKind;
  accountName?: string | null;
  address?: string | null;
  detail: string;
}

const cut = (v: string | null | undefined) => (v == null ? null : v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v);

/** Add an entry (in the caller's transaction, when there is one) and drop what is past the bound. */
export function recordSecurity(db: Db, e: SecurityInput, now = Date.now()): void {
  const { lastInsertRowid } = stmt(db, 'insert into security_event (at, kind, account_name, address, detail) values (?, ?, ?, ?, ?)').run(
    now,
    e.kind,
    cut(e.accountName),
    cut(e.address),
    cut(e.detail),
  );
  // Every 100th entry trims the log back to its bound (cheap: the id is the rowid).
  if (Number(lastInsertRowid) % 100 === 0) stmt(db, 'delete from security_event where id <= ?').run(Number(lastInsertRowid) - SECURITY_LOG_ROWS);
}

export interface SecurityRow {
  id: number;
  at: number;
  kind: SecurityKind;
  accountName: string | null;
  address: string | null;
  detail: string;
}

/** The security log, newest first, a page at a time. */
export function securityLog(db: Db, opts: { limit?: number; beforeId?: number } = {}): SecurityRow[] {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  return stmt(
    db,
    'select id, at, kind, account_name as accountName, address, detail from security_event where id < ? order by id desc limit ?',
  ).all(opts.beforeId ?? Number.MAX_SAFE_INTEGER, limit) as SecurityRow[];
}

/** How many entries of a kind since a moment (the global sign-in failure budget counts these). */
export const securityCount = (db: Db, kind: SecurityKind, since: number) =>
  (stmt(db, 'select count(*) as n from security_event where kind = ? and at > ?').get(kind, since) as { n: number }).n;
