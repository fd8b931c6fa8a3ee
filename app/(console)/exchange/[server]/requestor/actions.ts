'use server';

import { z } from 'zod';
import { dirsyncRequestorRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, dirsyncTabs, fieldByMessage, passwordChange, required, revision, stringList } from '@/lib/actions/form-fields';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { exportContainerNames, requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import { saveDirsyncRequestor, type DirsyncRequestorInput } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { describeSchedule } from '@/lib/exchange/dxa/schedule-grid';
import { resolveServer } from '@/lib/exchange/servers/servers';
import type { Db } from '@/db/client';

const server = z.string().min(1);
const tabs = dirsyncTabs({ server });

const fieldOf = fieldByMessage([
  [/^Name /, 'name'],
  [/Requestor language/, 'language'],
  [/address type/, 'addressTypes'],
  [/recipients container/, 'exportContainers'],
  [/schedule|Selected times/i, 'grid'],
]);

/** What the audit trail records of the object (no password, only whether it changed). */
function describe(db: Db, serverName: string) {
  const s = resolveServer(db, serverName);
  const l = requestorLink(db, s);
  if (!l) return null;
  const rc = reqconfOf(db, s.connectorPoId);
  return {
    name: l.name,
    dss: l.po,
    appendName: !!l.appendName,
    language: l.language,
    types: rc.types,
    importContainer: l.importContainer,
    importTrust: l.importTrust,
    exportContainers: exportContainerNames(db, l.id),
    exportTrust: l.exportTrust,
    exportCustom: !!l.exportCustom,
    sendUpdates: !!rc.sendUpdates,
    receiveUpdates: !!rc.receiveUpdates,
    sendTemplates: !!l.sendTemplates,
    receiveTemplates: !!l.receiveTemplates,
    importNext: !!rc.importNext,
    exportNext: !!l.exportNext,
    schedule: describeSchedule({ style: l.scheduleStyle, grid: l.schedule }),
  };
}

/** Dirsync Requestor ▸ any tab: Apply / OK (reference §5.5). */
export const saveDirsyncRequestorAction = defineAction({
  name: 'Dirsync Requestor: Properties',
  revisionOf: (db, input) => dirsyncRequestorRevision(db, input.server),
  schema: z.discriminatedUnion('tab', [
    z.object({
      tab: z.literal('general'),
      server,
      revision,
      name: required('Name').max(64, 'Name must be 1 to 64 characters'),
      appendName: checkbox,
      addressTypes: stringList,
      language: z.string().min(1),
    }),
    tabs.importContainer,
    tabs.exportContainers,
    z.object({
      tab: z.literal('settings'),
      server,
      revision,
      password: z.string().default(''),
      clearPassword: checkbox,
      sendUpdates: checkbox,
      receiveUpdates: checkbox,
      sendTemplates: checkbox,
      receiveTemplates: checkbox,
      importNext: checkbox,
      exportNext: checkbox,
    }),
    tabs.schedule,
  ]),
  fieldOf,
  run: ({ db, input, audit }) => {
    const before = describe(db, input.server);
    let fields: DirsyncRequestorInput;
    switch (input.tab) {
      case 'general':
        fields = { name: input.name, appendName: input.appendName, addressTypes: input.addressTypes, language: input.language };
        break;
      case 'import-container':
        fields = { importTrust: input.importTrust };
        break;
      case 'export-containers':
        fields = { exportContainers: input.exportContainers, exportTrust: input.exportTrust, exportCustom: input.exportCustom };
        break;
      case 'settings':
        fields = {
          password: passwordChange(input.password, input.clearPassword),
          sendUpdates: input.sendUpdates,
          receiveUpdates: input.receiveUpdates,
          sendTemplates: input.sendTemplates,
          receiveTemplates: input.receiveTemplates,
          importNext: input.importNext,
          exportNext: input.exportNext,
        };
        break;
      case 'schedule':
        fields = { schedule: { style: input.style, grid: input.grid } };
        break;
    }
    const link = saveDirsyncRequestor(db, input.server, undefined, { ...fields, revision: input.revision });
    audit(`${input.server.toUpperCase()} Dirsync Requestor`, before, {
      ...describe(db, input.server),
      ...(input.tab === 'settings' && (input.password || input.clearPassword) ? { password: 'changed' } : {}),
    });
    return { revision: link.revision };
  },
});

/** File ▸ New Other ▸ Dirsync Requestor: the MS Mail dirsync server postoffice, a name, the password. */
export const createDirsyncRequestorAction = defineAction({
  name: 'New Other: Dirsync Requestor',
  noRevision: 'makes the Dirsync Requestor; a server that has one is refused',
  schema: z.object({
    server,
    dss: z.string().trim().min(1, 'Pick the MS Mail dirsync server postoffice'),
    name: z.string().trim().default(''),
    password: z.string().default(''),
  }),
  fieldOf,
  run: ({ db, input, audit }) => {
    const s = resolveServer(db, input.server);
    saveDirsyncRequestor(db, input.server, input.dss, { name: input.name || undefined, password: input.password || undefined, create: true });
    audit(`${s.name} Dirsync Requestor`, null, describe(db, input.server));
    return { dss: input.dss };
  },
});
