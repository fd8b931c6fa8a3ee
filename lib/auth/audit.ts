import type { Db } from '@/db/client';
import { stmt } from '@/lib/dirsync/statements';

export interface AuditInput {
  accountName: string;
  action: string;
  object: string;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Record a change made through the console (inside the change's own transaction). */
export function recordAudit(db: Db, e: AuditInput, now = Date.now()): void {
  stmt(db, 'insert into audit_entry (at, account_name, action, object, before, after) values (?, ?, ?, ?, ?, ?)').run(
    now,
    e.accountName,
    e.action,
    e.object,
    json(e.before),
    json(e.after),
  );
}

export interface AuditRow {
  id: number;
  at: number;
  accountName: string;
  action: string;
  object: string;
  before: string | null;
  after: string | null;
}

/** The audit trail, newest first, a page at a time. */
export function auditTrail(db: Db, opts: { limit?: number; beforeId?: number } = {}): AuditRow[] {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  return stmt(
    db,
    'select id, at, account_name as accountName, action, object, before, after from audit_entry where id < ? order by id desc limit ?',
  ).all(opts.beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
}
