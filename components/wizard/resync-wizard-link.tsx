import Link from 'next/link';
import type { ReactNode } from 'react';

/** "Resync Wizard…" on a dirsync object's page: opens the wizard pre-filled with that object. */
export function ResyncWizardLink({ dss, requestor, label = 'Resync Wizard…', before }: { dss?: string; requestor?: string; label?: string; before?: ReactNode }) {
  const q = new URLSearchParams();
  if (dss) q.set('dss', dss);
  if (requestor) q.set('requestor', requestor);
  return (
    <p className="mb-2 flex justify-end gap-2">
      {before}
      <Link className="button" href={`/wizards/resync/new${q.size ? `?${q}` : ''}`}>
        {label}
      </Link>
    </p>
  );
}
