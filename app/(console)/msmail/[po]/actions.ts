'use server';

import { z } from 'zod';
import { keepUpdatesRevision, registrationRevision, scheduleRevision, typesRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { required, wholeNumber } from '@/lib/actions/form-fields';
import { runPostofficeCommand } from '@/lib/console/run-command';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { requestExport } from '@/lib/dirsync/request-export';
import { registerRequestor, requestImport, setAcceptedTypes, setKeepUpdates } from '@/lib/dirsync/requestor-settings';

const po = z.string().min(1);

/** The postoffice's command prompt: one MS Mail utility run for it. */
export const runCommandAction = defineAction({
  name: 'Command prompt',
  noRevision: 'runs one MS Mail utility, as typed: an act, not a form',
  schema: z.object({ po, line: required('Command').max(2000, 'A command line is at most 2000 characters') }),
  otherErrorsAt: 'line',
  run: ({ db, session, input, audit }) => {
    const output = runPostofficeCommand(db, input.po, input.line, { account: session.name });
    // output.line has its passwords masked: the audit trail never holds a -p<password>.
    audit(`${input.po} command prompt`, undefined, { line: output.line, exitCode: output.exitCode });
    return output;
  },
});

/** Config ▸ Dir-Sync ▸ Requestor ▸ Registration. */
export const registerAction = defineAction({
  name: 'Dir-Sync: Registration',
  revisionOf: (db, input) => registrationRevision(db, input.po),
  schema: z.object({ po, dss: required('Dir-Sync Server'), password: z.string().default('') }),
  otherErrorsAt: 'dss',
  run: ({ db, input, audit }) => {
    registerRequestor(db, input.po, input.dss, input.password);
    audit(`${input.po} Dir-Sync Registration`, undefined, { dss: input.dss.toUpperCase() });
  },
});

/** Config ▸ Dir-Sync ▸ Requestor ▸ Types. */
export const typesAction = defineAction({
  name: 'Dir-Sync: Types',
  revisionOf: (db, input) => typesRevision(db, input.po),
  schema: z.object({ po, types: z.string() }),
  otherErrorsAt: 'types',
  run: ({ db, input, audit }) => {
    const types = setAcceptedTypes(db, input.po, input.types.split(/[\s,]+/).filter(Boolean));
    audit(`${input.po} Dir-Sync Types`, undefined, types);
    return types;
  },
});

/** Config ▸ Dir-Sync ▸ Requestor ▸ Import and ▸ Export (one-shot requests). */
export const requestAction = defineAction({
  name: 'Dir-Sync: Import/Export request',
  noRevision: 'asks for one import or export: an act, not a form',
  schema: z.object({ po, request: z.enum(['import', 'export']) }),
  run: ({ db, input, audit }) => {
    const sent = input.request === 'import' ? (requestImport(db, input.po), null) : requestExport(db, input.po);
    audit(`${input.po} Dir-Sync ${input.request}`, undefined, { request: input.request, addresses: sent });
    return { request: input.request, addresses: sent };
  },
});

/** Config ▸ Dir-Sync ▸ Server ▸ Options ▸ Keep Updates. */
export const keepUpdatesAction = defineAction({
  name: 'Dir-Sync: Keep Updates',
  revisionOf: (db, input) => keepUpdatesRevision(db, input.po),
  schema: z.object({ po, cycles: wholeNumber('Keep Updates', 1, 999) }),
  otherErrorsAt: 'cycles',
  run: ({ db, input, audit }) => {
    setKeepUpdates(db, input.po, input.cycles);
    audit(`${input.po} Keep Updates`, undefined, input.cycles);
  },
});

/** Schedule (DSSCHED): the PROCESS times, one `T<n> <Day> <HH>:<MM>` per line. */
export const scheduleAction = defineAction({
  name: 'Dir-Sync: Schedule',
  revisionOf: (db, input) => scheduleRevision(db, input.po),
  schema: z.object({ po, schedule: z.string() }),
  otherErrorsAt: 'schedule',
  run: ({ db, input, audit }) => {
    const times = importProcessTimes(db, input.po, input.schedule);
    audit(`${input.po} Schedule`, undefined, input.schedule);
    return times.length;
  },
});
