'use server';

import { z } from 'zod';
import { remoteRequestorRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, dirsyncTabs, fieldByMessage, passwordChange, required, revision } from '@/lib/actions/form-fields';
import { findRemoteLink, exportContainerNames } from '@/lib/exchange/dxa/dirsync-links';
import { addRemoteRequestor } from '@/lib/exchange/dxa/add-remote-requestor';
import { setRemoteRequestor } from '@/lib/exchange/dxa/set-remote-requestor';
import { resolveServer } from '@/lib/exchange/servers/servers';
import type { Db } from '@/db/client';

const server = z.string().min(1);
const po = z.string().trim().min(1, 'Pick the MS Mail postoffice that is the requestor');
const tabs = dirsyncTabs({ server, po });

const fieldOf = fieldByMessage([
  [/^Name /, 'name'],
  [/Requestor language/, 'language'],
  [/import container/i, 'importContainer'],
  [/recipients container/, 'exportContainers'],
]);

const describe = (db: Db, serverName: string, which: string) => {
  const l = findRemoteLink(db, resolveServer(db, serverName), which);
  return (
    l && { name: l.name, po: l.po, appendName: !!l.appendName, language: l.language, importContainer: l.importContainer, importTrust: l.importTrust, exportContainers: exportContainerNames(db, l.id), exportTrust: l.exportTrust, exportCustom: !!l.exportCustom }
  );
};

/** Remote Dirsync Requestor ▸ General, Import Container or Export Containers: Apply / OK (reference §5.4). */
export const saveRemoteRequestorAction = defineAction({
  name: 'Remote Dirsync Requestor: Properties',
  revisionOf: (db, input) => remoteRequestorRevision(db, input.server, input.po),
  schema: z.discriminatedUnion('tab', [
    z.object({
      tab: z.literal('general'),
      server,
      po,
      revision,
      name: required('Name'),
      appendName: checkbox,
      password: z.string().default(''),
      clearPassword: checkbox,
      language: z.string().min(1),
      exportNext: checkbox,
    }),
    tabs.importContainer,
    tabs.exportContainers,
  ]),
  fieldOf,
  run: ({ db, input, audit }) => {
    const before = describe(db, input.server, input.po);
    const fields =
      input.tab === 'general'
        ? {
            name: input.name,
            appendName: input.appendName,
            password: passwordChange(input.password, input.clearPassword),
            language: input.language,
            exportNext: input.exportNext,
          }
        : input.tab === 'import-container'
          ? { importTrust: input.importTrust }
          : { exportContainers: input.exportContainers, exportTrust: input.exportTrust, exportCustom: input.exportCustom };
    const link = setRemoteRequestor(db, input.server, input.po, { ...fields, revision: input.revision });
    audit(`${input.server.toUpperCase()} Remote Dirsync Requestor ${link.po}`, before, {
      ...describe(db, input.server, link.po),
      ...(input.tab === 'general' && (input.password || input.clearPassword) ? { password: 'changed' } : {}),
    });
    return { revision: link.revision };
  },
});

/** File ▸ New Other ▸ Remote Dirsync Requestor: the postoffice picked from the list, then the General fields. */
export const addRemoteRequestorAction = defineAction({
  name: 'New Other: Remote Dirsync Requestor',
  noRevision: 'creates a Remote Dirsync Requestor; one for the same postoffice is refused',
  schema: z.object({
    server,
    po,
    /** Empty: the postoffice's name ("typically given the same name as the postoffice"). */
    name: z.string().trim().default(''),
    appendName: checkbox,
    password: z.string().default(''),
    language: z.string().min(1),
    importContainer: required('Import container'),
    exportNext: checkbox,
  }),
  fieldOf,
  run: ({ db, input, audit }) => {
    const link = addRemoteRequestor(db, input.server, input.po, {
      name: input.name || undefined,
      appendName: input.appendName,
      password: input.password,
      language: input.language,
      importContainer: input.importContainer,
      exportNext: input.exportNext,
    });
    audit(`${input.server.toUpperCase()} Remote Dirsync Requestor ${link.po}`, null, describe(db, input.server, link.po));
    return { po: link.po };
  },
});
