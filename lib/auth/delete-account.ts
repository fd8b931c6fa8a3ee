import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { refuseLastAdmin, requireAccount, ROLE_LABELS } from './accounts';
import { recordSecurity } from './security-log';

/** Delete an account; its sessions go with it (cascade). The last Admin cannot be deleted. `by`: who asks. */
export function deleteAccount(db: Db, name: string, by: string): { name: string; role: string } {
  return step(db, () => {
    const target = requireAccount(db, name);
    refuseLastAdmin(db, target, 'delete');
    stmt(db, 'delete from account where id = ?').run(target.id);
    recordSecurity(db, { kind: 'account changed', accountName: target.name, detail: `Deleted (${ROLE_LABELS[target.role]}), by ${by}` });
    return { name: target.name, role: ROLE_LABELS[target.role] };
  });
}
