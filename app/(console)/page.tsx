import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { getNetworkOverview, overviewTitle, type NetworkOverview } from '@/lib/queries/network-overview';
import { PostofficeTable } from '@/components/network/postoffice-table';
import { ExchangeIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { ChildWindow } from '@/components/console/child-window';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { HealthStatus } from '@/components/console/health-status';
import { healthReport } from '@/lib/console/health-report';
import type { HealthReport } from '@/lib/health/types';
import { topologyView } from '@/lib/queries/topology-view';
import { TopologyDiagram } from '@/components/topology/topology-diagram';
import { InAppLinks } from '@/components/topology/in-app-links';
import { RefreshOnClock } from '@/components/topology/refresh-on-clock';

// The engine and the CLI change the database underneath: read it on every request.
export const dynamic = 'force-dynamic';

// The layout's title template applies to child segments only, so the root page spells it out.
export const metadata: Metadata = { title: { absolute: 'Network overview — Dirsync Console' } };

export default async function NetworkOverviewPage() {
  const session = await requirePageSession('/');
  const overview = getNetworkOverview(sharedDatabase());
  const { totals, clock } = overview;
  const clockTime = <time dateTime={new Date(clock.now).toISOString()}>{clock.text}</time>;

  return (
    <ChildWindow
      title={overviewTitle(overview.networks)}
      icon={<ExchangeIcon />}
      toolbar={<Summary overview={overview} clockTime={clockTime} health={healthReport().counts} />}
      status={
        <StatusBar>
          <StatusPane grow>
            {totals.postoffices} {totals.postoffices === 1 ? 'postoffice' : 'postoffices'}
          </StatusPane>
          <StatusPane>{canChange(session.role) ? 'File ▸ New Other builds the network' : 'Read-only overview'}</StatusPane>
          <StatusPane>{clockTime}</StatusPane>
        </StatusBar>
      }
    >
      {overview.postoffices.length === 0 ? (
        <EmptyNetwork canChange={canChange(session.role)} />
      ) : (
        <>
          {/* The list keeps room for a few rows; the picture below it takes the rest. */}
          <div className="flex min-h-60 flex-1 flex-col">
            <PostofficeTable postoffices={overview.postoffices} canDelete={canChange(session.role)} />
          </div>
          <Topology />
        </>
      )}
    </ChildWindow>
  );
}

/** The topology picture under the list, live with the clock; its own page has it larger with the table. */
function Topology() {
  const view = topologyView(sharedDatabase(), healthReport());
  return (
    <section aria-labelledby="topology-title" className="mt-2 grid gap-1">
      <RefreshOnClock renderedAt={view.at} />
      <div className="flex items-baseline gap-3">
        <h2 id="topology-title" className="text-[14px] font-semibold">
          Topology
        </h2>
        <Link href="/topology" className="text-[12px] underline underline-offset-2">
          Open the Topology page
        </Link>
      </div>
      <InAppLinks>
        <TopologyDiagram view={view} compact />
      </InAppLinks>
    </section>
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

/** An empty network: the first steps, where a new user looks, with the CLI's equivalent for scripts. */
function EmptyNetwork({ canChange }: { canChange: boolean }) {
  return (
    <section aria-labelledby="empty-title" className="bevel-sunken grid flex-1 place-items-center bg-white px-6 py-16 text-center">
      <div className="grid max-w-md gap-3">
        <h2 id="empty-title" className="text-[15px] font-semibold">
          No postoffices yet
        </h2>
        <p>
          Create an MS Mail postoffice, then on its page make it the dirsync server (Dir-Sync Options ▸ Server: Yes) and register the other postoffices with it. Exchange servers join
          through their MS Mail Connector.
        </p>
        {canChange ? (
          <div className="flex flex-wrap justify-center gap-2">
            <Link href="/new/postoffice" className="button">
              New Postoffice…
            </Link>
            <Link href="/new/exchange-server" className="button">
              New Exchange Server…
            </Link>
          </div>
        ) : (
          <p className="text-ink-muted">A View Only Admin cannot create postoffices: sign in as an administrator.</p>
        )}
        <p className="text-[12px] text-ink-muted">
          From a script: <code className="bg-chrome-light px-1.5 py-0.5">npx dirsync po create NET/PO --password …</code> (docs/cli.md).
        </p>
      </div>
    </section>
  );
}
