import type { Db } from '@/db/client';
import { denied, usage } from '@/lib/core/errors';
import { hashPassword, verifyPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';
import { checkNewPassword } from './accounts';
import { recordSecurity } from './security-log';
import { digest } from './sessions';

/**
 * Anyone signed in changes their own password, proving the current one. Their other sessions end
 * (the one they are using, `keepToken`, stays).
 */
export function changeOwnPassword(db: Db, accountId: number, current: string, next: string, keepToken?: string): { sessionsEnded: number } {
  if (current.length > 1024) throw denied('The current password is not correct');
  checkNewPassword(next);
  if (next === current) throw usage('The new password must differ from the current one');
  const hash = hashPassword(next);
  return step(db, () => {
    const row = stmt(db, 'select name, password_hash as passwordHash from account where id = ? and disabled_at is null').get(accountId) as
      | { name: string; passwordHash: string }
      | undefined;
    if (!row || !verifyPassword(current, row.passwordHash)) throw denied('The current password is not correct');
    stmt(db, 'update account set password_hash = ? where id = ?').run(hash, accountId);
    const ended = stmt(db, 'delete from session where account_id = ? and token_hash != ?').run(accountId, keepToken ? digest(keepToken) : '').changes;
    recordSecurity(db, { kind: 'account changed', accountName: row.name, detail: `Own password changed (${ended} other session${ended === 1 ? '' : 's'} ended)` });
    return { sessionsEnded: ended };
  });
}
