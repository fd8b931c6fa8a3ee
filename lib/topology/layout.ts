/**
 * Where the topology picture puts things (docs/console.md, "Topology"): each dirsync server in the
 * centre of its requestors, which stand on a ring around it; the clusters side by side, and what
 * is in no cluster in a grid below. Pure geometry over label text: the labels are drawn in a
 * monospace font so their width is known here, and the ring grows until nothing overlaps.
 *
 * A small ring keeps its labels level under each node; when that would need too large a ring (many
 * requestors) the labels turn to point away from the centre, one line each, which needs the ring
 * only as wide as the labels are tall.
 */

export const FONT_SIZE = 11;
/** Width of one character of the monospace label font at FONT_SIZE (0.6 em, plus a little). */
export const CHAR_W = 6.8;
export const LINE_H = 13;
export const NODE_R = 9;
export const DSS_R = 16;
const GAP = 4;
const MARGIN = 16;
const MIN_RING = 110;
/** Beyond this radius a ring with level labels takes too much room: the labels turn radial. */
const MAX_LEVEL_RING = 300;

export interface LayoutItem {
  id: string;
  /** The label's lines (a radial label joins them into one). */
  lines: string[];
}

export interface LayoutInput {
  clusters: { dss: LayoutItem; requestors: LayoutItem[] }[];
  others: LayoutItem[];
}

/** A rectangle of `w` × `h` centred on (cx, cy), turned by `angle` degrees. */
export interface Box {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

export interface PlacedLabel {
  /** Where the text is anchored, and how it is turned about that point. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  rotate: number;
  /** `hanging`: the text hangs below y; `central`: one line centred on y. */
  baseline: 'hanging' | 'central';
  lines: string[];
  box: Box;
}

export interface PlacedNode {
  id: string;
  role: 'dss' | 'requestor' | 'other';
  x: number;
  y: number;
  r: number;
  label: PlacedLabel;
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: { dss: string; requestor: string; x1: number; y1: number; x2: number; y2: number }[];
  /** Per cluster: level labels or radial ones. */
  modes: ('level' | 'radial')[];
}

const textWidth = (lines: string[]) => Math.max(1, ...lines.map((l) => [...l].length)) * CHAR_W;

/** The four corners of a box. */
export function corners(b: Box): [number, number][] {
  const a = (b.angle * Math.PI) / 180;
  const ux = [Math.cos(a), Math.sin(a)];
  const uy = [-Math.sin(a), Math.cos(a)];
  const out: [number, number][] = [];
  for (const [sx, sy] of [[-1, -1], [1, -1], [1, 1], [-1, 1]]) {
    out.push([b.cx + (sx * b.w * ux[0]) / 2 + (sy * b.h * uy[0]) / 2, b.cy + (sx * b.w * ux[1]) / 2 + (sy * b.h * uy[1]) / 2]);
  }
  return out;
}

/** Whether two boxes overlap (separating axis test over both boxes' edges). */
export function overlaps(a: Box, b: Box): boolean {
  // Far apart: no need to look closer (the half-diagonals bound each box).
  const reach = (Math.hypot(a.w, a.h) + Math.hypot(b.w, b.h)) / 2;
  if (Math.abs(a.cx - b.cx) >= reach || Math.abs(a.cy - b.cy) >= reach) return false;
  const ca = corners(a);
  const cb = corners(b);
  for (const box of [a, b]) {
    const t = (box.angle * Math.PI) / 180;
    for (const [ax, ay] of [[Math.cos(t), Math.sin(t)], [-Math.sin(t), Math.cos(t)]]) {
      const pa = ca.map(([x, y]) => x * ax + y * ay);
      const pb = cb.map(([x, y]) => x * ax + y * ay);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  }
  return true;
}

export const nodeBox = (n: { x: number; y: number; r: number }): Box => ({ cx: n.x, cy: n.y, w: 2 * n.r, h: 2 * n.r, angle: 0 });

/** A level label centred under a node. */
function levelLabel(x: number, y: number, r: number, lines: string[]): PlacedLabel {
  const w = textWidth(lines);
  const h = lines.length * LINE_H;
  const top = y + r + GAP / 2;
  return { x, y: top, anchor: 'middle', rotate: 0, baseline: 'hanging', lines, box: { cx: x, cy: top + h / 2, w, h, angle: 0 } };
}

function anyOverlap(boxes: Box[]): boolean {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i], boxes[j])) return true;
  return false;
}

/** One cluster around (0, 0). */
function ringCluster(c: LayoutInput['clusters'][number]): { nodes: PlacedNode[]; mode: 'level' | 'radial' } {
  const dss: PlacedNode = { id: c.dss.id, role: 'dss', x: 0, y: 0, r: DSS_R, label: levelLabel(0, 0, DSS_R, c.dss.lines) };
  const n = c.requestors.length;
  const angle = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, n);
  const centre = [nodeBox(dss), dss.label.box];

  const level = (R: number): PlacedNode[] =>
    c.requestors.map((q, k) => {
      const x = R * Math.cos(angle(k));
      const y = R * Math.sin(angle(k));
      return { id: q.id, role: 'requestor', x, y, r: NODE_R, label: levelLabel(x, y, NODE_R, q.lines) };
    });
  // Neighbours' level labels side by side need at least this ring: skip the search when it is too big.
  const widest = Math.max(0, ...c.requestors.map((q) => textWidth(q.lines)));
  const least = n > 1 ? (widest + GAP) / (2 * Math.sin(Math.PI / n)) : 0;
  for (let R = Math.max(MIN_RING, Math.ceil(least / 10) * 10); R <= MAX_LEVEL_RING; R += 10) {
    const ring = level(R);
    if (!anyOverlap([...centre, ...ring.flatMap((p) => [nodeBox(p), p.label.box])])) return { nodes: [dss, ...ring], mode: 'level' };
  }

  // Radial labels: neighbours' nodes must clear each other on the ring, and their labels (one line
  // tall) must clear each other where they start; they only part further outwards.
  const step = (2 * Math.PI) / n;
  const forNodes = (2 * NODE_R + 2 * GAP) / (2 * Math.sin(step / 2));
  const forLabels = step < Math.PI / 2 ? (LINE_H + 2 * GAP) / Math.sin(step) - NODE_R - GAP : 0;
  const forCentre = DSS_R + Math.max(c.dss.lines.length * LINE_H, textWidth(c.dss.lines) / 2) + NODE_R + 2 * GAP;
  const R = Math.max(MIN_RING, forNodes, forLabels, forCentre);
  const nodes = c.requestors.map((q, k): PlacedNode => {
    const t = angle(k);
    const x = R * Math.cos(t);
    const y = R * Math.sin(t);
    const line = [q.lines.join('  ')];
    const w = textWidth(line);
    const inner = R + NODE_R + GAP;
    const deg = (t * 180) / Math.PI;
    // Text on the left half is turned the other way round, so it never reads upside down.
    const left = Math.cos(t) < -1e-9;
    return {
      id: q.id,
      role: 'requestor',
      x,
      y,
      r: NODE_R,
      label: {
        x: inner * Math.cos(t),
        y: inner * Math.sin(t),
        anchor: left ? 'end' : 'start',
        rotate: left ? deg + 180 : deg,
        baseline: 'central',
        lines: line,
        box: { cx: (inner + w / 2) * Math.cos(t), cy: (inner + w / 2) * Math.sin(t), w, h: LINE_H, angle: deg },
      },
    };
  });
  return { nodes: [dss, ...nodes], mode: 'radial' };
}

function bounds(nodes: PlacedNode[]) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    for (const [x, y] of [...corners(nodeBox(n)), ...corners(n.label.box)]) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { x0, y0, x1, y1 };
}

const moved = (n: PlacedNode, dx: number, dy: number): PlacedNode => ({
  ...n,
  x: n.x + dx,
  y: n.y + dy,
  label: { ...n.label, x: n.label.x + dx, y: n.label.y + dy, box: { ...n.label.box, cx: n.label.box.cx + dx, cy: n.label.box.cy + dy } },
});

export function layoutTopology(input: LayoutInput): Layout {
  const nodes: PlacedNode[] = [];
  const links: Layout['links'] = [];
  const modes: Layout['modes'] = [];
  let x = MARGIN;
  let height = MARGIN;
  for (const c of input.clusters) {
    const { nodes: ring, mode } = ringCluster(c);
    modes.push(mode);
    const b = bounds(ring);
    const placed = ring.map((n) => moved(n, x - b.x0, MARGIN - b.y0));
    const [dss, ...requestors] = placed;
    for (const q of requestors) links.push({ dss: dss.id, requestor: q.id, x1: dss.x, y1: dss.y, x2: q.x, y2: q.y });
    nodes.push(...placed);
    x += b.x1 - b.x0 + 2 * MARGIN;
    height = Math.max(height, MARGIN + b.y1 - b.y0);
  }
  let width = Math.max(x - MARGIN, 320);

  if (input.others.length) {
    // A grid of level labels to the right of each node.
    const cellW = 2 * NODE_R + GAP + Math.max(...input.others.map((o) => textWidth(o.lines))) + 3 * MARGIN;
    const rowH = Math.max(2 * NODE_R, Math.max(...input.others.map((o) => o.lines.length)) * LINE_H) + 2 * GAP;
    const columns = Math.max(1, Math.floor((width - MARGIN) / cellW));
    const top = height + (input.clusters.length ? 2 * MARGIN : MARGIN);
    input.others.forEach((o, k) => {
      const nx = MARGIN + (k % columns) * cellW + NODE_R;
      const ny = top + Math.floor(k / columns) * rowH + rowH / 2;
      const w = textWidth(o.lines);
      const h = o.lines.length * LINE_H;
      const lx = nx + NODE_R + GAP;
      nodes.push({ id: o.id, role: 'other', x: nx, y: ny, r: NODE_R, label: { x: lx, y: ny - h / 2, anchor: 'start', rotate: 0, baseline: 'hanging', lines: o.lines, box: { cx: lx + w / 2, cy: ny, w, h, angle: 0 } } });
    });
    height = top + Math.ceil(input.others.length / columns) * rowH;
    width = Math.max(width, MARGIN + Math.min(columns, input.others.length) * cellW);
  }
  return { width: Math.ceil(width + MARGIN), height: Math.ceil(height + MARGIN), nodes, links, modes };
}
