'use client';

import type { ActionResult } from '@/lib/actions/safe-action';
import type { StateFix } from '@/lib/health/apply-fix';
import { useToast } from '@/components/console/toasts';
import { useAction } from '@/components/ui/use-action';

/**
 * A Health fix that changes state: runs it on the server (which checks the role), says what
 * happened in a toast — a fix that clears its finding at once (a restart) takes its item away,
 * so the result cannot live inside it — and refreshes the page.
 */
export function FixButton({ fix, object, action, disabled }: { fix: StateFix; object: string; action: (input: Record<string, unknown>) => Promise<ActionResult<string>>; disabled: boolean }) {
  const notify = useToast();
  const { pending, run } = useAction();
  return (
    <button
      type="button"
      className="button"
      aria-label={`${fix.label}: ${object}`}
      disabled={disabled || pending}
      title={disabled ? 'A View Only Admin can look at everything but change nothing' : undefined}
      onClick={() =>
        run(() => action({ ...fix }), {
          done: (text) => void notify(text),
          failed: (r) => notify(r.error, { error: true }),
        })
      }
    >
      {pending ? 'Working…' : fix.label}
    </button>
  );
}
