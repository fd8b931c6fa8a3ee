import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/**
 * Console accounts, their sessions, failed sign-ins and the audit trail. Times here are wall-clock
 * Unix ms: they concern the people using the console, not the simulated network.
 */
export const account = sqliteTable(
  'account',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** scrypt (memory-hard) hash. */
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** When the account was disabled (it cannot sign in; its sessions were ended); null while enabled. */
    disabledAt: integer('disabled_at'),
  },
  (t) => [uniqueIndex('account_name').on(sql`name collate nocase`)],
);

/** A signed-in browser: the SHA-256 of its cookie token, never the token itself. */
export const session = sqliteTable(
  'session',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id').notNull().references(() => account.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** The client address the server saw at sign-in (shown in Accounts ▸ Sessions). */
    address: text('address'),
  },
  (t) => [index('session_account').on(t.accountId)],
);

/**
 * Failed sign-ins per account name *and* client (address + browser key): each one past the third
 * doubles the wait before that client's next try for that name. Other clients are not slowed, so
 * nobody can lock an account out (lib/auth/sign-in.ts). Rows are purged once they are a day old.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastAt: integer('last_at').notNull(),
  },
  (t) => [index('sign_in_throttle_last_at').on(t.lastAt)],
);

/**
 * Browsers (the SHA-256 of their client key) that signed in to an account before: while the
 * global failure budget is spent, only these may still try that account.
 */
export const knownClient = sqliteTable(
  'known_client',
  {
    clientHash: text('client_hash').notNull(),
    accountId: integer('account_id').notNull().references(() => account.id, { onDelete: 'cascade' }),
    lastAt: integer('last_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientHash, t.accountId] })],
);

/**
 * The security log: failed and locked sign-ins, refused actions, refused origins and account
 * changes. Bounded (the oldest rows go past SECURITY_LOG_ROWS); values are cut to a fixed length.
 */
export const securityEvent = sqliteTable(
  'security_event',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    accountName: text('account_name'),
    address: text('address'),
    detail: text('detail').notNull(),
  },
  (t) => [index('security_event_kind_at').on(t.kind, t.at)],
);

/** Every change made through the console: who, when, which object, before → after (JSON). */
export const auditEntry = sqliteTable(
  'audit_entry',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    accountName: text('account_name').notNull(),
    action: text('action').notNull(),
    object: text('object').notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_entry_at').on(t.at)],
);

/**
 * Wrong postoffice admin passwords (`-p`) typed at the console's command prompt, per account and
 * postoffice: past the third, each further try waits, doubling up to 5 minutes.
 */
export const promptPasswordFailure = sqliteTable(
  'prompt_password_failure',
  {
    accountName: text('account_name').notNull(),
    po: text('po').notNull(),
    failures: integer('failures').notNull(),
    lastAt: integer('last_at').notNull(),
  },
  (t) => [uniqueIndex('prompt_password_failure_key').on(t.accountName, t.po)],
);
