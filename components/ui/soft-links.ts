'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';

/**
 * One click handler for the plain links of a long list (a row each): a click opens the link in
 * the console without reloading it, as Next's Link does, and a click with a modifier, the middle
 * button or a link to another site is left to the browser. A Link on every row was a component
 * to render on the server and to hydrate in the browser for each of up to 100 rows.
 */
export function useSoftLinks({ scroll = true }: { scroll?: boolean } = {}): (e: MouseEvent) => void {
  const router = useRouter();
  return (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || a.target || a.hasAttribute('download') || a.origin !== window.location.origin) return;
    e.preventDefault();
    router.push(a.pathname + a.search + a.hash, { scroll });
  };
}
