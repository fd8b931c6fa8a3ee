import type { Metadata } from 'next';
import Link from 'next/link';
import { sharedDatabase } from '@/db/client';
import { auditTrail } from '@/lib/auth/audit';
import { requirePageSession } from '@/lib/auth/request';
import { ChildWindow } from '@/components/console/child-window';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit trail' };

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** Every change made through the console, newest first, a page of 100 at a time; Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const session = await requirePageSession('/audit');
  if (session.role !== 'admin') {
    return (
      <ChildWindow title="Audit trail">
        <p role="alert" className="p-2">
          Only an Admin can read the audit trail; you are signed in as a View Only Admin.
        </p>
      </ChildWindow>
    );
  }
  const before = Number((await searchParams).before) || undefined;
  const rows = auditTrail(sharedDatabase(), { limit: 100, beforeId: before });
  return (
    <ChildWindow title="Audit trail">
      <div className="bevel-sunken flex-1 overflow-auto bg-white">
        <table className="w-full text-left text-[12px]">
          <caption className="sr-only">Changes made through the console, newest first</caption>
          <thead className="sticky top-0 bg-chrome">
            <tr>
              {['When (UTC)', 'Who', 'What', 'Object', 'Before', 'After'].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-chrome-light align-top">
                <td className="px-2 py-1 whitespace-nowrap tabular-nums">{stamp(r.at)}</td>
                <td className="px-2 py-1">{r.accountName}</td>
                <td className="px-2 py-1">{r.action}</td>
                <td className="px-2 py-1">{r.object}</td>
                <td className="px-2 py-1 font-mono break-all">{r.before ?? '—'}</td>
                <td className="px-2 py-1 font-mono break-all">{r.after ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-2">No change has been made through the console yet.</p> : null}
      </div>
      {rows.length === 100 ? (
        <Link className="button mt-2 self-end" href={`/audit?before=${rows[rows.length - 1].id}`}>
          Older changes
        </Link>
      ) : null}
    </ChildWindow>
  );
}
