import { ctime } from '@/lib/core/clock';
import { lagText, nodeName, sinceText, type NodeHealth, type TopologyLink, type TopologyNode, type TopologyView } from '@/lib/queries/topology-view';
import { FONT_SIZE, LINE_H, layoutTopology, type LayoutInput, type PlacedNode } from '@/lib/topology/layout';

/** Health colours: the status bar's (OK green, warnings amber, errors red); grey for no dirsync. */
export const HEALTH_COLOUR: Record<NodeHealth, string> = { ok: '#2e7d32', warning: '#b45309', error: '#b91c1c', none: '#6b7280' };
/** The mark inside a node, so the colour is never the only sign. */
const HEALTH_MARK: Record<NodeHealth, string> = { ok: '✓', warning: '!', error: '×', none: '' };
const HEALTH_WORD: Record<NodeHealth, string> = { ok: 'OK', warning: 'Warning', error: 'Error', none: 'Not in dirsync' };

/** Coordinates to a tenth of a unit: the markup stays small at 50 postoffices. */
const f = (n: number) => Math.round(n * 10) / 10;

/** The second line of a requestor's label: `↑2 ↓0 · lag 1`. */
const figures = (l: TopologyLink) => `↑${l.up} ↓${l.down} · ${l.lagCycles === null ? 'not registered' : `lag ${l.lagCycles}`}`;

/** What the layout needs from the view: ids and label lines. */
export function layoutInputOf(view: TopologyView): LayoutInput {
  return {
    clusters: view.clusters.map((c) => ({
      dss: { id: c.dss.id, lines: [c.dss.label, `DSS · cycle ${c.dss.cycle}`] },
      requestors: c.requestors.map((r) => ({ id: r.node.id, lines: [r.node.label, figures(r.link)] })),
    })),
    others: view.others.map((o) => ({ id: o.id, lines: [`${o.label} · ${o.role === 'none' && o.health !== 'none' ? 'no dirsync server' : 'not in dirsync'}`] })),
  };
}

/**
 * The topology picture (docs/console.md, "Topology"): each dirsync server amid its requestors,
 * a line to each coloured by the requestor's health, its label the mail waiting each way (↑ to
 * the DSS, ↓ from it) and its lag in DSS cycles. Every node is a link to its object with a name
 * that says all of it; the same facts follow as a table. Its links are plain: wrap it in
 * InAppLinks (./in-app-links.tsx) so they navigate inside the console.
 */
export function TopologyDiagram({ view, tableOpen = false, compact = false }: { view: TopologyView; tableOpen?: boolean; compact?: boolean }) {
  const layout = layoutTopology(layoutInputOf(view));
  const byId = new Map<string, { node: TopologyNode; name: string }>();
  for (const c of view.clusters) {
    byId.set(c.dss.id, { node: c.dss, name: nodeName(c.dss, { cluster: c }) });
    for (const r of c.requestors) byId.set(r.node.id, { node: r.node, name: nodeName(r.node, { link: r.link }) });
  }
  for (const o of view.others) byId.set(o.id, { node: o, name: nodeName(o) });

  if (!layout.nodes.length) {
    return <p className="bevel-sunken bg-white px-2 py-3 text-ink-muted">No postoffice or Exchange server yet: nothing to draw.</p>;
  }
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1.5">
      <div className="bevel-sunken overflow-auto bg-white p-1">
        <svg
          role="group"
          aria-label={`Topology diagram: ${view.clusters.length} dirsync server${view.clusters.length === 1 ? '' : 's'}, ${view.counts.requestors} requestor${view.counts.requestors === 1 ? '' : 's'}`}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width="100%"
          // In the overview the whole picture fits a part of the window; its own page gives it room.
          style={compact ? { maxWidth: layout.width, maxHeight: '32vh' } : { maxWidth: layout.width }}
          className="mx-auto block h-auto"
          data-topology
        >
          <g aria-hidden="true">
            {layout.links.map((l) => {
              const h = byId.get(l.requestor)!.node.health;
              return <line key={l.requestor} x1={f(l.x1)} y1={f(l.y1)} x2={f(l.x2)} y2={f(l.y2)} stroke={HEALTH_COLOUR[h]} strokeWidth={h === 'ok' ? 1.25 : 2.5} strokeDasharray={h === 'ok' ? undefined : '5 3'} />;
            })}
          </g>
          {layout.nodes.map((p) => (
            <NodeMark key={p.id} placed={p} node={byId.get(p.id)!.node} name={byId.get(p.id)!.name} />
          ))}
        </svg>
      </div>
      <p className="flex flex-wrap gap-x-3 text-[12px] text-ink-muted" aria-hidden="true">
        {(['ok', 'warning', 'error', 'none'] as const).map((h) => (
          <span key={h} className="inline-flex items-center gap-1">
            <svg width="12" height="12" viewBox="0 0 12 12">
              <circle cx="6" cy="6" r="5.5" fill={HEALTH_COLOUR[h]} />
            </svg>
            {HEALTH_WORD[h]}
          </span>
        ))}
        <span>↑ messages waiting on the way to the dirsync server · ↓ on the way back · lag: DSS cycles since it last took an update · square: Exchange server</span>
      </p>
      <TopologyTable view={view} open={tableOpen} />
    </div>
  );
}

function NodeMark({ placed: p, node, name }: { placed: PlacedNode; node: TopologyNode; name: string }) {
  const colour = HEALTH_COLOUR[node.health];
  const square = node.kind === 'exchange';
  const shape = (r: number, props: Record<string, unknown>) =>
    square ? <rect x={f(p.x - r)} y={f(p.y - r)} width={2 * r} height={2 * r} rx={2} {...props} /> : <circle cx={f(p.x)} cy={f(p.y)} r={r} {...props} />;
  const l = p.label;
  return (
    <a href={node.href} aria-label={name} className="group outline-none" data-node={node.id} data-health={node.health}>
      <title>{[name, ...node.findings.slice(1)].join('\n')}</title>
      {shape(p.r + 4, { fill: 'none', stroke: '#000', strokeWidth: 2, strokeDasharray: '2 2', className: 'opacity-0 group-focus-visible:opacity-100 group-hover:opacity-60' })}
      {shape(p.r, { fill: node.health === 'none' ? '#fff' : colour, stroke: colour, strokeWidth: 2 })}
      <text x={f(p.x)} y={f(p.y)} textAnchor="middle" dominantBaseline="central" fontSize={p.r > 12 ? 14 : 11} fontWeight="bold" fill="#fff" aria-hidden="true">
        {HEALTH_MARK[node.health]}
      </text>
      {p.role === 'dss' ? (
        // Every line to a requestor starts under the DSS's label: a plate keeps it readable.
        <rect x={f(l.box.cx - l.box.w / 2 - 3)} y={f(l.box.cy - l.box.h / 2 - 1)} width={f(l.box.w + 6)} height={f(l.box.h + 2)} rx={2} fill="#fff" fillOpacity={0.9} />
      ) : null}
      <text
        transform={l.rotate ? `rotate(${f(l.rotate)} ${f(l.x)} ${f(l.y)})` : undefined}
        x={f(l.x)}
        y={f(l.y)}
        textAnchor={l.anchor}
        fontFamily="ui-monospace, 'DejaVu Sans Mono', monospace"
        fontSize={FONT_SIZE}
        fill="#1f2937"
        // A white halo keeps a label legible where the lines to the DSS pass under it.
        stroke="#fff"
        strokeWidth={3}
        strokeLinejoin="round"
        paintOrder="stroke"
        aria-hidden="true"
        className="group-hover:underline group-focus-visible:underline"
        dominantBaseline={l.baseline}
      >
        {l.lines.map((line, k) => (
          <tspan key={k} x={f(l.x)} dy={k === 0 ? 0 : LINE_H} fontWeight={k === 0 ? 600 : undefined}>
            {line}
          </tspan>
        ))}
      </text>
    </a>
  );
}

/** The same facts as a table, for a screen reader or a closer look. */
export function TopologyTable({ view, open }: { view: TopologyView; open: boolean }) {
  const rows = view.clusters.flatMap((c) => c.requestors.map((r) => ({ ...r, dss: c.dss })));
  return (
    <details open={open} className="grid gap-1">
      <summary className="cursor-default select-none">Topology as a table</summary>
      <div className="bevel-sunken overflow-auto bg-white">
        <table aria-label="Topology" className="w-full min-w-[640px] border-collapse text-left text-[12px]">
          <thead className="bg-chrome">
            <tr>
              {['Requestor', 'Dirsync server', 'Waiting to the DSS', 'Waiting from the DSS', 'Lag', 'Last update taken by the DSS', 'Last reply applied', 'Health'].map((h) => (
                <th key={h} scope="col" className="bevel-raised px-2 py-1 font-normal whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.clusters.map((c) => (
              <tr key={c.dss.id} className="border-b border-chrome-light">
                <th scope="row" className="px-2 py-1 text-left font-semibold">
                  <a href={c.dss.href} className="underline-offset-2 hover:underline">
                    {c.dss.full}
                  </a>
                </th>
                <td className="px-2 py-1">itself (cycle {c.dss.cycle}, Sync {c.dss.sync})</td>
                <td className="px-2 py-1" colSpan={5}>
                  {c.requestors.length} requestor{c.requestors.length === 1 ? '' : 's'}
                </td>
                <HealthCell node={c.dss} />
              </tr>
            ))}
            {rows.map(({ node, link, dss }) => (
              <tr key={node.id} className="border-b border-chrome-light">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <a href={node.href} className="underline-offset-2 hover:underline">
                    {node.full}
                  </a>
                </th>
                <td className="px-2 py-1">{dss.full}</td>
                <td className="px-2 py-1 tabular-nums">{link.up}</td>
                <td className="px-2 py-1 tabular-nums">{link.down}</td>
                <td className="px-2 py-1">{lagText(link)}</td>
                <td className="px-2 py-1 whitespace-nowrap">{link.lastUpdateAt === null ? 'never' : `${ctime(link.lastUpdateAt)} (${sinceText(link.lastUpdateAt, view.at)})`}</td>
                <td className="px-2 py-1 whitespace-nowrap">{link.lastReceived === null ? 'none recorded' : `${ctime(link.lastReceived)} (${sinceText(link.lastReceived, view.at)})`}</td>
                <HealthCell node={node} />
              </tr>
            ))}
            {view.others.map((o) => (
              <tr key={o.id} className="border-b border-chrome-light">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <a href={o.href} className="underline-offset-2 hover:underline">
                    {o.full}
                  </a>
                </th>
                <td className="px-2 py-1" colSpan={6}>
                  {o.health === 'none' ? 'not in dirsync' : 'registered with a postoffice that is not a dirsync server'}
                </td>
                <HealthCell node={o} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function HealthCell({ node }: { node: TopologyNode }) {
  return (
    <td className="px-2 py-1">
      <span style={{ color: HEALTH_COLOUR[node.health] }} className="font-semibold">
        {HEALTH_WORD[node.health]}
      </span>
      {node.findings.length ? `: ${node.findings.join('; ')}` : ''}
    </td>
  );
}
