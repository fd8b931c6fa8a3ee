'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { closeManualWizard, createManualWizard, manualWizardRow, readManualWizard, rerunManualFrom, runManualStep } from '@/lib/manual/manual-wizard';

const id = z.coerce.number().int().positive();
const revision = z.coerce.number().int().nonnegative();
/** Every change to a stored run is checked against the revision its page was opened at (the wizard's own counter). */
const wizardRevision = (db: Parameters<typeof manualWizardRow>[0], input: { id: number }) => ({ revision: manualWizardRow(db, input.id).revision, object: `Manual Dirsync Wizard ${input.id}` });

/** Next > on the first page: the run and its checklist are stored (nothing in the network changes). */
export const createManualWizardAction = defineAction({
  name: 'Manual Dirsync Wizard: start',
  noRevision: 'starts a new wizard run: nothing is opened yet',
  schema: z.object({ dss: z.string().min(1, 'Choose the dirsync server') }),
  // A DSS named as NET/PO that does not exist is the postoffice's own refusal: it belongs on the DSS box too.
  fields: { dss: 'dss', postoffice: 'dss' },
  run: ({ db, input, session, audit }) => {
    const created = createManualWizard(db, input.dss, session.name);
    const w = readManualWizard(db, created);
    audit(`Manual Dirsync Wizard ${created} (${w.dss})`, null, { steps: w.steps.length, requestors: [...w.network.msmail, ...w.network.exchange] });
    return { id: created };
  },
});

/** Run: one step, in one transaction; refused when done already, out of order, or when the run moved on. */
export const runManualStepAction = defineAction({
  name: 'Manual Dirsync Wizard: run step',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, position: z.coerce.number().int().positive() }),
  run: ({ db, input, session, audit }) => {
    const before = readManualWizard(db, input.id).steps.find((s) => s.position === input.position);
    const r = runManualStep(db, { id: input.id, position: input.position, revision: input.revision, by: session.name });
    audit(`Manual Dirsync Wizard ${input.id} step ${input.position}: ${before?.title ?? '?'}`, { status: before?.status ?? null }, { status: r.status, checked: r.checked, failure: r.failure });
    return r;
  },
});

/** After a fix: the steps from a position on are run again (the passes after a connection was added). */
export const rerunManualWizardAction = defineAction({
  name: 'Manual Dirsync Wizard: run again from a step',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, position: z.coerce.number().int().positive() }),
  run: ({ db, input, audit }) => {
    const rev = rerunManualFrom(db, input);
    audit(`Manual Dirsync Wizard ${input.id}`, null, { rerunFrom: input.position });
    return { revision: rev };
  },
});

/** Finish or Cancel. */
export const closeManualWizardAction = defineAction({
  name: 'Manual Dirsync Wizard: close',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, how: z.enum(['finished', 'cancelled']) }),
  run: ({ db, input, audit }) => {
    const rev = closeManualWizard(db, input.id, input.revision, input.how);
    audit(`Manual Dirsync Wizard ${input.id}`, 'open', input.how);
    return { revision: rev };
  },
});
