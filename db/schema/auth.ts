import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
  },
  (t) => [index('session_account').on(t.accountId)],
);

/** Failed sign-ins per account name: each one past the third doubles the wait before the next try. */
export const signInFailure = sqliteTable('sign_in_failure', {
  name: text('name').primaryKey(),
  failures: integer('failures').notNull(),
  lastAt: integer('last_at').notNull(),
});

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
