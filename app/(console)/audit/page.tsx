import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { sharedDatabase } from '@/db/client';
import { auditChanges, auditPage, type AuditFilter } from '@/lib/auth/audit';
import { requirePageSession } from '@/lib/auth/request';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { AuditTable } from './_components/audit-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit trail' };

const PAGE = 50;
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

type Query = { who?: string; what?: string; object?: string; from?: string; to?: string; before?: string; after?: string };

/** `YYYY-MM-DDTHH:MM` from a datetime-local box, read as UTC; undefined when empty or not a time. */
const utc = (text: string | undefined) => {
  if (!text?.trim()) return undefined;
  const ms = Date.parse(`${text.trim()}${/Z$|[+-]\d\d:\d\d$/.test(text.trim()) ? '' : 'Z'}`);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * Every change made through the console, newest first: who, what, which object, and the fields it
 * changed as `field: before → after`. Filter by who, what, object and time; pages of 50 read by id
 * on the server (never the whole table). Admins only.
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Query> }) {
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
  const q = await searchParams;
  const filter: AuditFilter = { who: q.who, what: q.what, object: q.object, since: utc(q.from), until: utc(q.to) };
  const badTime = [q.from && filter.since === undefined ? `From "${q.from}"` : null, q.to && filter.until === undefined ? `To "${q.to}"` : null].filter(Boolean);
  const before = Number(q.before) || undefined;
  const after = before ? undefined : Number(q.after) || undefined;
  const page = auditPage(sharedDatabase(), { limit: PAGE, beforeId: before, afterId: after, filter });
  const filtered = !!(q.who || q.what || q.object || q.from || q.to);
  const href = (extra: { before?: number; after?: number }) => {
    const p = new URLSearchParams();
    for (const k of ['who', 'what', 'object', 'from', 'to'] as const) if (q[k]) p.set(k, q[k]!);
    if (extra.before) p.set('before', String(extra.before));
    if (extra.after) p.set('after', String(extra.after));
    const s = p.toString();
    return `/audit${s ? `?${s}` : ''}`;
  };
  const field = 'field min-h-7 py-0.5';
  return (
    <ChildWindow
      title="Audit trail"
      toolbar={
        <form role="search" aria-label="Filter the audit trail" method="get" action="/audit" className="flex flex-wrap items-end gap-2 border-b border-chrome-shadow/40 px-1.5 py-1.5 text-[12px]">
          <label className="grid gap-0.5">
            <span>Who</span>
            <input name="who" defaultValue={q.who ?? ''} className={`${field} w-28`} placeholder="account" />
          </label>
          <label className="grid gap-0.5">
            <span>What</span>
            <input name="what" defaultValue={q.what ?? ''} className={`${field} w-40`} placeholder="e.g. Registry" />
          </label>
          <label className="grid gap-0.5">
            <span>Object</span>
            <input name="object" defaultValue={q.object ?? ''} className={`${field} w-40`} placeholder="e.g. EXCH01" />
          </label>
          <label className="grid gap-0.5">
            <span>From (UTC)</span>
            <input name="from" type="datetime-local" defaultValue={q.from ?? ''} className={field} />
          </label>
          <label className="grid gap-0.5">
            <span>To (UTC)</span>
            <input name="to" type="datetime-local" defaultValue={q.to ?? ''} className={field} />
          </label>
          <button type="submit" className="button min-h-7">
            Filter
          </button>
          {filtered ? (
            <Link href="/audit" className="button min-h-7">
              Show all
            </Link>
          ) : null}
        </form>
      }
      status={
        <StatusBar>
          <StatusPane grow>{filtered ? 'Filtered view' : 'All changes made through the console'}</StatusPane>
          <StatusPane>
            {page.rows.length} {page.rows.length === 1 ? 'change' : 'changes'} on this page
          </StatusPane>
        </StatusBar>
      }
    >
      {badTime.length ? (
        <p role="alert" className="mb-1.5 border border-red-700 bg-red-50 px-2 py-1 text-red-800">
          {badTime.join(' and ')} is not a time: use the date and time boxes (YYYY-MM-DD HH:MM, UTC). That part of the filter was left out.
        </p>
      ) : null}
      <div role="region" aria-label="Changes" tabIndex={0} className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white">
        <AuditTable
          rows={page.rows.map((r) => ({ id: r.id, when: stamp(r.at), who: r.accountName, action: r.action, object: r.object, changes: auditChanges(r.before, r.after) }))}
        />
        {page.rows.length === 0 ? <p className="p-2">{filtered ? 'No change matches this filter.' : 'No change has been made through the console yet.'}</p> : null}
      </div>
      <nav aria-label="Audit trail pages" className="flex shrink-0 justify-end gap-2 pt-2">
        {page.newer && page.rows.length ? (
          <Link className="button" href={href({ after: page.rows[0].id })}>
            Newer changes
          </Link>
        ) : null}
        {page.older && page.rows.length ? (
          <Link className="button" href={href({ before: page.rows[page.rows.length - 1].id })}>
            Older changes
          </Link>
        ) : null}
      </nav>
    </ChildWindow>
  );
}
