import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getRunHistoryView, parseRunHistorySearch, runHistoryHref, RUN_PAGE, type RunHistorySearch } from '@/lib/queries/run-history-view';
import { RUN_OUTCOMES } from '@/lib/history/query-runs';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { RunDetailDialog } from '@/components/history/run-detail-dialog';
import { RetentionDialog } from './_components/retention-dialog';
import { RunTable } from './_components/run-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Run History' };

const BASE = '/history';

/**
 * Run History (docs/console.md): every engine step as a row, newest first, filtered by object,
 * kind, outcome and time, 100 a page (keyset paging, so page 1,000 costs what page 1 costs); a row
 * opens its details; Export as CSV gives exactly the filtered runs.
 */
export default async function RunHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = parseRunHistorySearch(await searchParams);
  const session = await requirePageSession(runHistoryHref(BASE, s));
  const view = getRunHistoryView(sharedDatabase(), s);
  const list: RunHistorySearch = { object: s.object, kind: s.kind, outcome: s.outcome, from: s.from, through: s.through, group: s.group };
  const here = (extra: RunHistorySearch = {}) => runHistoryHref(BASE, { ...list, before: s.before, ...extra });
  const filtered = !!(s.object || s.kind || s.outcome || s.from || s.through || s.group);
  return (
    <ChildWindow
      title="Run History"
      toolbar={
        <div role="toolbar" aria-label="Run History" className="flex flex-wrap items-end gap-1.5 border-b border-chrome-shadow/40 px-1.5 py-1">
          <form method="get" action={BASE} role="search" aria-label="Filter runs" className="flex flex-wrap items-end gap-1.5">
            <Choice label="Object" name="object" value={s.object} options={view.objects} />
            <Choice label="Kind" name="kind" value={s.kind} options={view.kinds} />
            <Choice label="Outcome" name="outcome" value={s.outcome} options={RUN_OUTCOMES} />
            <label className="grid gap-0.5 text-[12px]">
              From
              <input type="datetime-local" name="from" defaultValue={s.from} className="field" />
            </label>
            <label className="grid gap-0.5 text-[12px]">
              Through
              <input type="datetime-local" name="through" defaultValue={s.through} className="field" />
            </label>
            {s.group ? (
              <label className="grid gap-0.5 text-[12px]">
                Group
                <input name="group" defaultValue={s.group} className="field w-40" readOnly aria-description="The runs one wizard run started" />
              </label>
            ) : null}
            <button type="submit" className="button px-2.5">
              Apply Filter
            </button>
            {filtered ? (
              <Link href={BASE} className="button px-2.5">
                Clear Filter
              </Link>
            ) : null}
          </form>
          <span className="mx-1 hidden h-6 border-l border-chrome-shadow/60 sm:block" aria-hidden="true" />
          <a href={runHistoryHref(`${BASE}/export`, list)} download className="button px-2.5">
            Export as CSV
          </a>
          <Link href={here({ dialog: 'retention' })} scroll={false} className="button px-2.5">
            Retention…
          </Link>
        </div>
      }
      status={
        <StatusBar>
          <StatusPane grow>{filtered ? 'Filtered view' : 'All runs'}</StatusPane>
          <StatusPane>
            {view.retention.rows.toLocaleString('en')} runs kept (at most {view.retention.maxRows.toLocaleString('en')})
          </StatusPane>
        </StatusBar>
      }
    >
      {view.errors.length ? (
        <p role="alert" className="mb-1.5 border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
          The filter in this address cannot be used: {view.errors.join('; ')}.{' '}
          <Link href={BASE} className="underline">
            Show all runs
          </Link>
        </p>
      ) : null}
      <div className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white" tabIndex={0} role="region" aria-label="Runs">
        <RunTable
          runs={view.runs.map((run) => ({ ...run, href: here({ run: String(run.id) }) }))}
        />
        {view.runs.length === 0 && !view.errors.length ? (
          <p className="p-2">{filtered ? 'No run matches this filter.' : 'Nothing has run yet: run a cycle, or let the clock run the schedules.'}</p>
        ) : null}
      </div>
      <nav aria-label="Pages" className="mt-1.5 flex justify-end gap-2">
        {s.before ? (
          <Link href={runHistoryHref(BASE, list)} className="button px-2.5">
            Newest runs
          </Link>
        ) : null}
        {view.next !== null ? (
          <Link href={runHistoryHref(BASE, { ...list, before: String(view.next) })} className="button px-2.5">
            Older runs ({RUN_PAGE} more)
          </Link>
        ) : null}
      </nav>
      {view.detail !== undefined ? <RunDetailDialog run={view.detail} closeHref={here()} /> : null}
      {s.dialog === 'retention' ? <RetentionDialog retention={view.retention} closeHref={here()} readOnly={!canChange(session.role)} /> : null}
    </ChildWindow>
  );
}

function Choice({ label, name, value, options }: { label: string; name: string; value?: string; options: readonly string[] }) {
  return (
    <label className="grid gap-0.5 text-[12px]">
      {label}
      <select name={name} defaultValue={value ?? ''} className="field">
        <option value="">(All)</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
