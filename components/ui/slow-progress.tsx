'use client';

import { useEffect, useState } from 'react';

/** How long a step may take before the console shows that it is still working. */
const AFTER_MS = 1_000;

/**
 * An indeterminate progress bar with a label, shown only once `pending` has lasted a second, so
 * quick steps do not flicker and slow ones (a dirsync cycle, a big import) say they are running.
 * Its space is kept while hidden, so nothing moves when it appears; the blocks move only while it
 * is shown (a hidden bar that animates repaints its page sixty times a second for nobody).
 */
export function SlowProgress({ pending, label }: { pending: boolean; label: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!pending) {
      setShown(false);
      return;
    }
    const timer = window.setTimeout(() => setShown(true), AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [pending]);
  return (
    <span className={`inline-flex items-center gap-1.5 text-[12px] ${shown ? '' : 'invisible'}`} aria-hidden={!shown}>
      <span role="progressbar" aria-label={label} aria-busy="true" className={`${shown ? 'progress-indeterminate ' : ''}bevel-sunken inline-block h-3 w-24 overflow-hidden bg-white`} />
      <span>{label}</span>
    </span>
  );
}
