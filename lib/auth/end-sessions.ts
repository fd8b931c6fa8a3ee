import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { requireAccount } from './accounts';
import { recordSecurity } from './security-log';

/**
 * End an account's sessions: one (its number from the sessions list) or all. The browsers using
 * them are signed out at their next request. `by`: who asks.
 */
export function endAccountSessions(db: Db, name: string, by: string, sessionId?: number): { name: string; ended: number } {
  return step(db, () => {
    const target = requireAccount(db, name);
    const ended =
      sessionId === undefined
        ? stmt(db, 'delete from session where account_id = ?').run(target.id).changes
        : stmt(db, 'delete from session where account_id = ? and rowid = ?').run(target.id, sessionId).changes;
    if (sessionId !== undefined && ended === 0) throw notFound(`${target.name} has no session ${sessionId}: it has ended already`);
    if (ended > 0)
      recordSecurity(db, { kind: 'account changed', accountName: target.name, detail: `${sessionId === undefined ? `${ended} session${ended === 1 ? '' : 's'}` : `Session ${sessionId}`} ended, by ${by}` });
    return { name: target.name, ended };
  });
}
