import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

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

/** What the audit trail can be narrowed to (Audit ▸ Filter): every part optional, all parts must hold. */
export interface AuditFilter {
  /** The account's name, exactly (case-insensitive). */
  who?: string;
  /** Text in the action ("Registry: set value"). */
  what?: string;
  /** Text in the object's name. */
  object?: string;
  /** At or after this time (ms, UTC). */
  since?: number;
  /** Before this time (ms, UTC). */
  until?: number;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Older entries exist: pass `beforeId` = the last row's id. */
  older: boolean;
  /** Newer entries exist: pass `afterId` = the first row's id. */
  newer: boolean;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The audit trail, newest first, one page at a time by id (keyset paging: each page reads only its
 * rows, never the whole table), narrowed by `filter`. `beforeId` pages to older entries, `afterId`
 * back to newer ones.
 */
export function auditTrail(db: Db, opts: { limit?: number; beforeId?: number; afterId?: number; filter?: AuditFilter } = {}): AuditRow[] {
  return auditPage(db, opts).rows;
}

export function auditPage(db: Db, opts: { limit?: number; beforeId?: number; afterId?: number; filter?: AuditFilter } = {}): AuditPage {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const f = opts.filter ?? {};
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.who?.trim()) (where.push('account_name = ? collate nocase'), args.push(f.who.trim()));
  if (f.what?.trim()) (where.push("action like ? escape '\\'"), args.push(like(f.what.trim())));
  if (f.object?.trim()) (where.push("object like ? escape '\\'"), args.push(like(f.object.trim())));
  if (f.since !== undefined) (where.push('at >= ?'), args.push(f.since));
  if (f.until !== undefined) (where.push('at < ?'), args.push(f.until));
  const cols = 'select id, at, account_name as accountName, action, object, before, after from audit_entry';
  const exists = (cond: string, id: number) => !!stmt(db, `select 1 from audit_entry where ${[...where, cond].join(' and ')} limit 1`).get(...args, id);
  let rows: AuditRow[];
  if (opts.afterId !== undefined) {
    rows = (stmt(db, `${cols} where ${[...where, 'id > ?'].join(' and ')} order by id asc limit ?`).all(...args, opts.afterId, limit) as AuditRow[]).reverse();
  } else {
    rows = stmt(db, `${cols} where ${[...where, 'id < ?'].join(' and ')} order by id desc limit ?`).all(...args, opts.beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
  }
  if (rows.length === 0) return { rows, older: opts.afterId !== undefined && exists('id <= ?', opts.afterId), newer: opts.beforeId !== undefined && exists('id >= ?', opts.beforeId) };
  return { rows, older: exists('id < ?', rows[rows.length - 1].id), newer: exists('id > ?', rows[0].id) };
}

/** One changed field of an entry: `field: before → after`. */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string =>
  v === undefined || v === null || v === '' ? '(none)' : Array.isArray(v) ? (v.length ? v.map(show).join(', ') : '(none)') : typeof v === 'object' ? JSON.stringify(v) : String(v);

const parse = (text: string | null): unknown => {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An entry's before and after (stored as JSON) as the fields that changed, `field: before → after`:
 * objects field by field (unchanged fields left out), a single value as `value`.
 */
export function auditChanges(beforeText: string | null, afterText: string | null): AuditChange[] {
  const before = parse(beforeText);
  const after = parse(afterText);
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: 'value', before: show(before), after: show(after) }];
}
