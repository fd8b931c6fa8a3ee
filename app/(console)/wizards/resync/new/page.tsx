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
export default async function NewResyncWizardPage({ searchParams }: { searchParams: Promise<{ dss?: string; requestor?: string }> }) {
  const session = await requirePageSession(routes.newResyncWizard());
  const prefill = await searchParams;
  const db = sharedDatabase();
  const choices = newWizardChoices(db, { dss: typeof prefill.dss === 'string' ? prefill.dss : undefined, requestor: typeof prefill.requestor === 'string' ? prefill.requestor : undefined });
  return <NewResyncWizard {...choices} open={openWizards(db)} canChange={canChange(session.role)} />;
}
