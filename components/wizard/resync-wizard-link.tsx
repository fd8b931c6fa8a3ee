import Link from 'next/link';
import { routes } from '@/lib/console/routes';

/** "Resync Wizard…" on a dirsync object's page: opens the wizard pre-filled with that object. */
export function ResyncWizardLink({ dss, requestor, label = 'Resync Wizard…' }: { dss?: string; requestor?: string; label?: string }) {
  return (
    <p className="mb-2 flex justify-end">
      <Link className="button" href={routes.newResyncWizard({ dss: dss || undefined, requestor: requestor || undefined })}>
        {label}
      </Link>
    </p>
  );
}
