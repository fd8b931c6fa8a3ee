'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/safe-action';
import { announceSessionEnded } from '@/components/auth/session-ended';

/** What a control's result line says: the last action's outcome. */
export type ActionStatus = { text: string; error: boolean; fields?: Record<string, string> } | null;

export interface RunOptions<T> {
  /** A success: do what follows it here and return what the result line says (nothing: the line clears). */
  done?: (data: T, result: Extract<ActionResult<T>, { ok: true }>) => string | void;
  /** A refusal: its message goes to the result line — unless this is given, which shows it elsewhere (a dialog, a toast). */
  failed?: (result: Extract<ActionResult<T>, { ok: false }>) => void;
  /** Refresh the page after a refusal too (a refused step may still have logged or moved something). */
  refreshAlways?: boolean;
}

/** What a control says when the request itself failed: the server stopped, restarted or the network dropped. */
export const NO_ANSWER = 'The console did not answer (its server stopped or the network dropped): try again';

/** What a control says when the server failed on the request (an unexpected error: its log has it under the digest). */
export const serverFailed = (digest: string) => `The console's server failed on this request (error ${digest}; its log has the details): reload the page to see what it holds, then try again`;

/**
 * An action's answer, or a refusal when the request itself failed. Thrown, the failure would reach
 * the page's error boundary and replace the whole console (and whatever was typed in it) with an
 * error page; answered, it is said where the action's own refusal would be and the page stays.
 * Next's own signals (a redirect, a not-found) are thrown on as they are. An answer that says the
 * session has ended is announced to the status bar (SessionEnded) as well.
 */
export async function answerOf<R extends { ok: boolean }>(call: () => Promise<R>): Promise<R | Extract<ActionResult<never>, { ok: false }>> {
  let answer: R;
  try {
    answer = await call();
  } catch (e) {
    const digest = (e as { digest?: unknown } | null)?.digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_')) throw e;
    // A digest is the server's own failure (its log has the details under that number); none, the request never came back.
    return { ok: false, error: typeof digest === 'string' ? serverFailed(digest) : NO_ANSWER };
  }
  // An ended session is said once for the whole console (its status bar), whichever control met it.
  if ((answer as { signIn?: boolean }).signIn) announceSessionEnded();
  return answer;
}

/** Whether an error is a request that never came back (fetch's TypeError in Chromium, Firefox and Safari words), not a bug. */
export const noAnswer = (e: unknown) => e instanceof TypeError && /fetch|network|load failed/i.test(e.message);

/**
 * How a client control runs a server action (docs/console.md, "Refresh after an action"): `pending`
 * while it runs, its outcome in `status`, and a refresh of the page after a success so it shows the
 * change — the one place the console refreshes after an action (the server revalidates nothing:
 * every page reads the database on each request, so the refresh is all it takes).
 */
export function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<ActionStatus>(null);
  const refresh = useCallback(() => router.refresh(), [router]);
  const run = useCallback(
    <T,>(call: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) =>
      start(async () => {
        const r = await answerOf(call);
        if (r.ok) {
          const text = options.done?.(r.data, r);
          setStatus(text ? { text, error: false } : null);
        } else {
          if (options.failed) options.failed(r);
          else setStatus({ text: r.error, error: true, fields: r.fieldErrors });
        }
        if (r.ok || options.refreshAlways) router.refresh();
      }),
    [router],
  );
  return { pending, status, setStatus, run, refresh, start };
}
