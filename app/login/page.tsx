import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { accountCount } from '@/lib/auth/accounts';
import { SignInForm } from '@/components/auth/auth-form';
import { signInAction } from '../auth-actions';
import { DialogWindow } from '@/components/auth/dialog-window';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (accountCount(sharedDatabase()) === 0) redirect('/setup');
  const { next } = await searchParams;
  return (
    <DialogWindow title="Connect to Dirsync Console">
      <SignInForm next={next ?? '/'} signIn={signInAction} />
    </DialogWindow>
  );
}
