'use client';

import { useActionState } from 'react';
/** What the sign-in and setup actions (app/auth-actions.ts) answer: the error, and the name to show again. */
export interface AuthFormState {
  error?: string;
  name?: string;
}
type AuthAction = (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;

/** The sign-in and first-run forms: labelled fields, the error next to them, a pending state. */
function Form({ action, children, error }: { action: (form: FormData) => void; error?: string; children: React.ReactNode }) {
  return (
    <form action={action} className="grid gap-3" aria-describedby={error ? 'auth-error' : undefined}>
      {children}
      {error ? (
        <p id="auth-error" role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Field({ label, name, type = 'text', defaultValue, autoComplete }: { label: string; name: string; type?: string; defaultValue?: string; autoComplete?: string }) {
  return (
    <label className="grid gap-1">
      <span>{label}</span>
      <input name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete} required className="field" />
    </label>
  );
}

function Submit({ pending, label }: { pending: boolean; label: string }) {
  return (
    <div className="flex justify-end">
      <button type="submit" disabled={pending} className="button min-w-24">
        {pending ? 'Please wait…' : label}
      </button>
    </div>
  );
}

export function SignInForm({ next, signIn }: { next: string; signIn: AuthAction }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signIn, {});
  return (
    <Form action={action} error={state.error}>
      <input type="hidden" name="next" value={next} />
      <Field label="Account name" name="name" defaultValue={state.name} autoComplete="username" />
      <Field label="Password" name="password" type="password" autoComplete="current-password" />
      <Submit pending={pending} label="Sign in" />
    </Form>
  );
}

export function SetupForm({ setup }: { setup: AuthAction }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(setup, {});
  return (
    <Form action={action} error={state.error}>
      <Field label="Account name" name="name" defaultValue={state.name ?? 'admin'} autoComplete="username" />
      <Field label="Password" name="password" type="password" autoComplete="new-password" />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" />
      <p className="text-[12px] text-ink-muted">At least 10 characters.</p>
      <Submit pending={pending} label="Create" />
    </Form>
  );
}
