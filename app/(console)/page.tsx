import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { getNetworkOverview, overviewTitle, type NetworkOverview } from '@/lib/queries/network-overview';
import { PostofficeTable } from '@/components/network/postoffice-table';
import { ExchangeIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { ChildWindow } from '@/components/console/child-window';
import { requirePageSession } from '@/lib/auth/request';
import { HealthStatus } from '@/components/console/health-status';
import { checkHealth } from '@/lib/health/check-health';
import type { HealthReport } from '@/lib/health/types';

// The engine and the CLI change the database underneath: read it on every request.
export const dynamic = 'force-dynamic';

// The layout's title template applies to child segments only, so the root page spells it out.
export const metadata: Metadata = { title: { absolute: 'Network overview — Dirsync Console' } };

export default async function NetworkOverviewPage() {
  await requirePageSession('/');
  const overview = getNetworkOverview(sharedDatabase());
  const { totals, clock } = overview;
  const clockTime = <time dateTime={new Date(clock.now).toISOString()}>{clock.text}</time>;

  return (
    <ChildWindow
      title={overviewTitle(overview.networks)}
      icon={<ExchangeIcon />}
      toolbar={<Summary overview={overview} clockTime={clockTime} health={checkHealth(sharedDatabase()).counts} />}
      status={
        <StatusBar>
          <StatusPane grow>
            {totals.postoffices} {totals.postoffices === 1 ? 'postoffice' : 'postoffices'}
          </StatusPane>
          <StatusPane>Read-only overview</StatusPane>
          <StatusPane>{clockTime}</StatusPane>
        </StatusBar>
      }
    >
      {overview.postoffices.length === 0 ? <EmptyNetwork /> : <PostofficeTable postoffices={overview.postoffices} />}
    </ChildWindow>
  );
}

function Summary({ overview, clockTime, health }: { overview: NetworkOverview; clockTime: ReactNode; health: HealthReport['counts'] }) {
  const { totals } = overview;
  const items: [string, ReactNode][] = [
    ['Postoffices', totals.postoffices],
    ['Dirsync servers', totals.servers],
    ['Requestors', totals.requestors],
    ['Queued messages', totals.queued],
    ['Health', <HealthStatus key="health" counts={health} />],
    ['Simulation clock', clockTime],
  ];
  return (
    <section aria-label="Network summary" className="px-1.5 pt-1.5 sm:px-2">
      <dl className="flex flex-wrap items-center gap-y-1 border-y border-t-chrome-light border-b-chrome-shadow/60 py-1.5 max-sm:gap-x-1">
        {items.map(([term, value], i) => (
          <div
            key={term}
            className={`flex items-baseline gap-2 px-2 sm:px-3 ${i > 0 ? 'sm:border-l sm:border-l-chrome-shadow/50 sm:shadow-[inset_1px_0_0_#fff]' : ''}`}
          >
            <dt className="text-[12px] text-ink-muted">{term}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function EmptyNetwork() {
  return (
    <section
      aria-labelledby="empty-title"
      className="bevel-sunken grid flex-1 place-items-center bg-white px-6 py-16 text-center"
    >
      <div className="max-w-md">
        <h2 id="empty-title" className="text-[15px] font-semibold">
          No postoffices yet — run <code className="bg-chrome-light px-1.5 py-0.5">npx dirsync po create NET/PO</code>
        </h2>
        <p className="mt-2 text-ink-muted">
          Then make one of them the dirsync server with{' '}
          <code className="bg-chrome-light px-1.5 py-0.5">npx dirsync ds server -dNET/PO on</code>; see docs/cli.md.
        </p>
        <p className="mt-3 text-[12px] text-ink-muted">
          Or run <code className="bg-chrome-light px-1.5 py-0.5">npm start</code> (without{' '}
          <code className="bg-chrome-light px-1.5 py-0.5">DIRSYNC_EMPTY=1</code>) to load the sample network POLYNOMIAL.
        </p>
      </div>
    </section>
  );
}
