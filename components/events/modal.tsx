'use client';

import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';

/**
 * A modal dialog of the Event Viewer, at its own URL (`?dialog=…` or `?event=…`): closing it goes
 * to `closeHref`. Focus moves into it when it opens and stays in it (Tab wraps); Escape closes.
 */
export function Modal({ title, closeHref, children, role = 'dialog', width = 'max-w-lg' }: { title: string; closeHref: string; children: ReactNode; role?: 'dialog' | 'alertdialog'; width?: string }) {
  const router = useRouter();
  return (
    <DialogFrame title={title} role={role} width={width} onEscape={() => router.push(closeHref, { scroll: false })}>
      <div className="p-3">{children}</div>
    </DialogFrame>
  );
}
