'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';

/**
 * Plain links inside (the topology's SVG nodes and table rows, many of them at 50 postoffices)
 * navigate inside the console like a Next link, without a Link component per node; a click with a
 * modifier key (new tab, new window) is left to the browser.
 */
export function InAppLinks({ children, className }: { children: ReactNode; className?: string }) {
  const router = useRouter();
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a');
    const href = a?.getAttribute('href');
    if (!href?.startsWith('/')) return;
    e.preventDefault();
    router.push(href);
  };
  return (
    // The links inside are the keyboard's way in: Enter on a focused link fires this click too.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div className={`min-w-0 ${className ?? ''}`} onClick={onClick}>
      {children}
    </div>
  );
}
