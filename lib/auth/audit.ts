import type { Db } from '@/db/client';
import { stmt } from '@/lib/dirsync/statements';

export interface AuditInput {
  accountName: string;
  action: string;
  object: string;
  before?: unknown;
  after?: unknown;
}

/** An audit entry's text fields are bounded: a huge form value must not grow the trail without end. */
export const MAX_AUDIT_TEXT = 200;
export const MAX_AUDIT_JSON = 4000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A value as stored: any field named like a password is masked, strings are bounded, the whole is bounded. */
function json(v: unknown): string | null {
  if (v === undefined) return null;
  const text = JSON.stringify(v, (key, value) => {
    if (/password/i.test(key) && value !== null && value !== undefined && value !== '') return '****';
    return typeof value === 'string' ? cut(value, MAX_AUDIT_JSON) : value;
  });
  if (text === undefined) return null;
  // Cut JSON is no longer JSON: store it as a JSON string that says it was cut.
  return text.length > MAX_AUDIT_JSON ? JSON.stringify(`${text.slice(0, MAX_AUDIT_JSON - 40)}… (cut: ${text.length} characters)`) : text;
}

/** Record a change made through the console (inside the change's own transaction). */
export function recordAudit(db: Db, e: AuditInput, now = Date.now()): void {
  stmt(db, 'insert into audit_entry (at, account_name, action, object, before, after) values (?, ?, ?, ?, ?, ?)').run(
    now,
    cut(e.accountName, MAX_AUDIT_TEXT),
    cut(e.action, MAX_AUDIT_TEXT),
    cut(e.object, MAX_AUDIT_TEXT),
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
