'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { trapTab } from './trap-tab';

/**
 * The frame every modal dialog and message box of the console shares (WAI-ARIA dialog pattern):
 * a backdrop, the window with its title bar, `aria-modal`, named by its title (and described by
 * `describedBy` for an alertdialog). When it opens, focus goes to the element marked
 * `data-autofocus`, else to its first control; Tab stays inside; Escape calls `onEscape`.
 */
export function DialogFrame({
  title,
  onEscape,
  role = 'dialog',
  width = 'max-w-lg',
  describedBy,
  children,
}: {
  title: ReactNode;
  onEscape: () => void;
  role?: 'dialog' | 'alertdialog';
  width?: string;
  /** The id of the text an alertdialog says. */
  describedBy?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]):not([disabled]), select, textarea, button:not([disabled]), a[href], [tabindex="0"]')?.focus();
  }, []);
  return (
    <div className="fixed inset-0 z-50 grid place-items-center overflow-auto bg-black/20 p-2 sm:p-4">
      <div
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className={`window w-full ${width}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onEscape();
          } else trapTab(e, box.current);
        }}
      >
        <header className="titlebar">
          <h2 id={titleId} className="flex-1 truncate text-[13px] font-bold">
            {title}
          </h2>
        </header>
        {children}
      </div>
    </div>
  );
}
