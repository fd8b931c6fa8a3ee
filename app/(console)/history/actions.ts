'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { revision, wholeNumber } from '@/lib/actions/form-fields';
import { MAX_RUNS_KEPT, MIN_RUNS_KEPT, runRetention, setRunRetention } from '@/lib/history/retention';

/** Run History ▸ Retention…: how many runs are kept. */
export const saveRunRetentionAction = defineAction({
  name: 'Run History: Retention',
  schema: z.object({ maxRows: wholeNumber('Runs kept', MIN_RUNS_KEPT, MAX_RUNS_KEPT), revision }),
  revisionOf: (db) => ({ revision: runRetention(db).revision, object: 'The run history retention' }),
  fields: ['maxRows'],
  run: ({ db, input, audit }) => {
    const before = runRetention(db);
    const after = setRunRetention(db, input.maxRows, input.revision);
    audit('Run history', { maxRows: before.maxRows }, { maxRows: after.maxRows, removed: after.removed });
    return { revision: after.revision, removed: after.removed };
  },
});
