'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { trapTab } from '@/components/ui/trap-tab';

/**
 * A modal dialog of the Event Viewer, at its own URL (`?dialog=…` or `?event=…`): closing it goes
 * to `closeHref`. Focus moves into it when it opens and stays in it (Tab wraps); Escape closes.
 */
export function Modal({ title, closeHref, children, role = 'dialog', width = 'max-w-lg' }: { title: string; closeHref: string; children: ReactNode; role?: 'dialog' | 'alertdialog'; width?: string }) {
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]):not([disabled]), select, textarea, button:not([disabled]), a[href], [tabindex="0"]');
    first?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      router.push(closeHref, { scroll: false });
    } else trapTab(e, box.current);
  };
  return (
    <div className="fixed inset-0 z-50 grid place-items-center overflow-auto bg-black/25 p-2 sm:p-4">
      <div ref={box} role={role} aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} className={`window w-full ${width}`}>
        <header className="titlebar">
          <h2 id={titleId} className="flex-1 text-[13px] font-bold">
            {title}
          </h2>
        </header>
        <div className="p-3">{children}</div>
      </div>
    </div>
  );
}
