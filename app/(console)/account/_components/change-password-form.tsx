'use client';

import { useState, useTransition } from 'react';
import { changeOwnPasswordAction } from '../../accounts/actions';
import { answerOf } from '@/components/ui/use-action';

/** Current password, new password twice, Change Password; the result next to the button. */
export function ChangePasswordForm() {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <form
      className="grid max-w-sm gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const target = e.currentTarget;
        const v = Object.fromEntries(new FormData(target)) as Record<string, string>;
        start(async () => {
          const r = await answerOf(() => changeOwnPasswordAction(v));
          if (r.ok) {
            target.reset();
            setMessage({ text: 'Password changed', error: false });
          } else setMessage({ text: r.fieldErrors?.confirm ?? r.error, error: true });
        });
      }}
    >
      <label className="grid gap-1">
        <span>Current password</span>
        <input name="current" type="password" autoComplete="current-password" required className="field" disabled={pending} />
      </label>
      <label className="grid gap-1">
        <span>New password</span>
        <input name="password" type="password" autoComplete="new-password" required className="field" disabled={pending} />
      </label>
      <label className="grid gap-1">
        <span>Confirm new password</span>
        <input name="confirm" type="password" autoComplete="new-password" required className="field" disabled={pending} />
      </label>
      <p className="text-[12px] text-ink-muted">At least 10 characters.</p>
      <div className="flex justify-end">
        <button type="submit" className="button" disabled={pending}>
          Change password
        </button>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : ''}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
