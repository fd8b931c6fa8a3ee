import { sqliteTable, integer, text, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A Resync Wizard run (lib/resync/wizard-state.ts): its direction, targets and options, the page it
 * is on, the RESYNC.GLB it made or was given, and a revision every change raises, so a reload,
 * another browser or a server restart resumes where it was and two admins cannot both act on
 * the same state. Times are wall-clock Unix ms (the people using the console), except where noted.
 */
export const resyncWizard = sqliteTable(
  'resync_wizard',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    direction: text('direction', { enum: ['exchange-dss-to-msmail', 'msmail-dss-to-exchange', 'msmail-dss-to-msmail'] }).notNull(),
    /** The DSS: an Exchange server name or an MS Mail postoffice `NET/PO`. */
    dss: text('dss').notNull(),
    /** JSON array of the requestors to resync. */
    requestors: text('requestors').notNull(),
    /** JSON array: the ResyncConnectionRDNs names (Exchange DSS). */
    names: text('names').notNull().default('[]'),
    globalMax: integer('global_max', { mode: 'boolean' }).notNull().default(false),
    page: text('page').notNull().default('direction'),
    status: text('status', { enum: ['open', 'finished', 'cancelled'] }).notNull().default('open'),
    /** The RESYNC.GLB of this run: the one the DSS made (copied when it was made) or an uploaded one. */
    file: blob('file', { mode: 'buffer' }),
    fileSource: text('file_source', { enum: ['dss', 'upload'] }),
    /** JSON: each requestor's numbers and GAL count when the first step ran. */
    before: text('before'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('resync_wizard_status').on(t.status, t.id)],
);

/** One step of a run's procedure, in order: its status, output, check and who ran it when. */
export const resyncWizardStep = sqliteTable(
  'resync_wizard_step',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    wizardId: integer('wizard_id')
      .notNull()
      .references(() => resyncWizard.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    /** The postoffice or server the step acts on. */
    target: text('target').notNull(),
    status: text('status', { enum: ['pending', 'done', 'failed'] }).notNull().default('pending'),
    /** JSON array of output lines. */
    output: text('output').notNull().default('[]'),
    /** JSON: { ok, lines } — what the check found. */
    checked: text('checked'),
    /** JSON: { number?, text, meaning, fix } of a failed run. */
    failure: text('failure'),
    ranBy: text('ran_by'),
    ranAt: integer('ran_at'),
    runs: integer('runs').notNull().default(0),
  },
  (t) => [uniqueIndex('resync_wizard_step_position').on(t.wizardId, t.position)],
);

/**
 * A Manual Dirsync Wizard run (lib/manual/): document 003's procedure as a checklist built from the
 * network when the run started, for one dirsync server. Stored so a reload or a restart resumes it;
 * the engine steps it runs are one group in the run history (`manual-wizard-<id>`).
 */
export const manualWizard = sqliteTable(
  'manual_wizard',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The DSS: an MS Mail postoffice `NET/PO` or an Exchange server name. */
    dss: text('dss').notNull(),
    status: text('status', { enum: ['open', 'finished', 'cancelled'] }).notNull().default('open'),
    /** JSON: each requestor's preview of the cycle, taken when the first step ran (what the checks compare with). */
    expected: text('expected'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('manual_wizard_status').on(t.status, t.id)],
);

/** One step of a Manual Dirsync Wizard run, in order. */
export const manualWizardStep = sqliteTable(
  'manual_wizard_step',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    wizardId: integer('wizard_id')
      .notNull()
      .references(() => manualWizard.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    /** The postoffice, server or PC MTA (`SERVER|service`) the step acts on. */
    target: text('target').notNull(),
    /** JSON: what the step remembers between runs (the logging levels it replaced, the marks its check reads from). */
    params: text('params').notNull().default('{}'),
    status: text('status', { enum: ['pending', 'done', 'failed'] }).notNull().default('pending'),
    output: text('output').notNull().default('[]'),
    checked: text('checked'),
    failure: text('failure'),
    ranBy: text('ran_by'),
    ranAt: integer('ran_at'),
    runs: integer('runs').notNull().default(0),
  },
  (t) => [uniqueIndex('manual_wizard_step_position').on(t.wizardId, t.position)],
);
