'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import type { StateFix } from '@/lib/health/apply-fix';

/** A Health fix that changes state: runs it on the server (which checks the role), then says what happened. */
export function FixButton({ fix, object, action, disabled }: { fix: StateFix; object: string; action: (input: Record<string, unknown>) => Promise<ActionResult<string>>; disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="button"
        aria-label={`${fix.label}: ${object}`}
        disabled={disabled || pending}
        title={disabled ? 'A View Only Admin can look at everything but change nothing' : undefined}
        onClick={() =>
          start(async () => {
            const r = await action({ ...fix });
            setMessage(r.ok ? { text: r.data, error: false } : { text: r.error, error: true });
            if (r.ok) router.refresh();
          })
        }
      >
        {pending ? 'Working…' : fix.label}
      </button>
      {message ? (
        <span role={message.error ? 'alert' : 'status'} className={`text-[12px] ${message.error ? 'text-red-800' : 'text-green-900'}`}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
