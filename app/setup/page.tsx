import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { accountCount } from '@/lib/auth/accounts';
import { SetupForm } from '@/components/auth/auth-form';
import { setupAction } from '../auth-actions';
import { DialogWindow } from '@/components/auth/dialog-window';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'First-run setup' };

/** While no account exists: create the first administrator. There is no default password. */
export default function SetupPage() {
  if (accountCount(sharedDatabase()) > 0) redirect('/login');
  return (
    <DialogWindow title="Dirsync Console Setup">
      <p>No account exists yet. Create the first administrator; it can then add other Admins and View Only Admins.</p>
      <SetupForm setup={setupAction} />
    </DialogWindow>
  );
}
