import { z } from 'zod';
import { sharedDatabase, type Db } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import { cookies, headers } from 'next/headers';
import { ADDRESS_HEADER, canChange, currentSession, SESSION_COOKIE } from '@/lib/auth/request';
import { recordSecurity } from '@/lib/auth/security-log';
import type { Session } from '@/lib/auth/sessions';
import { conflict, DirsyncError } from '@/lib/core/errors';
import { step, writeStep } from '@/lib/core/statements';
import { withTrigger } from '@/lib/history/record-run';
import type { OpenedObject } from '@/lib/queries/revisions';

/**
 * The one wrapper every server action goes through (docs/console.md, "Server actions"): the
 * session and role are checked inside the action itself, the input is validated with zod (form
 * strings coerced by the schema), the engine verb runs in one transaction together with its audit
 * entry, and expected failures come back as data. The page shows the change by the client's
 * refresh after the action (components/ui/use-action.ts): the server revalidates nothing.
 */
export type ActionResult<T> =
  /** `revision`: the edited object's revision after the save, which the form carries from now on. */
  | { ok: true; data: T; message?: string; revision?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; conflict?: boolean; signIn?: boolean };

export interface ActionContext<I> {
  db: Db;
  session: Session;
  /** The caller's own session cookie (so a verb can keep this session while ending the others). */
  sessionToken: string | undefined;
  input: I;
  /** Record the change in the audit trail (same transaction). */
  audit: (object: string, before: unknown, after: unknown) => void;
}

interface ActionSpecBase<S extends z.ZodType, T> {
  /** What the audit trail calls this change, e.g. "Connector MTAs: Configure". */
  name: string;
  schema: S;
  /**
   * Changes only the signed-in account itself (its own password): open to a View Only Admin too.
   * The run must act on `session.accountId` alone.
   */
  selfService?: boolean;
  run: (ctx: ActionContext<z.infer<S>>) => T;
  /**
   * The fields of the form an engine error can be about (docs/errors.md, "Fields"): an error whose
   * `field` is one of them comes back marked on it. A list when the form names its fields as the
   * verb does; a map from the verb's name to the form's where they differ.
   */
  fields?: FieldMap;
  /**
   * A form whose refusals all concern its one value (a command line, a schedule): where an error
   * that names none of `fields` is shown.
   */
  otherErrorsAt?: string;
}

/**
 * Lost updates (issue 10 item 6): an action that saves a form over an object must say how to read
 * that object's current revision (lib/queries/revisions.ts); the form sends the revision it was
 * opened at as `revision`, and the wrapper refuses a save over anyone else's change inside the
 * save's own transaction. An action that edits no opened object (it creates one, deletes the one
 * selected, or acts: runs a step, pauses a service) says why instead, in `noRevision`.
 */
type RevisionRule<I> =
  | { revisionOf: (db: Db, input: I) => OpenedObject; noRevision?: never }
  | { noRevision: string; revisionOf?: never };

export type ActionSpec<S extends z.ZodType, T> = ActionSpecBase<S, T> &
  (
    | ({ mutates?: true } & RevisionRule<z.infer<S>>)
    /** Actions that only read (they still need a session). */
    | { mutates: false; revisionOf?: never; noRevision?: never }
  );

/** Error fields a form shows: the verb's name for each, or verb's name → the form's name. */
export type FieldMap = readonly string[] | Readonly<Record<string, string>>;

/** The form field an engine error is marked on, from the error's own `field` (never from its message). */
export function formFieldOf(e: DirsyncError, fields: FieldMap | undefined, otherErrorsAt?: string): string | undefined {
  const map: Readonly<Record<string, string>> = Array.isArray(fields) ? Object.fromEntries(fields.map((f) => [f, f])) : ((fields ?? {}) as Record<string, string>);
  return (e.field !== undefined && Object.hasOwn(map, e.field) ? map[e.field] : undefined) ?? otherErrorsAt;
}

export type SafeAction<T> = (input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Every action made by `defineAction`, for the security test that enumerates them. */
export const ACTION_SPECS = new WeakMap<
  object,
  { name: string; mutates: boolean; selfService: boolean; needsInput: boolean; checksRevision: boolean; noRevision?: string; fields?: FieldMap; otherErrorsAt?: string }
>();

export const SIGN_IN_AGAIN = 'Your session has ended: sign in again';
export const VIEW_ONLY = 'A View Only Admin can look at everything but change nothing';

/** An answer's message quotes what was typed at most this long: a refused 1 MB value is not sent back. */
export const MAX_MESSAGE_CHARS = 500;
const capMessage = (text: string) => (text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text);
export const NO_REVISION = 'The form did not say which revision of the object it was opened at: close it and open it again';
/** The refusal of a save over someone else's change (the phrase every such refusal of the console uses). */
export const changedSinceOpened = (object: string) => `${object} was changed by someone else since you opened it: close it and open it again`;

/** What defineAction keeps of an action for running it inside a property sheet's Apply (applySheet). */
interface Runner {
  name: string;
  mutates: boolean;
  /** Validate a form's fields: the input, or the refusal. */
  parse: (fields: Record<string, unknown>) => { ok: true; input: unknown; opened: unknown } | { ok: false; result: ActionResult<never> };
  revisionOf?: (db: Db, input: unknown) => OpenedObject;
  run: (db: Db, session: Session, input: unknown, sessionToken: string | undefined) => unknown;
  failure: (e: unknown) => ActionResult<never>;
}
const RUNNERS = new WeakMap<object, Runner>();

const hasRevision = (opened: unknown) => (typeof opened === 'string' && opened !== '') || typeof opened === 'number';

/** Inside the save's transaction: refuse a save over a revision other than the one the form was opened at. */
function checkOpened(db: Db, r: Runner, input: unknown, opened: unknown): void {
  if (!r.revisionOf) return;
  const current = r.revisionOf(db, input);
  if (String(current.revision) !== String(opened)) throw conflict(changedSinceOpened(current.object), { code: 'revision.changed' });
}

export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): SafeAction<T> {
  const mutates = spec.mutates ?? true;
  const revisionOf = spec.revisionOf as ((db: Db, input: unknown) => OpenedObject) | undefined;
  if (mutates && !revisionOf && !spec.noRevision?.trim()) {
    throw new Error(`action "${spec.name}" changes something: give it revisionOf (the object its form edits) or noRevision (why it edits none)`);
  }
  const runner: Runner = {
    name: spec.name,
    mutates,
    revisionOf,
    parse: (fields) => {
      // Checked before anything else, so no edit form can leave it out and save unchecked.
      const opened = fields.revision;
      if (revisionOf && !hasRevision(opened)) return { ok: false, result: { ok: false, error: NO_REVISION } };
      const parsed = spec.schema.safeParse(fields);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[capMessage(issue.path.join('.')) || 'form'] ??= capMessage(issue.message);
        return { ok: false, result: { ok: false, error: 'Some values are not valid: see the marked fields', fieldErrors } };
      }
      return { ok: true, input: parsed.data, opened };
    },
    // Every engine step the action runs is recorded in the run history as the console's, by this account.
    run: (db, session, input, sessionToken) =>
      withTrigger(db, { trigger: 'console', who: session.name }, () =>
        spec.run({
          db,
          session,
          sessionToken,
          input: input as z.infer<S>,
          audit: (object, before, after) => recordAudit(db, { accountName: session.name, action: spec.name, object, before, after }),
        }),
      ),
    failure: (e) => {
      if (e instanceof DirsyncError) {
        const head = capMessage(e.kind === 'fatal' && e.number !== undefined ? `Fatal [${e.number}] ${e.message}` : e.message);
        // The details (bad lines of a file) are already capped in number and length (DirsyncError).
        const text = e.details.length ? `${head}: ${e.details.join('; ')}` : head;
        const field = formFieldOf(e, spec.fields, spec.otherErrorsAt);
        return { ok: false, error: text, conflict: e.kind === 'conflict' || undefined, fieldErrors: field ? { [field]: text } : undefined };
      }
      console.error(`action "${spec.name}" failed`, e);
      return { ok: false, error: 'Something went wrong on the server; nothing was changed. Try again, and see the server log if it persists.' };
    },
  };
  const action: SafeAction<T> = async (raw) => {
    const session = await currentSession();
    if (!session) return { ok: false, error: SIGN_IN_AGAIN, signIn: true };
    if (mutates && !spec.selfService && !canChange(session.role)) return refuseViewOnly(session, spec.name);
    const parsed = runner.parse(raw instanceof FormData ? formObject(raw) : raw);
    if (!parsed.ok) return parsed.result;
    const db = sharedDatabase();
    const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
    try {
      // A write transaction from the start: the revision read and the save cannot interleave with another process's save.
      const { data, revision } = writeStep(db, () => {
        checkOpened(db, runner, parsed.input, parsed.opened);
        const data = runner.run(db, session, parsed.input, sessionToken) as T;
        return { data, revision: revisionOf ? revisionAfter(() => revisionOf(db, parsed.input)) : undefined };
      });
      return revision === undefined ? { ok: true, data } : { ok: true, data, revision };
    } catch (e) {
      return runner.failure(e);
    }
  };
  RUNNERS.set(action, runner);
  ACTION_SPECS.set(action, {
    name: spec.name,
    mutates,
    selfService: !!spec.selfService,
    needsInput: !!revisionOf || !spec.schema.safeParse({}).success,
    checksRevision: !!revisionOf,
    noRevision: spec.noRevision,
    fields: spec.fields,
    otherErrorsAt: spec.otherErrorsAt,
  });
  return action;
}

/**
 * A property sheet's Apply / OK: the forms of every changed page, each with the action it saves
 * with, applied in one transaction (all or nothing). Each form is checked as its own action would
 * check it (role, fields, the revision it was opened at); every revision is compared before
 * anything is written, so pages of one object (its General and Interchange tabs) carry the
 * revision the sheet was opened at. A `probe` is a page that was not changed: it is not saved, but
 * when nobody else changed its object since it was opened it gets the revision the Apply made, so
 * it can be saved later without a false "changed by someone else".
 */
export interface SheetItem {
  action: SafeAction<unknown>;
  fields: Record<string, unknown>;
  probe?: boolean;
}
export type SheetApplyResult = ActionResult<{ revisions: (string | null)[] }> | (ActionResult<never> & { item?: number });

export const MAX_SHEET_ITEMS = 16;

export function defineSheetApply(): (input: { items?: SheetItem[] }) => Promise<SheetApplyResult> {
  const apply = async (raw: { items?: SheetItem[] }): Promise<SheetApplyResult> => {
    const session = await currentSession();
    if (!session) return { ok: false, error: SIGN_IN_AGAIN, signIn: true };
    if (!canChange(session.role)) return refuseViewOnly(session, 'Property sheet: Apply');
    const items = Array.isArray(raw?.items) ? raw.items : [];
    if (items.length === 0 || items.length > MAX_SHEET_ITEMS) return { ok: false, error: NO_REVISION };
    const prepared: { runner: Runner; input: unknown; opened: unknown; probe: boolean }[] = [];
    for (const [k, item] of items.entries()) {
      const runner = item && typeof item.action === 'function' ? RUNNERS.get(item.action) : undefined;
      // Only the console's own edit actions: each checks the revision its page was opened at.
      if (!runner || !runner.mutates || !runner.revisionOf) return { ok: false, error: 'A page of this sheet cannot be applied: reload it', item: k };
      const fields = item.fields && typeof item.fields === 'object' ? (item.fields as Record<string, unknown>) : {};
      const parsed = runner.parse(fields);
      if (!parsed.ok) return { ...parsed.result, item: k };
      prepared.push({ runner, input: parsed.input, opened: parsed.opened, probe: item.probe === true });
    }
    const db = sharedDatabase();
    let current = 0;
    try {
      const revisions = writeStep(db, () => {
        const fresh = prepared.map((p, k) => {
          current = k;
          if (!p.probe) {
            checkOpened(db, p.runner, p.input, p.opened);
            return true;
          }
          return revisionAfter(() => p.runner.revisionOf!(db, p.input)) === String(p.opened);
        });
        for (const [k, p] of prepared.entries()) {
          current = k;
          if (p.probe) continue;
          // Every page was checked against its opened revision above; an engine verb that checks the
          // revision itself must now see the one this Apply's earlier pages made (General, then Interchange).
          const input = p.input as { revision?: unknown };
          if (k > 0 && input && typeof input === 'object' && 'revision' in input) {
            const now = p.runner.revisionOf!(db, p.input).revision;
            input.revision = typeof input.revision === 'number' ? Number(now) : String(now);
          }
          p.runner.run(db, session, p.input, undefined);
        }
        return prepared.map((p, k) => (fresh[k] ? (revisionAfter(() => p.runner.revisionOf!(db, p.input)) ?? null) : null));
      });
      return { ok: true, data: { revisions } };
    } catch (e) {
      return { ...prepared[current].runner.failure(e), item: current };
    }
  };
  ACTION_SPECS.set(apply, { name: 'Property sheet: Apply', mutates: true, selfService: false, needsInput: true, checksRevision: true });
  return apply;
}

/** A View Only Admin's refused change is worth an Admin's look: it goes to the security log. */
async function refuseViewOnly(session: Session, name: string): Promise<ActionResult<never>> {
  const db = sharedDatabase();
  const address = (await headers()).get(ADDRESS_HEADER);
  step(db, () => recordSecurity(db, { kind: 'action refused', accountName: session.name, address, detail: `${name}: View Only Admin` }));
  return { ok: false, error: VIEW_ONLY };
}

/** The revision after a save; none (the form must be opened again) when the object can no longer be read by the form's key. */
function revisionAfter(read: () => OpenedObject): string | undefined {
  try {
    return String(read().revision);
  } catch (e) {
    if (e instanceof DirsyncError) return undefined;
    throw e;
  }
}

/** FormData as a plain object; a name given more than once (check boxes, lists) becomes an array. */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const v = typeof value === 'string' ? value : value.name;
    out[key] = key in out ? [...([] as unknown[]).concat(out[key]), v] : v;
  }
  return out;
}
