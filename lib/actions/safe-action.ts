import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sharedDatabase, type Db } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import { canChange, currentSession } from '@/lib/auth/request';
import type { Session } from '@/lib/auth/sessions';
import { conflict, DirsyncError } from '@/lib/dirsync/errors';
import { writeStep } from '@/lib/dirsync/statements';
import type { OpenedObject } from '@/lib/queries/revisions';

/**
 * The one wrapper every server action goes through (docs/console.md, "Server actions"): the
 * session and role are checked inside the action itself, the input is validated with zod (form
 * strings coerced by the schema), the engine verb runs in one transaction together with its audit
 * entry, expected failures come back as data, and the pages named are revalidated.
 */
export type ActionResult<T> =
  /** `revision`: the edited object's revision after the save, which the form carries from now on. */
  | { ok: true; data: T; message?: string; revision?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; conflict?: boolean; signIn?: boolean };

export interface ActionContext<I> {
  db: Db;
  session: Session;
  input: I;
  /** Record the change in the audit trail (same transaction). */
  audit: (object: string, before: unknown, after: unknown) => void;
}

interface ActionSpecBase<S extends z.ZodType, T> {
  /** What the audit trail calls this change, e.g. "Connector MTAs: Configure". */
  name: string;
  schema: S;
  run: (ctx: ActionContext<z.infer<S>>) => T;
  /** Which form field an engine error is about, when the form has one. */
  fieldOf?: (e: DirsyncError) => string | undefined;
  revalidate?: string[];
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

export type SafeAction<T> = (input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Every action made by `defineAction`, for the security test that enumerates them. */
export const ACTION_SPECS = new WeakMap<object, { name: string; mutates: boolean; needsInput: boolean; checksRevision: boolean; noRevision?: string }>();

export const SIGN_IN_AGAIN = 'Your session has ended: sign in again';
export const VIEW_ONLY = 'A View Only Admin can look at everything but change nothing';
export const NO_REVISION = 'The form did not say which revision of the object it was opened at: close it and open it again';
/** The refusal of a save over someone else's change (the phrase every such refusal of the console uses). */
export const changedSinceOpened = (object: string) => `${object} was changed by someone else since you opened it: close it and open it again`;

export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): SafeAction<T> {
  const mutates = spec.mutates ?? true;
  const revisionOf = spec.revisionOf;
  if (mutates && !revisionOf && !spec.noRevision?.trim()) {
    throw new Error(`action "${spec.name}" changes something: give it revisionOf (the object its form edits) or noRevision (why it edits none)`);
  }
  const action: SafeAction<T> = async (raw) => {
    const session = await currentSession();
    if (!session) return { ok: false, error: SIGN_IN_AGAIN, signIn: true };
    if (mutates && !canChange(session.role)) return { ok: false, error: VIEW_ONLY };
    const fields = raw instanceof FormData ? formObject(raw) : raw;
    // Checked before anything else, so no edit form can leave it out and save unchecked.
    const opened = fields.revision;
    if (revisionOf && !((typeof opened === 'string' && opened !== '') || typeof opened === 'number')) return { ok: false, error: NO_REVISION };
    const parsed = spec.schema.safeParse(fields);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
      return { ok: false, error: 'Some values are not valid: see the marked fields', fieldErrors };
    }
    const db = sharedDatabase();
    try {
      // A write transaction from the start: the revision read and the save cannot interleave with another process's save.
      const { data, revision } = writeStep(db, () => {
        if (revisionOf) {
          const current = revisionOf(db, parsed.data);
          if (String(current.revision) !== String(opened)) throw conflict(changedSinceOpened(current.object));
        }
        const data = spec.run({
          db,
          session,
          input: parsed.data,
          audit: (object, before, after) => recordAudit(db, { accountName: session.name, action: spec.name, object, before, after }),
        });
        return { data, revision: revisionOf ? revisionAfter(() => revisionOf(db, parsed.data)) : undefined };
      });
      for (const path of spec.revalidate ?? []) revalidatePath(path);
      return revision === undefined ? { ok: true, data } : { ok: true, data, revision };
    } catch (e) {
      if (e instanceof DirsyncError) {
        const head = e.kind === 'fatal' && e.number !== undefined ? `Fatal [${e.number}] ${e.message}` : e.message;
        const text = e.details.length ? `${head}: ${e.details.join('; ')}` : head;
        const field = spec.fieldOf?.(e);
        return { ok: false, error: text, conflict: e.kind === 'conflict' || undefined, fieldErrors: field ? { [field]: text } : undefined };
      }
      console.error(`action "${spec.name}" failed`, e);
      return { ok: false, error: 'Something went wrong on the server; nothing was changed. Try again, and see the server log if it persists.' };
    }
  };
  ACTION_SPECS.set(action, {
    name: spec.name,
    mutates,
    needsInput: !!revisionOf || !spec.schema.safeParse({}).success,
    checksRevision: !!revisionOf,
    noRevision: spec.noRevision,
  });
  return action;
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
