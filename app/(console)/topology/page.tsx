import type { Metadata } from 'next';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { ctime } from '@/lib/core/clock';
import { healthSummary } from '@/lib/health/check-health';
import { healthReport } from '@/lib/console/health-report';
import { topologyView } from '@/lib/queries/topology-view';
import { ChildWindow } from '@/components/console/child-window';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { TopologyDiagram } from '@/components/topology/topology-diagram';
import { InAppLinks } from '@/components/topology/in-app-links';
import { RefreshOnClock } from '@/components/topology/refresh-on-clock';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Topology' };

/**
 * Topology (docs/console.md, "Topology"): the dirsync servers, their requestors and the Exchange
 * servers as a picture, each link with the mail waiting each way and the lag, coloured by Health;
 * rendered again whenever the simulation clock moves.
 */
export default async function TopologyPage() {
  await requirePageSession('/topology');
  const report = healthReport();
  const view = topologyView(sharedDatabase(), report);
  return (
    <ChildWindow
      title="Topology"
      status={
        <StatusBar>
          <StatusPane grow>
            {view.clusters.length} dirsync server{view.clusters.length === 1 ? '' : 's'}, {view.counts.requestors} requestor{view.counts.requestors === 1 ? '' : 's'}
          </StatusPane>
          <StatusPane>Health: {healthSummary(report.counts)}</StatusPane>
          <StatusPane>
            <time dateTime={new Date(view.at).toISOString()}>{ctime(view.at)}</time>
          </StatusPane>
        </StatusBar>
      }
    >
      <RefreshOnClock renderedAt={view.at} />
      <InAppLinks>
        <TopologyDiagram view={view} tableOpen />
      </InAppLinks>
    </ChildWindow>
  );
}
