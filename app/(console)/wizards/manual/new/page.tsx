import type { Metadata } from 'next';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { openManualWizards } from '@/lib/manual/manual-wizard';
import { manualWizardChoices } from '@/lib/queries/manual-wizard-view';
import { NewManualWizard } from '../_components/manual-wizard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Manual Dirsync Wizard' };

/** Tools ▸ Manual Dirsync Wizard…: the dirsync server whose network the manual cycle runs on, and the runs in progress. */
export default async function NewManualWizardPage() {
  const session = await requirePageSession('/wizards/manual/new');
  const db = sharedDatabase();
  return <NewManualWizard choices={manualWizardChoices(db)} open={openManualWizards(db)} canChange={canChange(session.role)} />;
}
