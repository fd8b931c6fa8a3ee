import type { Db } from '@/db/client';
import { hashPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';
import { checkNewPassword, requireAccount } from './accounts';
import { recordSecurity } from './security-log';

/**
 * An Admin sets a new password for an account (forgotten, or possibly known to someone else): its
 * sessions end, so whoever used the old password is signed out. `by`: who asks.
 */
export function resetPassword(db: Db, name: string, password: string, by: string): { name: string; sessionsEnded: number } {
  const hash = hashPassword(checkNewPassword(password));
  return step(db, () => {
    const target = requireAccount(db, name);
    stmt(db, 'update account set password_hash = ? where id = ?').run(hash, target.id);
    const ended = stmt(db, 'delete from session where account_id = ?').run(target.id).changes;
    // Its clients' slowdowns start afresh (a prefix match: `_` in a name must not act as LIKE's wildcard).
    const prefix = `${target.name.toLowerCase()}|`;
    stmt(db, 'delete from sign_in_throttle where substr(key, 1, length(?)) = ?').run(prefix, prefix);
    recordSecurity(db, { kind: 'account changed', accountName: target.name, detail: `Password reset (${ended} session${ended === 1 ? '' : 's'} ended), by ${by}` });
    return { name: target.name, sessionsEnded: ended };
  });
}
