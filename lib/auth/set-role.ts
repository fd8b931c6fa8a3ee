import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { parseRole, refuseLastAdmin, requireAccount, ROLE_LABELS, type Role } from './accounts';
import { recordSecurity } from './security-log';

/** Make an account an Admin or a View Only Admin; the last Admin cannot be demoted. `by`: who asks. */
export function setAccountRole(db: Db, name: string, role: Role | string, by: string): { name: string; before: string; after: string } {
  const next = parseRole(role);
  return step(db, () => {
    const target = requireAccount(db, name);
    if (target.role !== next) {
      if (next !== 'admin') refuseLastAdmin(db, target, 'make a View Only Admin of');
      stmt(db, 'update account set role = ? where id = ?').run(next, target.id);
      recordSecurity(db, { kind: 'account changed', accountName: target.name, detail: `Role ${ROLE_LABELS[target.role]} → ${ROLE_LABELS[next]}, by ${by}` });
    }
    return { name: target.name, before: ROLE_LABELS[target.role], after: ROLE_LABELS[next] };
  });
}
