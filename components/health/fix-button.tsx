'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import type { StateFix } from '@/lib/health/apply-fix';
import { useToast } from '@/components/console/toasts';

/**
 * A Health fix that changes state: runs it on the server (which checks the role), says what
 * happened in a toast — a fix that clears its finding at once (a restart) takes its item away,
 * so the result cannot live inside it — and refreshes the page.
 */
export function FixButton({ fix, object, action, disabled }: { fix: StateFix; object: string; action: (input: Record<string, unknown>) => Promise<ActionResult<string>>; disabled: boolean }) {
  const router = useRouter();
  const notify = useToast();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      className="button"
      aria-label={`${fix.label}: ${object}`}
      disabled={disabled || pending}
      title={disabled ? 'A View Only Admin can look at everything but change nothing' : undefined}
      onClick={() =>
        start(async () => {
          const r = await action({ ...fix });
          notify(r.ok ? r.data : r.error, { error: !r.ok });
          if (r.ok) router.refresh();
        })
      }
    >
      {pending ? 'Working…' : fix.label}
    </button>
  );
}
