import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { routes } from '@/lib/console/routes';

/** "Resync Wizard…" on a dirsync object's page: opens the wizard pre-filled with that object. */
export function ResyncWizardLink({ dss, requestor, label = 'Resync Wizard…', before }: { dss?: string; requestor?: string; label?: string; before?: ReactNode }) {
  return (
    <p className="mb-2 flex justify-end gap-2">
      {before}
      <Link className="button" href={routes.newResyncWizard({ dss: dss || undefined, requestor: requestor || undefined })}>
        {label}
      </Link>
    </p>
  );
}
