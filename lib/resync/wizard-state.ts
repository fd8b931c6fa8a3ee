import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/core/errors';
import { decodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { step, stmt } from '@/lib/core/statements';
import { findRemoteLink } from '@/lib/exchange/dxa/dirsync-links';
import { atLeastSp3, resolveServer } from '@/lib/exchange/servers/servers';
import { planSteps, STEP_KINDS, type StepCode, type WizardContext } from './wizard-steps';
import { checkTargets, requestorState, requestorTarget, type RequestorState, type WizardDirection } from './wizard-targets';
import { storedStep, type StoredStep, type StoredStepRow } from './stored-step';

/**
 * A Resync Wizard run kept in the database (tables resync_wizard, resync_wizard_step): every change
 * is one transaction that checks the revision the caller saw and raises it, so a reload, another
 * browser or a server restart finds the run where it was, and two admins cannot act twice on the
 * same state. Options and the file can change only until the first step has run.
 */
export const WIZARD_PAGES = ['direction', 'requestors', 'exchange', 'prediction', 'files', 'steps', 'finish'] as const;
export type WizardPage = (typeof WIZARD_PAGES)[number];

/** Largest RESYNC.GLB the wizard accepts as an upload (a 100,000-address master list is about 6 MB). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

export interface StepFailure {
  number?: number;
  text: string;
  meaning: string;
  fix: string;
  /** Where the wizard can go back to after the fix: the position of the step to run again. */
  rerunFrom?: number;
}

export interface WizardStepDto extends StoredStep<StepFailure> {
  position: number;
  code: StepCode;
  target: string;
  title: string;
  does: string;
  cli: string;
}

export interface WizardDto {
  id: number;
  direction: WizardDirection;
  dss: string;
  requestors: string[];
  names: string[];
  globalMax: boolean;
  page: WizardPage;
  status: 'open' | 'finished' | 'cancelled';
  fileSource: 'dss' | 'upload' | null;
  fileSize: number | null;
  /** Whether any step has run: options and the file are fixed from then on. */
  started: boolean;
  before: RequestorState[] | null;
  now: RequestorState[];
  createdBy: string;
  revision: number;
  steps: WizardStepDto[];
}

interface Row {
  id: number;
  direction: WizardDirection;
  dss: string;
  requestors: string;
  names: string;
  globalMax: number;
  page: WizardPage;
  status: WizardDto['status'];
  file: Buffer | null;
  fileSource: WizardDto['fileSource'];
  before: string | null;
  createdBy: string;
  revision: number;
}

interface StepRow extends StoredStepRow {
  position: number;
  code: StepCode;
  target: string;
}

/**
 * A stored run. Its RESYNC.GLB (up to megabytes) is read only when a step or page uses it, so
 * each step costs what the step does, not what the file weighs.
 */
function row(db: Db, id: number): Row | undefined {
  const r = stmt(
    db,
    `select id, direction, dss, requestors, names, global_max as globalMax, page, status, file_source as fileSource, before,
      created_by as createdBy, revision from resync_wizard where id = ?`,
  ).get(id) as Omit<Row, 'file'> | undefined;
  if (!r) return undefined;
  let file: Buffer | null | undefined;
  return Object.defineProperty(r, 'file', {
    enumerable: true,
    get: () => (file === undefined ? (file = (stmt(db, 'select file from resync_wizard where id = ?').get(id) as { file: Buffer | null }).file) : file),
  }) as Row;
}

const stepRows = (db: Db, id: number) =>
  stmt(
    db,
    `select position, code, target, status, output, checked, failure, ran_by as ranBy, ran_at as ranAt, runs
     from resync_wizard_step where wizard_id = ? order by position`,
  ).all(id) as StepRow[];

export function wizardRow(db: Db, id: number): Row {
  const r = row(db, id);
  if (!r) throw notFound(`there is no Resync Wizard ${id}: start a new one from Tools ▸ Resync Wizard…`, { code: 'wizard.not-found' });
  return r;
}

export function contextOf(r: Row): WizardContext {
  let file: Uint8Array | null | undefined;
  return {
    get file() {
      return file === undefined ? (file = r.file ? new Uint8Array(r.file) : null) : file;
    },
    set file(bytes: Uint8Array | null) {
      file = bytes;
    },
    id: r.id,
    direction: r.direction,
    dss: r.dss,
    requestors: JSON.parse(r.requestors) as string[],
    names: JSON.parse(r.names) as string[],
    globalMax: !!r.globalMax,
    fileSource: r.fileSource,
  };
}

/** The revision check every change makes first (in its own transaction). */
export function checkRevision(r: Row, revision: number | undefined): void {
  if (r.status !== 'open') throw conflict(`this Resync Wizard was ${r.status}: start a new one from Tools ▸ Resync Wizard…`, { code: 'wizard.closed' });
  if (revision !== undefined && revision !== r.revision) {
    throw conflict('this Resync Wizard was changed by someone else since you opened it: reload the page to see where it is now', { code: 'revision.changed' });
  }
}

export function touch(db: Db, id: number): number {
  return (stmt(db, 'update resync_wizard set revision = revision + 1, updated_at = ? where id = ? returning revision').get(Date.now(), id) as { revision: number }).revision;
}

/** The default ResyncConnectionRDNs: each requestor's Remote Dirsync Requestor display name. */
function defaultNames(db: Db, direction: WizardDirection, dss: string, requestors: string[]): string[] {
  if (direction !== 'exchange-dss-to-msmail') return [];
  const server = resolveServer(db, dss);
  return requestors.map((r) => findRemoteLink(db, server, r)?.name ?? r);
}

function checkNames(db: Db, direction: WizardDirection, dss: string, names: string[]): string[] {
  if (direction !== 'exchange-dss-to-msmail') return [];
  const clean = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (clean.length === 0) throw usage('ResyncConnectionRDNs needs at least one Remote Dirsync Requestor name', { code: 'wizard.rdns-missing' });
  const server = resolveServer(db, dss);
  for (const n of clean) if (!findRemoteLink(db, server, n)) throw notFound(`"${n}" is not a Remote Dirsync Requestor of ${server.name}: name its display name or its postoffice`, { code: 'wizard.rdn-not-found' });
  return clean;
}

function checkGlobalMax(db: Db, direction: WizardDirection, dss: string, globalMax: boolean): boolean {
  if (!globalMax) return false;
  if (direction !== 'exchange-dss-to-msmail') throw usage('GlobalMaxSeqInResync is a setting of an Exchange dirsync server', { code: 'wizard.global-max-not-exchange' });
  const server = resolveServer(db, dss);
  if (!atLeastSp3(server)) throw usage(`${server.name} runs Exchange ${server.version}: only DXA 5.5 SP3 (build 2524) or later reads GlobalMaxSeqInResync; upgrade it first`, { code: 'wizard.global-max-needs-sp3' });
  return true;
}

export interface WizardOptions {
  direction: WizardDirection;
  dss: string;
  requestors: string[];
  names?: string[];
  globalMax?: boolean;
}

/** Start a run. Nothing in the network changes. */
export function createWizard(db: Db, opts: WizardOptions, by: string): number {
  return step(db, () => {
    const { dss, requestors } = checkTargets(db, opts.direction, opts.dss, opts.requestors);
    const keys = requestors.map((t) => t.key);
    const names = opts.names?.length ? checkNames(db, opts.direction, dss, opts.names) : defaultNames(db, opts.direction, dss, keys);
    const globalMax = checkGlobalMax(db, opts.direction, dss, !!opts.globalMax);
    const at = Date.now();
    const { id } = stmt(
      db,
      `insert into resync_wizard (direction, dss, requestors, names, global_max, page, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'requestors', ?, ?, ?) returning id`,
    ).get(opts.direction, dss, JSON.stringify(keys), JSON.stringify(names), globalMax ? 1 : 0, by, at, at) as { id: number };
    writeSteps(db, id);
    return id;
  });
}

const failedStep = (db: Db, id: number) => !!stmt(db, "select 1 from resync_wizard_step where wizard_id = ? and status = 'failed'").get(id);

function started(db: Db, id: number): boolean {
  return !!stmt(db, "select 1 from resync_wizard_step where wizard_id = ? and runs > 0").get(id);
}

/** Replace the step list with the plan for the run's current options (only before any step ran). */
function writeSteps(db: Db, id: number): void {
  const ctx = contextOf(wizardRow(db, id));
  stmt(db, 'delete from resync_wizard_step where wizard_id = ?').run(id);
  planSteps(ctx).forEach((p, k) => stmt(db, 'insert into resync_wizard_step (wizard_id, position, code, target) values (?, ?, ?, ?)').run(id, k + 1, p.code, p.target));
}

/** Change the requestors and options (and with them the plan). Refused once a step has run. */
export function setWizardOptions(
  db: Db,
  id: number,
  revision: number | undefined,
  change: { requestors?: string[]; names?: string[]; globalMax?: boolean },
): number {
  return step(db, () => {
    const r = wizardRow(db, id);
    checkRevision(r, revision);
    // Once steps have run the plan is fixed, unless one failed: then a fix (another name, GlobalMaxSeqInResync) makes a new plan, run from its first step.
    if (started(db, id) && !failedStep(db, id)) {
      throw conflict('the steps have started: the requestors and options are fixed now; Cancel and start a new Resync Wizard to change them', { code: 'wizard.started' });
    }
    const ctx = contextOf(r);
    const requestors = change.requestors ? checkTargets(db, r.direction, r.dss, change.requestors).requestors.map((t) => t.key) : ctx.requestors;
    let names = change.names ? checkNames(db, r.direction, r.dss, change.names) : ctx.names;
    if (change.requestors && !change.names) names = defaultNames(db, r.direction, r.dss, requestors);
    const globalMax = change.globalMax === undefined ? ctx.globalMax : checkGlobalMax(db, r.direction, r.dss, change.globalMax);
    stmt(db, 'update resync_wizard set requestors = ?, names = ?, global_max = ? where id = ?').run(JSON.stringify(requestors), JSON.stringify(names), globalMax ? 1 : 0, id);
    writeSteps(db, id);
    return touch(db, id);
  });
}

/** Go to a page (Back / Next). */
export function setWizardPage(db: Db, id: number, revision: number | undefined, page: WizardPage): number {
  if (!WIZARD_PAGES.includes(page)) throw usage(`"${page}" is not a page of the Resync Wizard`, { code: 'wizard.page-invalid' });
  return step(db, () => {
    const r = wizardRow(db, id);
    checkRevision(r, revision);
    if (page === 'exchange' && r.direction !== 'exchange-dss-to-msmail') throw usage('the Exchange DSS page belongs to the Exchange DSS direction', { code: 'wizard.page-wrong-direction' });
    stmt(db, 'update resync_wizard set page = ? where id = ?').run(page, id);
    return touch(db, id);
  });
}

/**
 * Use an uploaded RESYNC.GLB instead of one the DSS makes. Only its size is checked here; the
 * prediction decodes it (every length checked against the bytes present) before it goes anywhere.
 */
export function uploadWizardFile(db: Db, id: number, revision: number | undefined, bytes: Uint8Array | null): number {
  if (bytes && bytes.length > MAX_UPLOAD_BYTES) throw usage(`the file is ${bytes.length} bytes; the Resync Wizard accepts up to ${MAX_UPLOAD_BYTES} bytes`, { code: 'wizard.file-too-large' });
  if (bytes && bytes.length === 0) throw usage('the file is empty: choose a RESYNC.GLB', { code: 'wizard.file-empty' });
  return step(db, () => {
    const r = wizardRow(db, id);
    checkRevision(r, revision);
    if (started(db, id)) throw conflict('the steps have started: the file is fixed now; Cancel and start a new Resync Wizard to use another one', { code: 'wizard.started' });
    stmt(db, 'update resync_wizard set file = ?, file_source = ? where id = ?').run(bytes ? Buffer.from(bytes) : null, bytes ? 'upload' : null, id);
    writeSteps(db, id);
    return touch(db, id);
  });
}

/** Cancel or Finish: the run is closed (steps already done stay done: nothing is undone). */
export function closeWizard(db: Db, id: number, revision: number | undefined, how: 'finished' | 'cancelled'): number {
  return step(db, () => {
    const r = wizardRow(db, id);
    checkRevision(r, revision);
    if (how === 'finished') {
      const left = stmt(db, "select count(*) as n from resync_wizard_step where wizard_id = ? and status != 'done'").get(id) as { n: number };
      if (left.n > 0) throw conflict(`${left.n} step${left.n === 1 ? ' has' : 's have'} not been done: run ${left.n === 1 ? 'it' : 'them'} first, or Cancel`, { code: 'wizard.steps-left' });
    }
    stmt(db, "update resync_wizard set status = ?, page = case when ? = 'finished' then 'finish' else page end where id = ?").run(how, how, id);
    return touch(db, id);
  });
}

/** The run with its steps, the numbers before and now. */
export function readWizard(db: Db, id: number): WizardDto {
  const r = wizardRow(db, id);
  const ctx = contextOf(r);
  const steps: WizardStepDto[] = stepRows(db, id).map((s) => {
    const kind = STEP_KINDS[s.code];
    return {
      position: s.position,
      code: s.code,
      target: s.target,
      title: kind.title(ctx, s.target),
      does: kind.does(ctx, s.target),
      cli: kind.cli(ctx, s.target),
      ...storedStep<StepFailure>(s),
    };
  });
  return {
    id: r.id,
    direction: r.direction,
    dss: r.dss,
    requestors: ctx.requestors,
    names: ctx.names,
    globalMax: ctx.globalMax,
    page: r.page,
    status: r.status,
    fileSource: r.fileSource,
    fileSize: r.file ? r.file.length : null,
    started: steps.some((s) => s.runs > 0),
    before: r.before ? (JSON.parse(r.before) as RequestorState[]) : null,
    now: currentStates(db, ctx.requestors),
    createdBy: r.createdBy,
    revision: r.revision,
    steps,
  };
}

export function currentStates(db: Db, requestors: string[]): RequestorState[] {
  return requestors.map((name) => {
    try {
      return requestorState(db, requestorTarget(db, name));
    } catch {
      return { requestor: name, kind: 'msmail' as const, reqSync: 0, srvSync: 0, impSync: 0, gal: 0 };
    }
  });
}

/** The run's RESYNC.GLB (made by the DSS or uploaded), for download. */
export function wizardFile(db: Db, id: number): { bytes: Uint8Array; source: 'dss' | 'upload' } | null {
  const r = wizardRow(db, id);
  return r.file && r.fileSource ? { bytes: new Uint8Array(r.file), source: r.fileSource } : null;
}

/** The header of the run's file, or why it cannot be read. */
export function wizardFileHeader(db: Db, id: number): { impSeq: number; reqSeq: number; srvSeq: number; records: number; dss: string } | { damaged: string } | null {
  const f = wizardFile(db, id);
  if (!f) return null;
  try {
    const d = decodeResyncGlb(f.bytes);
    return { impSeq: d.impSeq, reqSeq: d.reqSeq, srvSeq: d.srvSeq, records: d.records.length, dss: d.dss };
  } catch (e) {
    const err = e as { message?: string; details?: string[] };
    return { damaged: err.details?.[0] ?? err.message ?? 'the file cannot be read' };
  }
}

export interface OpenWizard {
  id: number;
  direction: WizardDirection;
  dss: string;
  requestors: string[];
  createdBy: string;
  page: WizardPage;
}

/** Open runs, newest first (to offer resuming one): the newest `limit`, and how many are open in all. */
export function openWizards(db: Db, limit = 20): { runs: OpenWizard[]; total: number } {
  const rows = stmt(db, "select id, direction, dss, requestors, created_by as createdBy, page from resync_wizard where status = 'open' order by id desc limit ?").all(
    limit,
  ) as (Omit<OpenWizard, 'requestors'> & { requestors: string })[];
  const total = rows.length < limit ? rows.length : (stmt(db, "select count(*) from resync_wizard where status = 'open'").pluck().get() as number);
  return { runs: rows.map((r) => ({ ...r, requestors: JSON.parse(r.requestors) as string[] })), total };
}
