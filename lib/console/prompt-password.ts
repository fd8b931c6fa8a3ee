import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';

/** Wrong `-p` passwords for one postoffice allowed before each further try waits; the wait doubles up to 5 minutes (as sign-in). */
export const PROMPT_FREE_FAILURES = 3;
const MAX_WAIT_S = 300;

/** Seconds this account must still wait before its next `-p` try for this postoffice (0: may try now). */
export function promptWaitSeconds(db: Db, account: string, po: string, now: number): number {
  const row = stmt(db, 'select failures, last_at as lastAt from prompt_password_failure where account_name = ? and po = ?').get(account, po) as
    | { failures: number; lastAt: number }
    | undefined;
  if (!row || row.failures < PROMPT_FREE_FAILURES) return 0;
  const wait = Math.min(2 ** (row.failures - PROMPT_FREE_FAILURES), MAX_WAIT_S) * 1000;
  return Math.max(0, Math.ceil((row.lastAt + wait - now) / 1000));
}

/** Count a wrong password, or forget the failures after a right one. */
export function recordPromptPassword(db: Db, account: string, po: string, right: boolean, now: number): void {
  if (right) {
    stmt(db, 'delete from prompt_password_failure where account_name = ? and po = ?').run(account, po);
    return;
  }
  stmt(
    db,
    `insert into prompt_password_failure (account_name, po, failures, last_at) values (?, ?, 1, ?)
     on conflict(account_name, po) do update set failures = failures + 1, last_at = excluded.last_at`,
  ).run(account, po, now);
}
