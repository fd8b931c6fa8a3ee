'use server';

import { z } from 'zod';
import { dirsyncServerRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, dirsyncTabs, fieldByMessage, required, revision } from '@/lib/actions/form-fields';
import { dirsyncServerOf } from '@/lib/exchange/dxa/dirsync-server';
import { saveDirsyncServer } from '@/lib/exchange/dxa/save-dirsync-server';
import { describeSchedule } from '@/lib/exchange/dxa/schedule-grid';

const server = z.string().min(1);

const fieldOf = fieldByMessage([
  [/^Name /, 'name'],
  [/Dirsync administrator/, 'administrator'],
  [/schedule|Selected times/i, 'grid'],
]);

/** Dirsync Server ▸ General or Schedule: Apply / OK (reference §5.3). */
export const saveDirsyncServerAction = defineAction({
  name: 'Dirsync Server: Properties',
  revisionOf: (db, input) => dirsyncServerRevision(db, input.server),
  schema: z.discriminatedUnion('tab', [
    z.object({
      tab: z.literal('general'),
      server,
      revision,
      name: required('Name'),
      administrator: z.string().default(''),
      copyAdministrator: checkbox,
      forwardToAdministrator: checkbox,
    }),
    dirsyncTabs({ server }).schedule,
  ]),
  fieldOf,
  run: ({ db, input, audit }) => {
    const before = dirsyncServerOf(db, input.server);
    saveDirsyncServer(
      db,
      input.server,
      input.tab === 'general'
        ? { name: input.name, administrator: input.administrator, copyAdministrator: input.copyAdministrator, forwardToAdministrator: input.forwardToAdministrator, revision: input.revision }
        : { schedule: { style: input.style, grid: input.grid }, revision: input.revision },
    );
    const after = dirsyncServerOf(db, input.server)!;
    const show = (r: typeof after | undefined) => r && { name: r.name, administrator: r.administrator, copy: !!r.copyAdministrator, forward: !!r.forwardToAdministrator, schedule: describeSchedule(r) };
    audit(`${input.server.toUpperCase()} Dirsync Server`, show(before), show(after));
    return { revision: after.revision };
  },
});

/** File ▸ New Other ▸ Dirsync Server: the first page (Name), then the object is made. */
export const createDirsyncServerAction = defineAction({
  name: 'New Other: Dirsync Server',
  noRevision: 'makes the Dirsync Server; a server that is one already is refused',
  schema: z.object({ server, name: required('Name') }),
  fieldOf,
  run: ({ db, input, audit }) => {
    saveDirsyncServer(db, input.server, { name: input.name, create: true });
    const row = dirsyncServerOf(db, input.server)!;
    audit(`${input.server.toUpperCase()} Dirsync Server`, null, { name: row.name, schedule: describeSchedule(row) });
    return { name: row.name };
  },
});
