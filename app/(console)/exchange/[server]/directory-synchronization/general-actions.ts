'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { revision } from '@/lib/actions/form-fields';
import { saveDirectorySyncAddress } from '@/lib/exchange/dxa/save-directory-sync-address';
import { saveDirectorySyncGeneral } from '@/lib/exchange/dxa/save-directory-sync-general';
import { getDirectorySynchronizationSheet } from '@/lib/queries/directory-synchronization-sheet';
import { directorySyncRevision } from '@/lib/queries/revisions';

/** Directory Synchronization ▸ General: Apply / OK (the display name). */
export const directorySyncGeneralAction = defineAction({
  name: 'Directory Synchronization: General',
  schema: z.object({ server: z.string().min(1), revision, displayName: z.string() }),
  revisionOf: (db, input) => directorySyncRevision(db, input.server),
  fieldOf: (e) => (/someone else/.test(e.message) ? undefined : 'displayName'),
  run: ({ db, input, audit }) => {
    const before = getDirectorySynchronizationSheet(db, input.server);
    const r = saveDirectorySyncGeneral(db, input.server, input);
    if (r.changed) audit(`${before.server} Directory Synchronization`, { displayName: before.displayName }, { displayName: r.displayName });
    return { revision: r.revision };
  },
});

/** Directory Synchronization ▸ E-mail Addresses: Apply / OK (the MS address; empty for the generated one). */
export const directorySyncAddressAction = defineAction({
  name: 'Directory Synchronization: E-mail Addresses',
  schema: z.object({ server: z.string().min(1), revision, msAddress: z.string() }),
  revisionOf: (db, input) => directorySyncRevision(db, input.server),
  fieldOf: (e) => (/someone else/.test(e.message) ? undefined : 'msAddress'),
  run: ({ db, input, audit }) => {
    const before = getDirectorySynchronizationSheet(db, input.server);
    const r = saveDirectorySyncAddress(db, input.server, input);
    if (r.changed) audit(`${before.server} Directory Synchronization`, { msAddress: before.msAddress }, { msAddress: r.msAddress });
    return { revision: r.revision };
  },
});
