'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { applyHealthFix } from '@/lib/health/apply-fix';

const name = z.string().min(1).max(64);

/** A Health finding's fix button: Import or Export on next cycle, or a service restart (lib/health/apply-fix.ts). */
export const healthFixAction = defineAction({
  name: 'Health: fix',
  noRevision: 'applies the fix a current finding offers (refused when no finding offers it): an act, not a form',
  schema: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('import-next'), requestor: name, label: z.string().default('') }),
    z.object({ kind: z.literal('export-next'), requestor: name, label: z.string().default('') }),
    z.object({ kind: z.literal('restart-service'), server: name, service: name, label: z.string().default('') }),
    z.object({ kind: z.literal('guard-apply'), target: name, label: z.string().default('') }),
    z.object({ kind: z.literal('guard-discard'), target: name, label: z.string().default('') }),
  ]),
  run: ({ db, input, audit }) => {
    const message = applyHealthFix(db, input);
    audit(input.kind === 'restart-service' ? `${input.server} ${input.service}` : 'target' in input ? input.target : input.requestor, undefined, { fix: input.kind });
    return message;
  },
});
