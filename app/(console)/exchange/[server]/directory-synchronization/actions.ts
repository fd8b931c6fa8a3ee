'use server';

import { z } from 'zod';
import { directorySyncRevision, loggingRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { usage } from '@/lib/core/errors';
import { LOGGING_SERVICES } from '@/lib/exchange/services/diagnostics-categories';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { revision } from '@/lib/actions/form-fields';
import { saveDeliveryRestrictions } from '@/lib/exchange/dxa/save-delivery-restrictions';
import { saveTemplateMaps } from '@/lib/exchange/dxa/save-template-maps';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { getDirectorySyncSettings } from '@/lib/queries/directory-synchronization-sheet';

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
  revisionOf: (db, input) => loggingRevision(db, input.server, ['MSExchangeDX']),
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

const aliases = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Directory Synchronization ▸ Delivery Restrictions: Apply / OK. */
export const deliveryRestrictionsAction = defineAction({
  name: 'Directory Synchronization: Delivery Restrictions',
  revisionOf: (db, input) => directorySyncRevision(db, input.server),
  schema: z.object({
    server: z.string().min(1),
    revision,
    acceptFrom: z.enum(['All', 'List'], { message: 'Accept messages from is All or List' }),
    rejectFrom: z.enum(['None', 'List'], { message: 'Reject messages from is None or List' }),
    accept: aliases,
    reject: aliases,
  }),
  fieldOf: (e) => (/Accept/.test(e.message) ? 'acceptFrom' : /Reject|alias/.test(e.message) ? 'rejectFrom' : undefined),
  run: ({ db, input, audit }) => {
    const server = resolveServer(db, input.server);
    const before = getDirectorySyncSettings(db, server.name);
    const after = saveDeliveryRestrictions(db, server.name, input);
    const show = (r: { acceptFrom: string; rejectFrom: string; accept: unknown[]; reject: unknown[] }) => ({
      acceptFrom: r.acceptFrom,
      rejectFrom: r.rejectFrom,
      accept: r.accept,
      reject: r.reject,
    });
    if (after.changed) audit(`${server.name} Directory Synchronization`, show({ ...before, accept: before.accept.map((m) => m.alias), reject: before.reject.map((m) => m.alias) }), show(after));
    return { revision: after.revision };
  },
});

const maps = z.string().transform((s, ctx) => {
  try {
    return z.array(z.object({ prompt: z.string(), attribute: z.string() })).parse(JSON.parse(s || '[]'));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'The template mappings could not be read: reload the page' });
    return z.NEVER;
  }
});

/** Directory Synchronization ▸ Incoming Templates / Outgoing Templates: Apply / OK. */
export const templateMapsAction = defineAction({
  name: 'Directory Synchronization: Templates',
  revisionOf: (db, input) => directorySyncRevision(db, input.server),
  schema: z.object({ server: z.string().min(1), revision, direction: z.enum(['incoming', 'outgoing']), maps }),
  fieldOf: () => 'maps',
  run: ({ db, input, audit }) => {
    const server = resolveServer(db, input.server);
    const before = getDirectorySyncSettings(db, server.name)[input.direction];
    const after = saveTemplateMaps(db, server.name, input.direction, input.maps, input.revision);
    if (after.changed) audit(`${server.name} Directory Synchronization ${input.direction} templates`, before, after.maps);
    return { revision: after.revision };
  },
});
