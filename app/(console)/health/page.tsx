import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { ctime } from '@/lib/core/clock';
import { healthSummary } from '@/lib/health/check-health';
import { healthReport } from '@/lib/console/health-report';
import type { Finding, RequestorHealth, Severity } from '@/lib/health/types';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { FixButton } from '@/components/health/fix-button';
import { healthFixAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Health' };

const GROUPS: { severity: Severity; heading: string; tone: string }[] = [
  { severity: 'error', heading: 'Errors', tone: 'border-l-red-700' },
  { severity: 'warning', heading: 'Warnings', tone: 'border-l-amber-500' },
  { severity: 'info', heading: 'Information', tone: 'border-l-sky-700' },
];

/**
 * Health (docs/console.md, "Health"): every finding of lib/health grouped by severity with what it
 * means, the document it comes from and its fix, then each requestor's numbers against the DSS's
 * record. A fix that changes state is a server action (refused to a View Only Admin by the server).
 */
export default async function HealthPage() {
  const session = await requirePageSession('/health');
  const report = healthReport();
  const editable = canChange(session.role);
  const summary = healthSummary(report.counts);
  return (
    <ChildWindow
      title="Health"
      status={
        <StatusBar>
          <StatusPane grow>{summary}</StatusPane>
          <StatusPane>
            {report.requestors.length} requestor{report.requestors.length === 1 ? '' : 's'}
          </StatusPane>
          <StatusPane>
            <time dateTime={new Date(report.at).toISOString()}>{ctime(report.at)}</time>
          </StatusPane>
        </StatusBar>
      }
    >
      <div className="flex min-h-0 flex-1 flex-col gap-2 overflow-auto">
        <p role="status" aria-label="Health summary" className="bevel-sunken bg-white px-2 py-1 text-[13px] font-semibold">
          {report.findings.length === 0 ? 'OK: no problem found' : summary}
          <span className="font-normal text-ink-muted"> — checked at {ctime(report.at)} (simulation clock)</span>
        </p>
        {GROUPS.map((g) => {
          const list = report.findings.filter((f) => f.severity === g.severity);
          if (!list.length) return null;
          return (
            <section key={g.severity} aria-labelledby={`health-${g.severity}`} className="grid gap-1">
              <h2 id={`health-${g.severity}`} className="font-semibold">
                {g.heading} ({list.length})
              </h2>
              <ul className="grid gap-1">
                {list.map((f, k) => (
                  <FindingItem key={`${f.check}-${f.object}-${k}`} finding={f} tone={g.tone} editable={editable} />
                ))}
              </ul>
            </section>
          );
        })}
        <RequestorTable rows={report.requestors} />
      </div>
    </ChildWindow>
  );
}

function FindingItem({ finding: f, tone, editable }: { finding: Finding; tone: string; editable: boolean }) {
  return (
    <li className={`bevel-raised grid gap-1 border-l-4 bg-chrome p-2 ${tone}`} aria-label={`${f.object}: ${f.title}`}>
      <p className="font-semibold">
        <span className="sr-only">{f.severity}: </span>
        {f.object}: {f.title}
      </p>
      <p className="text-[12px]">{f.meaning}</p>
      <p className="text-[12px] text-ink-muted">Source: {f.source}</p>
      {f.fixes.length ? (
        <div className="flex flex-wrap items-center gap-2">
          {f.fixes.map((x) =>
            'href' in x ? (
              <Link key={x.href} href={x.href} className="button" aria-label={`${x.label}: ${f.object}`}>
                {x.label}
              </Link>
            ) : (
              <FixButton key={x.kind} fix={x} object={f.object} action={healthFixAction} disabled={!editable} />
            ),
          )}
        </div>
      ) : null}
    </li>
  );
}

const when = (ms: number | null) => (ms === null ? 'never' : ctime(ms));

function RequestorTable({ rows }: { rows: RequestorHealth[] }) {
  return (
    <section aria-labelledby="health-requestors" className="grid gap-1">
      <h2 id="health-requestors" className="font-semibold">
        Requestors
      </h2>
      {rows.length === 0 ? (
        <p>No postoffice or Exchange server is registered as a requestor.</p>
      ) : (
        // Wider than a narrow window: the keyboard must be able to scroll it (focusable region).
        <div role="region" aria-label="Requestors table" tabIndex={0} className="bevel-sunken overflow-x-auto bg-white">
          <table className="w-full text-left text-[12px] tabular-nums">
            <caption className="sr-only">Each requestor&apos;s numbers at the requestor against the dirsync server&apos;s record</caption>
            <thead className="bg-chrome align-bottom">
              <tr>
                <th scope="col" className="px-2 py-1">Requestor</th>
                <th scope="col" className="px-2 py-1">
                  At the requestor
                  <span className="block text-[11px] font-normal whitespace-nowrap text-ink-muted">Req / Srv / Imp / REQTRANS</span>
                </th>
                <th scope="col" className="px-2 py-1">
                  DSS record
                  <span className="block text-[11px] font-normal whitespace-nowrap text-ink-muted">Req / Srv / Imp</span>
                </th>
                <th scope="col" className="px-2 py-1 whitespace-nowrap">Last cycle</th>
                <th scope="col" className="px-2 py-1 whitespace-nowrap">Last sent</th>
                <th scope="col" className="px-2 py-1 whitespace-nowrap">Last received</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const a = r.atRequestor;
                const d = r.atDss;
                const differ = d && (d.reqSync !== a.reqSync || d.srvSync !== a.srvSync);
                return (
                  <tr key={r.requestor} className="border-t border-chrome-light">
                    <th scope="row" className="px-2 py-1 font-normal">
                      {r.server ? `${r.server} (${r.requestor})` : r.requestor}
                      <span className="block text-[11px] text-ink-muted">DSS {r.dss}</span>
                    </th>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {a.reqSync} / {a.srvSync} / {a.impSync} / {a.reqtransHigh}
                    </td>
                    <td className={`px-2 py-1 whitespace-nowrap ${differ ? 'font-semibold text-red-800' : ''}`}>
                      {d ? `${d.reqSync} / ${d.srvSync} / ${d.impSync}` : 'no record'}
                      {differ ? <span className="sr-only"> (differs from the requestor)</span> : null}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">{d && r.dssCycle !== null ? `${d.lastCycle} of ${r.dssCycle}` : '—'}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{when(r.lastSent)}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{when(r.lastReceived)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
