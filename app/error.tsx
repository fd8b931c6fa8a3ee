'use client';

import { useEffect } from 'react';
import { ExchangeIcon, WarningIcon } from '@/components/ui/icons';
import { Window } from '@/components/ui/window';
import { noAnswer } from '@/components/ui/use-action';

/**
 * What went wrong, as far as the browser can tell: the server's own failure comes with a digest
 * (its log has the details under it); a request that never came back is fetch's TypeError (not
 * any TypeError: a bug in a page is one too); anything else failed in the page itself.
 */
function whatFailed(error: unknown): { text: string; hint: string; digest: string } {
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';
  if (digest) return { text: 'The console’s server failed on this view.', hint: 'Try again; if it fails again, the server log has the details', digest };
  if (noAnswer(error)) return { text: 'The console did not answer: its server stopped or the network dropped.', hint: 'Try again when the server is running', digest };
  return { text: 'This view failed in the browser.', hint: 'Try again; the browser’s console has the details', digest };
}

/** An unexpected failure, shown as the old program's message box; the details stay in the server log. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { text, hint, digest } = whatFailed(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <Window title="Microsoft Exchange Administrator" icon={<ExchangeIcon />}>
      <div className="grid flex-1 place-items-center p-4">
        <section
          role="alert"
          aria-labelledby="error-title"
          className="window w-full max-w-md"
        >
          <div className="titlebar">
            <h2 id="error-title" className="text-[13px] font-bold">
              Microsoft Exchange Administrator
            </h2>
          </div>
          <div className="flex gap-4 p-4">
            <WarningIcon className="size-8 shrink-0" />
            <div className="space-y-2">
              <p>{text}</p>
              <p className="text-[12px] text-ink-muted">
                {hint}
                {digest ? (
                  <>
                    {' '}
                    (error ID <code>{digest}</code>)
                  </>
                ) : null}
                .
              </p>
            </div>
          </div>
          <div className="flex justify-end px-4 pb-4">
            <button type="button" className="button min-w-24" onClick={() => retry()} autoFocus>
              Try again
            </button>
          </div>
        </section>
      </div>
    </Window>
  );
}
