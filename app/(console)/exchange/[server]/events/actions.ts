'use server';

import { z } from 'zod';
import { logSettingsRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { revision, wholeNumber } from '@/lib/actions/form-fields';
import { clearEventLog } from '@/lib/exchange/events/clear-event-log';
import { eventLogSettings, MAX_LOG_KB, MAX_OLDER_THAN_DAYS, MIN_LOG_KB } from '@/lib/exchange/events/event-log-settings';
import { setEventLogSettings } from '@/lib/exchange/events/set-event-log-settings';

/** Log ▸ Log Settings…: Maximum log size and Event Log Wrapping of a server's Application log. */
export const saveLogSettingsAction = defineAction({
  name: 'Event Viewer: Log Settings',
  revisionOf: (db, input) => logSettingsRevision(db, input.server),
  schema: z.object({
    server: z.string().min(1),
    maxKb: wholeNumber('Maximum log size', MIN_LOG_KB, MAX_LOG_KB),
    overwrite: z.enum(['as_needed', 'older_than', 'never'], { message: 'Choose how the log wraps when it is full' }),
    olderThanDays: wholeNumber('Overwrite events older than (days)', 1, MAX_OLDER_THAN_DAYS),
    revision,
  }),
  fieldOf: (e) => (/maximum log size|more than the new maximum/i.test(e.message) ? 'maxKb' : /days/.test(e.message) ? 'olderThanDays' : undefined),
  run: ({ db, input, audit }) => {
    const before = eventLogSettings(db, input.server);
    const after = setEventLogSettings(db, input.server, { maxKb: input.maxKb, overwrite: input.overwrite, olderThanDays: input.olderThanDays, revision: input.revision });
    audit(`${after.computer} Application log`, { maxKb: before.maxKb, overwrite: before.overwrite, olderThanDays: before.olderThanDays }, { maxKb: after.maxKb, overwrite: after.overwrite, olderThanDays: after.olderThanDays, removed: after.removed });
    return { revision: after.revision, removed: after.removed };
  },
});

/** Log ▸ Clear All Events of a server's Application log. */
export const clearEventLogAction = defineAction({
  name: 'Event Viewer: Clear All Events',
  noRevision: 'empties the log, after the confirmation: an act, not a form',
  schema: z.object({ server: z.string().min(1) }),
  run: ({ db, input, audit }) => {
    const result = clearEventLog(db, input.server);
    audit(`${result.computer} Application log`, undefined, { cleared: result.removed });
    return { removed: result.removed };
  },
});
