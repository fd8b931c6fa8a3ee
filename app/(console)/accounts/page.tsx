import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { sharedDatabase } from '@/db/client';
import { accounts, ROLE_LABELS } from '@/lib/auth/accounts';
import { requirePageSession, SESSION_COOKIE } from '@/lib/auth/request';
import { accountSessions } from '@/lib/auth/sessions';
import { ChildWindow } from '@/components/console/child-window';
import { AccountsView } from './_components/accounts-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accounts' };

/** Tools ▸ Accounts: the console's accounts, their roles and sessions; Admins only. */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ name?: string }> }) {
  const session = await requirePageSession('/accounts');
  if (session.role !== 'admin') {
    return (
      <ChildWindow title="Accounts">
        <p role="alert" className="p-2">
          Only an Admin can manage accounts; you are signed in as a View Only Admin. File ▸ Change Password changes your own password.
        </p>
      </ChildWindow>
    );
  }
  const db = sharedDatabase();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const now = Date.now();
  const rows = accounts(db).map((a) => ({
    name: a.name,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt,
    sessions: accountSessions(db, a.id, { now, currentToken: token }),
  }));
  const wanted = (await searchParams).name?.toLowerCase();
  const selected = rows.find((r) => r.name.toLowerCase() === wanted)?.name ?? null;
  return (
    <ChildWindow title="Accounts">
      <AccountsView accounts={rows} selected={selected} me={session.name} />
    </ChildWindow>
  );
}
