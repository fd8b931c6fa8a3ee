import type { Metadata } from 'next';
import { sharedDatabase } from '@/db/client';
import { EXCHANGE_VERSIONS } from '@/db/schema';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { stmt } from '@/lib/core/statements';
import { NewExchangeServerDialog } from '../_components/new-exchange-server-dialog';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New Exchange Server' };

/** File ▸ New Other ▸ Exchange Server. */
export default async function NewExchangeServerPage() {
  const session = await requirePageSession('/new/exchange-server');
  const sites = stmt(sharedDatabase(), 'select organization, site from exchange_site order by organization, site').all() as { organization: string; site: string }[];
  return <NewExchangeServerDialog versions={EXCHANGE_VERSIONS} sites={sites} readOnly={!canChange(session.role)} />;
}
