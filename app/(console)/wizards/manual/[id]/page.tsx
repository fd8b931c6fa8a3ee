import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { manualWizardView } from '@/lib/queries/manual-wizard-view';
import { ManualWizard } from '../_components/manual-wizard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Manual Dirsync Wizard' };

/** A stored Manual Dirsync Wizard run (lib/manual/manual-wizard.ts): `?page=preview|steps|finish`, else Steps once started. */
export default async function ManualWizardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const session = await requirePageSession(`/wizards/manual/${encodeURIComponent(id)}`);
  const { page } = await searchParams;
  const n = Number(id);
  const db = sharedDatabase();
  if (!Number.isInteger(n) || n <= 0 || !db.$client.prepare('select 1 from manual_wizard where id = ?').get(n)) notFound();
  return <ManualWizard view={manualWizardView(db, n, typeof page === 'string' ? page : undefined)} canChange={canChange(session.role)} />;
}
