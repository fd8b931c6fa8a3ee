import type { Metadata } from 'next';
import { ROLE_LABELS } from '@/lib/auth/accounts';
import { requirePageSession } from '@/lib/auth/request';
import { ChildWindow } from '@/components/console/child-window';
import { ChangePasswordForm } from './_components/change-password-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change Password' };

/** File ▸ Change Password: every signed-in user, View Only Admins included, changes their own password. */
export default async function OwnAccountPage() {
  const session = await requirePageSession('/account');
  return (
    <ChildWindow title={`Change Password for ${session.name}`}>
      <p className="mb-2">
        Signed in as {session.name} ({ROLE_LABELS[session.role]}). Your other sessions end when the password changes; this one stays.
      </p>
      <ChangePasswordForm />
    </ChildWindow>
  );
}
