'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, required, revision, wholeNumber } from '@/lib/actions/form-fields';
import { findRemoteLink, exportContainerNames } from '@/lib/exchange/dirsync-links';
import { addRemoteRequestor, setRemoteRequestor } from '@/lib/exchange/save-remote-requestor';
import { resolveServer } from '@/lib/exchange/servers';
import type { Db } from '@/db/client';

const server = z.string().min(1);
const po = z.string().trim().min(1, 'Pick the MS Mail postoffice that is the requestor');
/** One value per exported container; the empty one only says the list was sent. */
const containerList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => ([] as string[]).concat(v ?? []).filter((c) => c.trim() !== ''));

const fieldOf = (e: Error) =>
  /^Name /.test(e.message)
    ? 'name'
    : /Requestor language/.test(e.message)
      ? 'language'
      : /import container/i.test(e.message)
        ? 'importContainer'
        : /recipients container/.test(e.message)
          ? 'exportContainers'
          : undefined;

const describe = (db: Db, serverName: string, which: string) => {
  const l = findRemoteLink(db, resolveServer(db, serverName), which);
  return (
    l && { name: l.name, po: l.po, appendName: !!l.appendName, language: l.language, importContainer: l.importContainer, importTrust: l.importTrust, exportContainers: exportContainerNames(db, l.id), exportTrust: l.exportTrust, exportCustom: !!l.exportCustom }
  );
};

/** Remote Dirsync Requestor ▸ General, Import Container or Export Containers: Apply / OK (reference §5.4). */
export const saveRemoteRequestorAction = defineAction({
  name: 'Remote Dirsync Requestor: Properties',
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
    z.object({ tab: z.literal('import-container'), server, po, revision, importTrust: wholeNumber('Trust level', 0, 100) }),
    z.object({
      tab: z.literal('export-containers'),
      server,
      po,
      revision,
      exportContainers: containerList,
      exportTrust: wholeNumber('Trust level', 0, 100),
      exportCustom: checkbox,
    }),
  ]),
  fieldOf,
  run: ({ db, input, audit }) => {
    const before = describe(db, input.server, input.po);
    const fields =
      input.tab === 'general'
        ? {
            name: input.name,
            appendName: input.appendName,
            // Never shown back: an empty Password keeps the one set, unless it is cleared.
            password: input.clearPassword ? '' : input.password === '' ? undefined : input.password,
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
