import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { securityLog } from '@/lib/auth/security-log';
import { ChildWindow } from '@/components/console/child-window';
import { ColumnHeads } from '@/components/ui/column-heads';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security log' };

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/**
 * Tools ▸ Security Log, next to the audit trail: sign-ins (failed, locked, refused, made), refused
 * actions and origins, account changes; newest first, 100 at a time; Admins only.
 */
export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const session = await requirePageSession('/security-log');
  if (session.role !== 'admin') {
    return (
      <ChildWindow title="Security log">
        <p role="alert" className="p-2">
          Only an Admin can read the security log; you are signed in as a View Only Admin.
        </p>
      </ChildWindow>
    );
  }
  const before = Number((await searchParams).before) || undefined;
  const rows = securityLog(sharedDatabase(), { limit: 100, beforeId: before });
  return (
    <ChildWindow title="Security log">
      {/* A list longer than the window scrolls here, so the keyboard must reach it (tabIndex, a name). */}
      <div role="region" aria-label="Security log entries" tabIndex={0} className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <table className="w-full text-left text-[12px]">
          <caption className="sr-only">Sign-ins, refusals and account changes, newest first</caption>
          <ColumnHeads columns={['When (UTC)', 'Event', 'Account', 'Address', 'Detail']} className="px-2 py-1 font-semibold" />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-chrome-light align-top">
                <td className="px-2 py-1 whitespace-nowrap tabular-nums">{stamp(r.at)}</td>
                <td className="px-2 py-1 whitespace-nowrap">{r.kind}</td>
                <td className="px-2 py-1 break-all">{r.accountName ?? '—'}</td>
                <td className="px-2 py-1 break-all">{r.address ?? '—'}</td>
                <td className="px-2 py-1 break-all">{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-2">Nothing has been recorded yet.</p> : null}
      </div>
      {rows.length === 100 ? (
        <Link className="button mt-2 self-end" href={`/security-log?before=${rows[rows.length - 1].id}`}>
          Older entries
        </Link>
      ) : null}
    </ChildWindow>
  );
}
