'use client';

import { useEffect } from 'react';
import { ExchangeIcon, WarningIcon } from '@/components/ui/icons';
import { Window } from '@/components/ui/window';

/** An unexpected failure, shown as the old program's message box; the details stay in the server log. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';

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
              <p>This view could not be read from the directory database.</p>
              <p className="text-[12px] text-ink-muted">
                Check that the database file is reachable and the server log for details
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
