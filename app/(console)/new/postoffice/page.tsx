import type { Metadata } from 'next';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { stmt } from '@/lib/core/statements';
import { NewPostofficeDialog } from '../_components/new-postoffice-dialog';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New MS Mail Postoffice' };

/** File ▸ New Other ▸ MS Mail Postoffice, the tree's MS Mail ▸ New Postoffice… and the empty network's first step. */
export default async function NewPostofficePage() {
  const session = await requirePageSession('/new/postoffice');
  const used = new Set((stmt(sharedDatabase(), 'select drive from postoffice where drive is not null').all() as { drive: string }[]).map((r) => r.drive));
  // The order the engine gives them in: M onwards, then the letters before M.
  const freeDrives = [...'MNOPQRSTUVWXYZABCDEFGHIJKL'].filter((d) => !used.has(d));
  return <NewPostofficeDialog freeDrives={freeDrives} readOnly={!canChange(session.role)} />;
}
