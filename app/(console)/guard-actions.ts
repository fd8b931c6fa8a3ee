'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { wholeNumber } from '@/lib/actions/form-fields';
import { deleteGuardOf } from '@/lib/dirsync/delete-guard';
import { deleteGuardRevision, guardTarget } from '@/lib/guard/guard-target';
import { MAX_GUARD_NAMES, setDeleteGuard } from '@/lib/guard/set-delete-guard';

/** Dir-Sync Options / the Dirsync Requestor's page ▸ Delete guard: the limits of a postoffice or Exchange requestor. */
export const deleteGuardAction = defineAction({
  name: 'Dir-Sync: Delete guard',
  revisionOf: (db, input) => deleteGuardRevision(db, input.target),
  schema: z.object({
    target: z.string().min(1).max(64),
    names: wholeNumber('Names', 0, MAX_GUARD_NAMES),
    percent: wholeNumber('Percent of the GAL', 0, 100),
  }),
  fields: ['names', 'percent'],
  run: ({ db, input, audit }) => {
    const t = guardTarget(db, input.target);
    const before = deleteGuardOf(db, t.po.id);
    const message = setDeleteGuard(db, input.target, { names: input.names, percent: input.percent });
    audit(`${t.label} delete guard`, { names: before.names, percent: before.percent }, { names: input.names, percent: input.percent });
    return message;
  },
});
