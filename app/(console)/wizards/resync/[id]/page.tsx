import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { resyncWizardView } from '@/lib/queries/resync-wizard-view';
import { ResyncWizard } from '../_components/resync-wizard';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Resync Wizard' };

/** A stored Resync Wizard run (lib/resync/wizard-state.ts): `?page=` shows a page, else the one the run is on. */
export default async function ResyncWizardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const session = await requirePageSession(routes.resyncWizard(id));
  const { page } = await searchParams;
  const n = Number(id);
  const db = sharedDatabase();
  if (!Number.isInteger(n) || n <= 0 || !db.$client.prepare('select 1 from resync_wizard where id = ?').get(n)) notFound();
  const view = resyncWizardView(db, n, page);
  return <ResyncWizard view={view} canChange={canChange(session.role)} />;
}
