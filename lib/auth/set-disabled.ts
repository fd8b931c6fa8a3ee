import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { refuseLastAdmin, requireAccount } from './accounts';
import { recordSecurity } from './security-log';

/**
 * Disable an account (it cannot sign in and its sessions end at once) or enable it again. The last
 * Admin cannot be disabled. `by`: who asks.
 */
export function setAccountDisabled(db: Db, name: string, disabled: boolean, by: string, now = Date.now()): { name: string; disabled: boolean; sessionsEnded: number } {
  return step(db, () => {
    const target = requireAccount(db, name);
    if (disabled === (target.disabledAt !== null)) return { name: target.name, disabled, sessionsEnded: 0 };
    let ended = 0;
    if (disabled) {
      refuseLastAdmin(db, target, 'disable');
      stmt(db, 'update account set disabled_at = ? where id = ?').run(now, target.id);
      ended = stmt(db, 'delete from session where account_id = ?').run(target.id).changes;
    } else {
      stmt(db, 'update account set disabled_at = null where id = ?').run(target.id);
    }
    recordSecurity(db, { kind: 'account changed', accountName: target.name, detail: `${disabled ? `Disabled (${ended} session${ended === 1 ? '' : 's'} ended)` : 'Enabled'}, by ${by}` }, now);
    return { name: target.name, disabled, sessionsEnded: ended };
  });
}
