import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { preinit } from 'react-dom';
import { sharedDatabase } from '@/db/client';
import { accountCount } from '@/lib/auth/accounts';
import { SignInForm } from '@/components/auth/auth-form';
import { signInAction } from '../auth-actions';
import { DialogWindow } from '@/components/auth/dialog-window';
import { safeNextPath } from '@/lib/auth/next-path';
import { viewScripts } from './view-scripts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (accountCount(sharedDatabase()) === 0) redirect('/setup');
  const { next } = await searchParams;
  // The view's scripts load and run while the user types, so the console appears as soon as the sign-in answers.
  for (const src of viewScripts(safeNextPath(next ?? '/'))) preinit(src, { as: 'script' });
  return (
    <DialogWindow title="Connect to Dirsync Console">
      <SignInForm next={next ?? '/'} signIn={signInAction} />
    </DialogWindow>
  );
}
