import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sharedDatabase, type Db } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import { cookies, headers } from 'next/headers';
import { ADDRESS_HEADER, canChange, currentSession, SESSION_COOKIE } from '@/lib/auth/request';
import { recordSecurity } from '@/lib/auth/security-log';
import type { Session } from '@/lib/auth/sessions';
import { DirsyncError } from '@/lib/dirsync/errors';
import { step } from '@/lib/dirsync/statements';
import { withTrigger } from '@/lib/history/record-run';

/**
 * The one wrapper every server action goes through (docs/console.md, "Server actions"): the
 * session and role are checked inside the action itself, the input is validated with zod (form
 * strings coerced by the schema), the engine verb runs in one transaction together with its audit
 * entry, expected failures come back as data, and the pages named are revalidated.
 */
export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
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

export interface ActionSpec<S extends z.ZodType, T> {
  /** What the audit trail calls this change, e.g. "Connector MTAs: Configure". */
  name: string;
  schema: S;
  /** False only for actions that read (they still need a session). */
  mutates?: boolean;
  /**
   * Changes only the signed-in account itself (its own password): open to a View Only Admin too.
   * The run must act on `session.accountId` alone.
   */
  selfService?: boolean;
  run: (ctx: ActionContext<z.infer<S>>) => T;
  /** Which form field an engine error is about, when the form has one. */
  fieldOf?: (e: DirsyncError) => string | undefined;
  revalidate?: string[];
}

export type SafeAction<T> = (input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Every action made by `defineAction`, for the security test that enumerates them. */
export const ACTION_SPECS = new WeakMap<object, { name: string; mutates: boolean; selfService: boolean; needsInput: boolean }>();

export const SIGN_IN_AGAIN = 'Your session has ended: sign in again';

/** An answer's message quotes what was typed at most this long: a refused 1 MB value is not sent back. */
export const MAX_MESSAGE_CHARS = 500;
const capMessage = (text: string) => (text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text);
export const VIEW_ONLY = 'A View Only Admin can look at everything but change nothing';

export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): SafeAction<T> {
  const mutates = spec.mutates ?? true;
  const action: SafeAction<T> = async (raw) => {
    const session = await currentSession();
    if (!session) return { ok: false, error: SIGN_IN_AGAIN, signIn: true };
    if (mutates && !spec.selfService && !canChange(session.role)) {
      // A refused change is worth an Admin's look: it goes to the security log.
      const db = sharedDatabase();
      const address = (await headers()).get(ADDRESS_HEADER);
      step(db, () => recordSecurity(db, { kind: 'action refused', accountName: session.name, address, detail: `${spec.name}: View Only Admin` }));
      return { ok: false, error: VIEW_ONLY };
    }
    const parsed = spec.schema.safeParse(raw instanceof FormData ? formObject(raw) : raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[capMessage(issue.path.join('.')) || 'form'] ??= capMessage(issue.message);
      return { ok: false, error: 'Some values are not valid: see the marked fields', fieldErrors };
    }
    const db = sharedDatabase();
    const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
    try {
      const data = step(db, () =>
        withTrigger(db, { trigger: 'console', who: session.name }, () => spec.run({
          db,
          session,
          sessionToken,
          input: parsed.data,
          audit: (object, before, after) => recordAudit(db, { accountName: session.name, action: spec.name, object, before, after }),
        })),
      );
      for (const path of spec.revalidate ?? []) revalidatePath(path);
      return { ok: true, data };
    } catch (e) {
      if (e instanceof DirsyncError) {
        const head = capMessage(e.kind === 'fatal' && e.number !== undefined ? `Fatal [${e.number}] ${e.message}` : e.message);
        // The details (bad lines of a file) are already capped in number and length (DirsyncError).
        const text = e.details.length ? `${head}: ${e.details.join('; ')}` : head;
        const field = spec.fieldOf?.(e);
        return { ok: false, error: text, conflict: e.kind === 'conflict' || undefined, fieldErrors: field ? { [field]: text } : undefined };
      }
      console.error(`action "${spec.name}" failed`, e);
      return { ok: false, error: 'Something went wrong on the server; nothing was changed. Try again, and see the server log if it persists.' };
    }
  };
  ACTION_SPECS.set(action, { name: spec.name, mutates, selfService: !!spec.selfService, needsInput: !spec.schema.safeParse({}).success });
  return action;
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
