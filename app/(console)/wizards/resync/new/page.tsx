import type { Metadata } from 'next';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { newWizardChoices } from '@/lib/queries/resync-wizard-view';
import { openWizards } from '@/lib/resync/wizard-state';
import { NewResyncWizard } from '../_components/new-resync-wizard';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Resync Wizard' };

/** Tools ▸ Resync Wizard… and the objects' "Resync Wizard…" links (`?dss=` / `?requestor=` pre-fill): the Direction page. */
export default async function NewResyncWizardPage({ searchParams }: { searchParams: Promise<{ dss?: string; requestor?: string; all?: string }> }) {
  const session = await requirePageSession(routes.newResyncWizard());
  const prefill = await searchParams;
  const db = sharedDatabase();
  const choices = newWizardChoices(db, { dss: typeof prefill.dss === 'string' ? prefill.dss : undefined, requestor: typeof prefill.requestor === 'string' ? prefill.requestor : undefined });
  // The newest 20 open runs, or (Show all) up to 1,000: a list longer than that is for cancelling, not reading.
  const limit = prefill.all === '1' ? 1000 : 20;
  const open = openWizards(db, limit);
  return <NewResyncWizard {...choices} open={{ ...open, more: limit < 1000 }} canChange={canChange(session.role)} />;
}
