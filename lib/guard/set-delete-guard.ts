import type { Db } from '@/db/client';
import { deleteGuardOf, guardWords } from '@/lib/dirsync/delete-guard';
import { conflict, usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { guardTarget } from './guard-target';

export const MAX_GUARD_NAMES = 1_000_000;

/**
 * Set a postoffice's (or Exchange requestor's) delete guard: hold an import that removes more than
 * `names` names or `percent` % of the GAL; 0 turns a limit off, both 0 turn the guard off. A
 * `revision` (the console's) must still be current.
 */
export function setDeleteGuard(db: Db, spec: string, input: { names?: number; percent?: number }, revision?: number): string {
  if (input.names !== undefined && (!Number.isInteger(input.names) || input.names < 0 || input.names > MAX_GUARD_NAMES)) {
    throw usage(`the delete guard's number of names must be a whole number from 0 (off) to ${MAX_GUARD_NAMES}, not "${input.names}"`, { code: 'delete-guard.names-invalid', field: 'names' });
  }
  if (input.percent !== undefined && (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100)) {
    throw usage(`the delete guard's percentage of the GAL must be a whole number from 0 (off) to 100, not "${input.percent}"`, { code: 'delete-guard.percent-invalid', field: 'percent' });
  }
  return step(db, () => {
    const t = guardTarget(db, spec);
    const current = deleteGuardOf(db, t.po.id);
    if (revision !== undefined && revision !== current.revision) {
      throw conflict(`the delete guard of ${t.label} was changed since you opened it: reload to see the current limits, then make your change again`, { code: 'revision.changed' });
    }
    const next = { names: input.names ?? current.names, percent: input.percent ?? current.percent };
    stmt(
      db,
      `insert into delete_guard (po_id, names, percent, revision) values (?, ?, ?, 1)
       on conflict (po_id) do update set names = excluded.names, percent = excluded.percent, revision = revision + 1`,
    ).run(t.po.id, next.names, next.percent);
    return `${t.label}: delete guard ${guardWords(next) === 'off' ? 'off' : `holds an import that removes more than ${guardWords(next)}`}`;
  });
}
