import type { Db } from '@/db/client';
import { denied } from '@/lib/dirsync/errors';
import { hashPassword, verifyPassword } from '@/lib/dirsync/password';
import { step, stmt } from '@/lib/dirsync/statements';
import { accountByName, type AccountRow } from './accounts';

/** Failed sign-ins allowed before each further try must wait; the wait doubles up to 5 minutes. */
export const FREE_FAILURES = 3;
const MAX_WAIT_S = 300;

/** A hash to compare against when the name is unknown, so both cases cost the same. */
let decoy: string | undefined;

/** Seconds a name must still wait before its next try (0: may try now). */
export function waitSeconds(db: Db, name: string, now: number): number {
  const row = stmt(db, 'select failures, last_at as lastAt from sign_in_failure where name = ?').get(name.trim().toLowerCase()) as
    | { failures: number; lastAt: number }
    | undefined;
  if (!row || row.failures < FREE_FAILURES) return 0;
  const wait = Math.min(2 ** (row.failures - FREE_FAILURES), MAX_WAIT_S) * 1000;
  return Math.max(0, Math.ceil((row.lastAt + wait - now) / 1000));
}

/**
 * Check a name and password. Refused while the name must wait after repeated failures; a wrong
 * name or password is one message (no hint which), and counts as a failure.
 */
export function signIn(db: Db, name: string, password: string, now = Date.now()): AccountRow {
  const key = name.trim().toLowerCase();
  const wait = waitSeconds(db, key, now);
  if (wait > 0) throw denied(`Too many failed sign-ins for ${name.trim()}: try again in ${wait} second${wait === 1 ? '' : 's'}`);
  const found = accountByName(db, name);
  const ok = verifyPassword(password, found?.passwordHash ?? (decoy ??= hashPassword('decoy password, never valid')));
  if (!found || !ok) {
    // Recorded in its own transaction: the refusal must not roll it back.
    step(db, () =>
      stmt(
        db,
        `insert into sign_in_failure (name, failures, last_at) values (?, 1, ?)
         on conflict(name) do update set failures = failures + 1, last_at = excluded.last_at`,
      ).run(key, now),
    );
    throw denied('The account name or password is not correct');
  }
  stmt(db, 'delete from sign_in_failure where name = ?').run(key);
  const { passwordHash: _, ...row } = found;
  return row;
}
