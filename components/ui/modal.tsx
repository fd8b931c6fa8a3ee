'use client';

import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';

/**
 * A modal dialog over a property sheet (the MTA dialog, Create/Modify connection, the Queue
 * viewer). Its place is in the URL, so reload and the back button keep it; Escape or Close goes
 * back to `closeHref`. Focus moves into it when it opens and stays inside (Tab wraps).
 */
export function Modal({ title, closeHref, wide = false, children }: { title: string; closeHref: string; wide?: boolean; children: ReactNode }) {
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
    <DialogFrame title={title} width={wide ? 'max-w-4xl' : 'max-w-lg'} onEscape={() => router.push(closeHref, { scroll: false })}>
      <div className="grid gap-3 p-3">{children}</div>
    </DialogFrame>
  );
}
