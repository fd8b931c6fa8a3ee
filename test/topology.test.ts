import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { checkHealth } from '@/lib/health/check-health';
import { nodeName, topologyView, type TopologyView } from '@/lib/queries/topology-view';
import { layoutTopology, type Box, type Layout } from '@/lib/topology/layout';
import { HEALTH_COLOUR, layoutInputOf, TopologyDiagram } from '@/components/topology/topology-diagram';
import { buildNetwork } from '../bench/lib/network';
import { poSpec } from '../bench/lib/names';
import { manualCycle, ok, smallNetwork, tempDbFile } from './helpers';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
});
const view = (file: string): TopologyView => {
  const db = openDatabase(file);
  open.push(db);
  return topologyView(db, checkHealth(db));
};

/** Corners of a turned box, computed here (not by the layout) so the check is independent. */
function polygon(b: Box): [number, number][] {
  const t = (b.angle * Math.PI) / 180;
  const [c, s] = [Math.cos(t), Math.sin(t)];
  return [
    [-b.w / 2, -b.h / 2],
    [b.w / 2, -b.h / 2],
    [b.w / 2, b.h / 2],
    [-b.w / 2, b.h / 2],
  ].map(([x, y]) => [b.cx + x * c - y * s, b.cy + x * s + y * c]);
}
/** Convex polygons intersect (with more than a hair of overlap) unless an edge normal separates them. */
function intersect(a: [number, number][], b: [number, number][]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % poly.length];
      const [nx, ny] = [y1 - y2, x2 - x1];
      const pa = a.map(([x, y]) => x * nx + y * ny);
      const pb = b.map(([x, y]) => x * nx + y * ny);
      const len = Math.hypot(nx, ny);
      if (Math.max(...pa) - Math.min(...pb) <= 0.01 * len || Math.max(...pb) - Math.min(...pa) <= 0.01 * len) return false;
    }
  }
  return true;
}
function collisions(layout: Layout): string[] {
  const shapes = layout.nodes.flatMap((n) => [
    { what: `node ${n.id}`, poly: polygon({ cx: n.x, cy: n.y, w: 2 * n.r, h: 2 * n.r, angle: 0 }) },
    { what: `label ${n.id}`, poly: polygon(n.label.box) },
  ]);
  const out: string[] = [];
  for (let i = 0; i < shapes.length; i++) for (let j = i + 1; j < shapes.length; j++) if (intersect(shapes[i].poly, shapes[j].poly)) out.push(`${shapes[i].what} × ${shapes[j].what}`);
  return out;
}
/** Everything drawn lies inside the picture. */
function inside(layout: Layout): boolean {
  return layout.nodes.every((n) => polygon(n.label.box).every(([x, y]) => x >= 0 && y >= 0 && x <= layout.width && y <= layout.height));
}

describe('topology layout at 50 postoffices', () => {
  // NET/PO01 the DSS of PO02…PO50 and of EXCH01 (BENCH/HQ); two postoffices outside dirsync.
  const file = tempDbFile('topo50');
  buildNetwork(file, { pos: 50, perPo: 1, exchange: 2 });
  ok(file, 'po create LONE/OUTSIDE --password P');
  ok(file, 'po create LONE/ALSO --password P');
  // Mail on its way: PO07's and PO08's T1 (a ReqStat and a ReqTx each) to the DSS; PO09's numbers restored from an old backup.
  ok(file, `reqmain -t -d${poSpec(6)}`);
  ok(file, `reqmain -t -d${poSpec(7)}`);
  const db = openDatabase(file);
  db.$client.exec(`update reqconf set srv_sync = 0, req_sync = 5 where po_id = (select id from postoffice where name = 'PO09')`);
  db.$client.close();

  it('places every requestor once, on one cluster around its DSS, with nothing overlapping', () => {
    const v = view(file);
    expect(v.clusters).toHaveLength(1);
    expect(v.clusters[0].dss.full).toBe('NET/PO01');
    const requestors = v.clusters[0].requestors.map((r) => r.node.full).sort();
    expect(requestors).toEqual([...Array.from({ length: 49 }, (_, p) => poSpec(p + 1)), 'EXCH01 (BENCH/HQ)'].sort());
    expect(v.others.map((o) => o.full)).toEqual(['LONE/ALSO', 'LONE/OUTSIDE']);

    const layout = layoutTopology(layoutInputOf(v));
    expect(layout.modes).toEqual(['radial']);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual([v.clusters[0].dss.id, ...v.clusters[0].requestors.map((r) => r.node.id), ...v.others.map((o) => o.id)].sort());
    expect(layout.links).toHaveLength(50);
    expect(collisions(layout)).toEqual([]);
    expect(inside(layout)).toBe(true);
  });

  it('counts the mail waiting on each link and colours each node by its Health findings', () => {
    const v = view(file);
    const link = (po: string) => v.clusters[0].requestors.find((r) => r.node.id === po)!;
    expect(link(poSpec(6)).link).toMatchObject({ up: 2, down: 0, lagCycles: 0 });
    expect(link(poSpec(7)).link.up).toBe(2);
    expect(link(poSpec(2)).link).toMatchObject({ up: 0, down: 0 });
    const bad = link(poSpec(8)).node;
    expect(bad.health).toBe('error');
    expect(bad.findings).toContainEqual(expect.stringMatching(/ReqSync 5 is above SrvSync 0/));
    expect(link(poSpec(2)).node.health).toBe('ok');
    expect(v.others.every((o) => o.health === 'none')).toBe(true);

    const html = renderToStaticMarkup(TopologyDiagram({ view: v }));
    const nodeTag = (id: string) => html.match(new RegExp(`<a [^>]*data-node="${id}"[^>]*>[\\s\\S]*?</a>`))![0];
    expect(nodeTag(poSpec(8))).toContain('data-health="error"');
    expect(nodeTag(poSpec(8))).toContain(`fill="${HEALTH_COLOUR.error}"`);
    expect(nodeTag(poSpec(2))).toContain(`fill="${HEALTH_COLOUR.ok}"`);
    expect(nodeTag(poSpec(8))).toContain('href="/msmail/NET~PO09"');
    expect(nodeTag('BENCH/HQ')).toContain('href="/exchange/EXCH01/directory-synchronization"');
    expect(nodeTag(poSpec(6))).toContain(`aria-label="NET/PO07: requestor, 2 messages waiting, lag 0 cycles, health OK"`);
    // The table alternative lists every requestor.
    expect(html.match(/<table aria-label="Topology"/g)).toHaveLength(1);
    for (let p = 1; p < 50; p++) expect(html).toContain(`>${poSpec(p)}</a></th>`);
  });
});

describe('topology of a small network', () => {
  const MB = { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker']], O: [['OLGA', 'Olga Roberts']] } as Record<string, [string, string][]>;

  it('shows replies waiting on the way back, the lag of a silent requestor, and level labels that do not overlap', () => {
    const file = tempDbFile('topo-small');
    smallNetwork(file, MB);
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    // Two cycles without NOV: its lag grows by one per cycle of the DSS.
    manualCycle(file, 'M', ['O'], 'SECRET');
    manualCycle(file, 'M', ['O'], 'SECRET');
    let v = view(file);
    const nov = () => v.clusters[0].requestors.find((r) => r.node.id === 'POLY/NOV')!;
    expect(nov().link.lagCycles).toBe(2);
    expect(nodeName(nov().node, { link: nov().link })).toBe('POLY/NOV: requestor, 0 messages waiting, lag 2 cycles, health OK');

    // T1 on OCT (its ReqStat and ReqTx), External to the DSS, T2: the reply waits on the way back until External carries it.
    ok(file, 'user add -dO OTTO "Otto Org"');
    ok(file, 'reqmain -t -dO');
    v = view(file);
    expect(v.clusters[0].requestors.find((r) => r.node.id === 'POLY/OCT')!.link).toMatchObject({ up: 2, down: 0 });
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'srvmain -r -dM');
    ok(file, 'srvmain -t -dM');
    v = view(file);
    const oct = v.clusters[0].requestors.find((r) => r.node.id === 'POLY/OCT')!.link;
    expect(oct).toMatchObject({ up: 0, down: 1, lagCycles: 0 });

    const layout = layoutTopology(layoutInputOf(v));
    expect(layout.modes).toEqual(['level']);
    expect(collisions(layout)).toEqual([]);
    expect(inside(layout)).toBe(true);
  });

  it('an empty database draws nothing and says so', () => {
    const v = view(tempDbFile('topo-empty'));
    expect(v.clusters).toEqual([]);
    expect(renderToStaticMarkup(TopologyDiagram({ view: v }))).toContain('nothing to draw');
  });
});
