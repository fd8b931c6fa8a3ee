'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { usage } from '@/lib/core/errors';
import { rerunWizardFrom, runWizardStep } from '@/lib/resync/run-wizard-step';
import { closeWizard, createWizard, wizardRow, MAX_UPLOAD_BYTES, readWizard, setWizardOptions, setWizardPage, uploadWizardFile, WIZARD_PAGES } from '@/lib/resync/wizard-state';
import { WIZARD_DIRECTIONS, type WizardDirection } from '@/lib/resync/wizard-targets';

const id = z.coerce.number().int().positive();
const revision = z.coerce.number().int().nonnegative();
const list = z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)).optional());
/** Every step of a stored wizard run is checked against the revision its page was opened at (the wizard's own counter). */
const wizardRevision = (db: Parameters<typeof wizardRow>[0], input: { id: number }) => ({ revision: wizardRow(db, input.id).revision, object: `Resync Wizard ${input.id}` });
const label = (w: { id: number; direction: string; dss: string }) => `Resync Wizard ${w.id} (${w.direction}, ${w.dss})`;

/** Next > on the Direction page: the run is stored from here on (nothing in the network changes). */
export const createResyncWizardAction = defineAction({
  name: 'Resync Wizard: start',
  noRevision: 'starts a new wizard run: nothing is opened yet',
  schema: z.object({
    direction: z.enum(WIZARD_DIRECTIONS as [WizardDirection, ...WizardDirection[]]),
    dss: z.string().min(1),
    requestors: z.preprocess((v) => (Array.isArray(v) ? v : v ? [v] : []), z.array(z.string().min(1)).min(1, 'Choose at least one requestor')),
  }),
  fieldOf: () => 'requestors',
  run: ({ db, input, session, audit }) => {
    const created = createWizard(db, input, session.name);
    const w = readWizard(db, created);
    audit(label(w), null, { requestors: w.requestors, names: w.names, globalMax: w.globalMax });
    return { id: created };
  },
});

/** < Back / Next >: the page the run is on. */
export const setResyncWizardPageAction = defineAction({
  name: 'Resync Wizard: page',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, page: z.enum(WIZARD_PAGES) }),
  run: ({ db, input }) => ({ revision: setWizardPage(db, input.id, input.revision, input.page) }),
});

/** The Requestors and Exchange DSS pages, and the prediction's fixes ("Also name NOV", "Set GlobalMaxSeqInResync"). */
export const setResyncWizardOptionsAction = defineAction({
  name: 'Resync Wizard: options',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, requestors: list, names: list, globalMax: z.preprocess((v) => (v === undefined ? undefined : v === true || v === 'true' || v === 'on'), z.boolean().optional()) }),
  run: ({ db, input, audit }) => {
    const before = readWizard(db, input.id);
    const rev = setWizardOptions(db, input.id, input.revision, { requestors: input.requestors, names: input.names, globalMax: input.globalMax });
    const after = readWizard(db, input.id);
    audit(label(after), { requestors: before.requestors, names: before.names, globalMax: before.globalMax }, { requestors: after.requestors, names: after.names, globalMax: after.globalMax });
    return { revision: rev };
  },
});

/** Run: one step, in one transaction; refused when done already or when the run moved on. */
export const runResyncWizardStepAction = defineAction({
  name: 'Resync Wizard: run step',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, position: z.coerce.number().int().positive() }),
  run: ({ db, input, session, audit }) => {
    const w = readWizard(db, input.id);
    const s = w.steps.find((x) => x.position === input.position);
    const r = runWizardStep(db, { id: input.id, position: input.position, revision: input.revision, by: session.name });
    audit(`${label(w)} step ${input.position}: ${s?.title ?? '?'}`, { status: s?.status ?? null }, { status: r.status, output: r.output, checked: r.checked, failure: r.failure });
    return r;
  },
});

/** After a fix: run the steps again from the one that makes the file. */
export const rerunResyncWizardAction = defineAction({
  name: 'Resync Wizard: run again from a step',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, position: z.coerce.number().int().positive() }),
  run: ({ db, input, audit }) => {
    const rev = rerunWizardFrom(db, input);
    audit(`Resync Wizard ${input.id}`, null, { rerunFrom: input.position });
    return { revision: rev };
  },
});

/** Files: use an uploaded RESYNC.GLB (base64; size-limited here and in the engine) instead of one the DSS makes, or drop it (empty). */
export const uploadResyncGlbAction = defineAction({
  name: 'Resync Wizard: upload RESYNC.GLB',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, data: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `The file is larger than ${MAX_UPLOAD_BYTES} bytes`) }),
  fieldOf: () => 'file',
  run: ({ db, input, audit }) => {
    if (input.data !== '' && !/^[A-Za-z0-9+/]+={0,2}$/.test(input.data)) throw usage('the upload did not arrive as a file: choose it again');
    const bytes = input.data === '' ? null : new Uint8Array(Buffer.from(input.data, 'base64'));
    const rev = uploadWizardFile(db, input.id, input.revision, bytes);
    audit(`Resync Wizard ${input.id}`, null, bytes ? { uploaded: 'RESYNC.GLB', bytes: bytes.length } : { uploaded: null });
    return { revision: rev };
  },
});

/** Finish or Cancel. */
export const closeResyncWizardAction = defineAction({
  name: 'Resync Wizard: close',
  revisionOf: wizardRevision,
  schema: z.object({ id, revision, how: z.enum(['finished', 'cancelled']) }),
  run: ({ db, input, audit }) => {
    const rev = closeWizard(db, input.id, input.revision, input.how);
    audit(`Resync Wizard ${input.id}`, 'open', input.how);
    return { revision: rev };
  },
});
