'use client';

import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';

/**
 * A modal dialog at its own URL (`?mta=…`, `?dialog=…`, `?event=…`, `?run=…`): reload and the back
 * button keep it; Escape or Close goes back to `closeHref`. Focus moves into it when it opens and
 * stays inside (Tab wraps) — the frame is DialogFrame, which message boxes without a URL use alone.
 */
export function Modal({
  title,
  closeHref,
  wide = false,
  width = wide ? 'max-w-4xl' : 'max-w-lg',
  role = 'dialog',
  children,
}: {
  title: string;
  closeHref: string;
  /** The Queue viewer's width (max-w-4xl); else `width`, max-w-lg unless given. */
  wide?: boolean;
  width?: string;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}) {
  const router = useRouter();
  useEffect(() => {
    // Escape closes even when focus left the dialog (a button that just became unavailable).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) router.push(closeHref, { scroll: false });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, closeHref]);
  return (
    <DialogFrame title={title} role={role} width={width} onEscape={() => router.push(closeHref, { scroll: false })}>
      <div className="grid gap-3 p-3">{children}</div>
    </DialogFrame>
  );
}
