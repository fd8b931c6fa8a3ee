'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';
import { trapTab } from '@/components/ui/trap-tab';

/**
 * A modal dialog over a property sheet (the MTA dialog, Create/Modify connection, the Queue
 * viewer). Its place is in the URL, so reload and the back button keep it; Escape or Close goes
 * back to `closeHref`. Focus moves into it when it opens and stays inside (Tab wraps).
 */
export function Modal({ title, closeHref, wide = false, children }: { title: string; closeHref: string; wide?: boolean; children: ReactNode }) {
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea, [tabindex="0"], button:not([disabled])');
    first?.focus();
    // Escape closes even when focus left the dialog (a button that just became unavailable).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) router.push(closeHref, { scroll: false });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, closeHref]);
  return (
    <div className="fixed inset-0 z-40 grid place-items-center overflow-auto bg-black/20 p-2 sm:p-4">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby="modal-title"
        className={`window w-full ${wide ? 'max-w-4xl' : 'max-w-lg'}`}
        onKeyDown={(e) => trapTab(e, box.current)}
      >
        <header className="titlebar">
          <h2 id="modal-title" className="flex-1 truncate text-[13px] font-bold">
            {title}
          </h2>
        </header>
        <div className="grid gap-3 p-3">{children}</div>
      </div>
    </div>
  );
}
