'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { usage } from '@/lib/dirsync/errors';
import { LOGGING_SERVICES } from '@/lib/exchange/diagnostics-categories';
import { setLoggingLevel } from '@/lib/exchange/set-logging-level';

const changes = z.string().transform((s, ctx) => {
  try {
    return z.array(z.object({ service: z.string(), category: z.string(), level: z.number().int() })).parse(JSON.parse(s || '[]'));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'The logging levels could not be read: reload the page' });
    return z.NEVER;
  }
});

/** Directory Synchronization ▸ Diagnostics Logging (MSExchangeDX). */
export const dxLoggingAction = defineAction({
  name: 'Directory Synchronization: Diagnostics Logging',
  schema: z.object({ server: z.string().min(1), changes }),
  run: ({ db, input, audit }) => {
    const results = input.changes.map((c) => {
      if (c.service !== 'MSExchangeDX' || !(LOGGING_SERVICES.MSExchangeDX as readonly string[]).includes(c.category)) {
        throw usage(`${c.service} ${c.category} is not a category of the Directory Synchronization object's Diagnostics Logging tab`);
      }
      return setLoggingLevel(db, input.server, c.service, c.category, String(c.level));
    });
    audit(`${input.server.toUpperCase()} diagnostics logging`, undefined, input.changes);
    return { restartNeeded: results.some((r) => r.restartNeeded), changed: results.length };
  },
});
