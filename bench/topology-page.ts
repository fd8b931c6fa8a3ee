/**
 * The topology benchmark's child process (`npm run bench -- --only TOPO`): the B1 network (50
 * postoffices, the first the DSS of the others and of EXCH01), every requestor's T1 sent and half of
 * it carried, so the links have mail waiting; then the server's work for the Topology page timed
 * `runs` times: Health (whose findings colour the picture), the topology query, the layout and the
 * picture with its table rendered to HTML, as the page's server component renders them. What every
 * page shares (the frame, the tree, the session) is B4's to measure. Usage:
 * `node --import tsx bench/topology-page.ts '{"out":…,"file":…,"shape":…,"runs":…}'`.
 */
import fs from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { openDatabase } from '@/db/client';
import { externalPass } from '@/lib/dirsync/external-pass';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { checkHealth } from '@/lib/health/check-health';
import { topologyView } from '@/lib/queries/topology-view';
import { TopologyDiagram } from '@/components/topology/topology-diagram';
import { poSpec } from './lib/names';
import { buildNetwork, type Shape } from './lib/network';

export interface TopologyBenchResult {
  requestors: number;
  waiting: number;
  htmlBytes: number;
  times: number[];
  setupMs: number;
}

const task = JSON.parse(process.argv[2]) as { out: string; file: string; shape: Shape; runs: number };
const t0 = performance.now();
buildNetwork(task.file, task.shape);
const db = openDatabase(task.file);
for (let p = 1; p < task.shape.pos; p++) reqmainTransmit(db, poSpec(p));
externalPass(db);
const setupMs = performance.now() - t0;

const render = () => {
  const view = topologyView(db, checkHealth(db));
  return { view, html: renderToStaticMarkup(TopologyDiagram({ view, tableOpen: true })) };
};
render(); // warm: statement cache, page cache, JIT
const times: number[] = [];
let last = render();
for (let k = 0; k < task.runs; k++) {
  const s = performance.now();
  last = render();
  times.push(performance.now() - s);
}
// Guard: every requestor is drawn and the waiting mail is counted.
const requestors = last.view.clusters.reduce((n, c) => n + c.requestors.length, 0);
const waiting = last.view.clusters.reduce((n, c) => n + c.requestors.reduce((m, r) => m + r.link.up + r.link.down, 0), 0);
if (requestors !== task.shape.pos - 1 + (task.shape.exchange ? 1 : 0)) throw new Error(`topology: ${requestors} requestors drawn`);
if (waiting === 0) throw new Error('topology: no mail counted as waiting');
db.$client.close();
const result: TopologyBenchResult = { requestors, waiting, htmlBytes: last.html.length, times, setupMs };
fs.writeFileSync(task.out, JSON.stringify(result));
