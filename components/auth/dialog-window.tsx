import type { ReactNode } from 'react';
import { ExchangeIcon } from '@/components/ui/icons';

/** A centred NT-style dialog holding a page's only form (setup, sign in). */
export function DialogWindow({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="grid min-h-dvh place-items-center p-4">
      <main aria-labelledby="dialog-title" className="window w-full max-w-sm">
        <header className="titlebar">
          <ExchangeIcon />
          <h1 id="dialog-title" className="text-[13px] font-bold">
            {title}
          </h1>
        </header>
        <div className="grid gap-3 p-4">{children}</div>
      </main>
    </div>
  );
}
