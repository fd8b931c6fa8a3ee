import Link from 'next/link';

/** "Resync Wizard…" on a dirsync object's page: opens the wizard pre-filled with that object. */
export function ResyncWizardLink({ dss, requestor, label = 'Resync Wizard…' }: { dss?: string; requestor?: string; label?: string }) {
  const q = new URLSearchParams();
  if (dss) q.set('dss', dss);
  if (requestor) q.set('requestor', requestor);
  return (
    <p className="mb-2 flex justify-end">
      <Link className="button" href={`/wizards/resync/new${q.size ? `?${q}` : ''}`}>
        {label}
      </Link>
    </p>
  );
}
