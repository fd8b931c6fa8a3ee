'use client';

import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  addAccountAction,
  deleteAccountAction,
  endSessionsAction,
  resetPasswordAction,
  setAccountDisabledAction,
  setAccountRoleAction,
} from '../actions';
import { DialogFrame } from '@/components/ui/dialog-frame';
import type { ActionResult } from '@/lib/actions/safe-action';
import type { SessionRow } from '@/lib/auth/sessions';
import { useAction } from '@/components/ui/use-action';

export interface AccountView {
  name: string;
  role: 'admin' | 'viewer';
  roleLabel: string;
  disabled: boolean;
  createdAt: number;
  sessions: SessionRow[];
}

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Run an action, show its result next to the form, refresh the page (after a refusal too). */
function useRun() {
  const { pending, status: message, run: runAction } = useAction();
  const run = (fn: () => Promise<ActionResult<unknown>>, done: string, after?: () => void) =>
    runAction(fn, {
      done: () => {
        after?.();
        return done;
      },
      refreshAlways: true,
    });
  return { pending, message, run };
}

function Message({ message }: { message: { text: string; error: boolean } | null }) {
  if (!message) return null;
  return (
    <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : ''}`}>
      {message.text}
    </p>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="grid gap-1">
      <span>{label}</span>
      {children}
    </label>
  );
}

const form = (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  return Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
};

/**
 * Tools ▸ Accounts: the list (name, role, status, sessions), the account picked in it with its
 * Role, Reset Password, Disable/Enable, Delete and Sessions, and New Account.
 */
export function AccountsView({ accounts, selected, me }: { accounts: AccountView[]; selected: string | null; me: string }) {
  const current = accounts.find((a) => a.name === selected) ?? null;
  return (
    <div className="grid min-h-0 flex-1 content-start gap-3 overflow-auto">
      <div className="bevel-sunken overflow-auto bg-white">
        <table className="w-full text-left text-[12px]">
          <caption className="sr-only">Console accounts</caption>
          <thead className="bg-chrome">
            <tr>
              {['Account', 'Role', 'Status', 'Sessions', 'Created (UTC)'].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.name} className={`border-t border-chrome-light ${a.name === selected ? 'bg-select text-white' : ''}`}>
                <td className="px-2 py-1">
                  <Link href={`/accounts?name=${encodeURIComponent(a.name)}`} aria-current={a.name === selected ? 'true' : undefined} className="underline underline-offset-2">
                    {a.name}
                  </Link>
                  {a.name === me ? ' (you)' : ''}
                </td>
                <td className="px-2 py-1">{a.roleLabel}</td>
                <td className="px-2 py-1">{a.disabled ? 'Disabled' : 'Enabled'}</td>
                <td className="px-2 py-1 tabular-nums">{a.sessions.length}</td>
                <td className="px-2 py-1 tabular-nums">{stamp(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {current ? <AccountDetails key={current.name} account={current} /> : <p className="text-ink-muted">Choose an account in the list to change its role, password, status or sessions.</p>}
      <NewAccount />
    </div>
  );
}

function AccountDetails({ account }: { account: AccountView }) {
  const id = useId();
  const router = useRouter();
  const role = useRun();
  const reset = useRun();
  const status = useRun();
  const sessions = useRun();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useRun();
  return (
    <section aria-labelledby={`${id}-h`} className="bevel-raised grid gap-3 bg-chrome p-2">
      <h2 id={`${id}-h`} className="font-semibold">
        Account {account.name}
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          const v = form(e);
          role.run(() => setAccountRoleAction({ name: account.name, role: v.role }), `${account.name} is now ${v.role === 'admin' ? 'an Admin' : 'a View Only Admin'}`);
        }}
      >
        <Field label="Role">
          <select name="role" defaultValue={account.role} className="field" disabled={role.pending}>
            <option value="admin">Admin</option>
            <option value="viewer">View Only Admin</option>
          </select>
        </Field>
        <button type="submit" className="button" disabled={role.pending}>
          Save role
        </button>
        <Message message={role.message} />
      </form>

      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          const target = e.currentTarget;
          const v = form(e);
          reset.run(() => resetPasswordAction({ name: account.name, password: v.password, confirm: v.confirm }), `Password of ${account.name} reset; its sessions ended`, () => target.reset());
        }}
      >
        <Field label="New password">
          <input name="password" type="password" autoComplete="new-password" required className="field" disabled={reset.pending} />
        </Field>
        <Field label="Confirm new password">
          <input name="confirm" type="password" autoComplete="new-password" required className="field" disabled={reset.pending} />
        </Field>
        <button type="submit" className="button" disabled={reset.pending}>
          Reset password
        </button>
        <Message message={reset.message} />
      </form>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="button"
          disabled={status.pending}
          onClick={() =>
            status.run(
              () => setAccountDisabledAction({ name: account.name, disabled: !account.disabled }),
              account.disabled ? `${account.name} enabled` : `${account.name} disabled; its sessions ended`,
            )
          }
        >
          {account.disabled ? 'Enable account' : 'Disable account'}
        </button>
        <button type="button" className="button" disabled={remove.pending} onClick={() => setConfirmDelete(true)}>
          Delete account…
        </button>
        <Message message={status.message ?? remove.message} />
      </div>

      <section aria-labelledby={`${id}-s`} className="grid gap-1">
        <h3 id={`${id}-s`} className="font-semibold">
          Sessions of {account.name}
        </h3>
        {account.sessions.length === 0 ? (
          <p className="text-ink-muted">No session: {account.name} is not signed in anywhere.</p>
        ) : (
          <table className="bevel-sunken w-full bg-white text-left text-[12px]">
            <caption className="sr-only">Sessions of {account.name}</caption>
            <thead className="bg-chrome">
              <tr>
                {['Session', 'Signed in (UTC)', 'Ends (UTC)', 'Address', ''].map((h, k) => (
                  <th key={k} scope="col" className="px-2 py-1 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {account.sessions.map((s) => (
                <tr key={s.id} className="border-t border-chrome-light">
                  <td className="px-2 py-1 tabular-nums">
                    {s.id}
                    {s.current ? ' (this browser)' : ''}
                  </td>
                  <td className="px-2 py-1 tabular-nums">{stamp(s.createdAt)}</td>
                  <td className="px-2 py-1 tabular-nums">{stamp(s.expiresAt)}</td>
                  <td className="px-2 py-1">{s.address ?? '—'}</td>
                  <td className="px-2 py-1">
                    <button
                      type="button"
                      className="button"
                      disabled={sessions.pending}
                      onClick={() => sessions.run(() => endSessionsAction({ name: account.name, session: s.id }), `Session ${s.id} of ${account.name} ended`)}
                    >
                      End session {s.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className="button"
            disabled={sessions.pending || account.sessions.length === 0}
            onClick={() => sessions.run(() => endSessionsAction({ name: account.name }), `All sessions of ${account.name} ended`)}
          >
            End all sessions
          </button>
          <Message message={sessions.message} />
        </div>
      </section>

      {confirmDelete ? (
        <DialogFrame title="Microsoft Exchange Administrator" role="alertdialog" width="max-w-sm" describedBy={`${id}-d`} onEscape={() => setConfirmDelete(false)}>
          <p id={`${id}-d`} className="p-4">
            Delete the account {account.name}? Its sessions end, and it can no longer sign in.
          </p>
          <div className="flex justify-center gap-2 pb-4">
            <button
              type="button"
              className="button min-w-20"
              disabled={remove.pending}
              onClick={() =>
                remove.run(
                  () => deleteAccountAction({ name: account.name }),
                  `Account ${account.name} deleted`,
                  () => router.replace('/accounts'),
                )
              }
            >
              Yes
            </button>
            <button type="button" className="button min-w-20" disabled={remove.pending} onClick={() => setConfirmDelete(false)} data-autofocus>
              No
            </button>
          </div>
          {remove.message?.error ? (
            <p role="alert" className="px-4 pb-4 text-[12px] text-red-800">
              {remove.message.text}
            </p>
          ) : null}
        </DialogFrame>
      ) : null}
    </section>
  );
}

function NewAccount() {
  const id = useId();
  const add = useRun();
  return (
    <section aria-labelledby={`${id}-h`} className="bevel-raised grid gap-2 bg-chrome p-2">
      <h2 id={`${id}-h`} className="font-semibold">
        New account
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          const target = e.currentTarget;
          const v = form(e);
          add.run(() => addAccountAction(v), `Account ${v.name} created`, () => target.reset());
        }}
      >
        <Field label="Account name">
          <input name="name" required maxLength={32} autoComplete="off" className="field" disabled={add.pending} />
        </Field>
        <Field label="Role">
          <select name="role" defaultValue="viewer" className="field" disabled={add.pending}>
            <option value="admin">Admin</option>
            <option value="viewer">View Only Admin</option>
          </select>
        </Field>
        <Field label="Password">
          <input name="password" type="password" autoComplete="new-password" required className="field" disabled={add.pending} />
        </Field>
        <Field label="Confirm password">
          <input name="confirm" type="password" autoComplete="new-password" required className="field" disabled={add.pending} />
        </Field>
        <button type="submit" className="button" disabled={add.pending}>
          Add account
        </button>
      </form>
      <p className="text-[12px] text-ink-muted">Names: 1 to 32 letters, digits, dots, hyphens or underscores. Passwords: at least 10 characters.</p>
      <Message message={add.message} />
    </section>
  );
}
