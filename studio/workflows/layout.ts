/**
 * Automatic layout of a workflow with ELK's layered algorithm: states left to right from the initial one, every arrow
 * routed around the states with its label placed where no state covers it. A workflow of the schema's size takes ELK
 * seconds, so the designer runs it in a worker (layout-worker.ts) and shows a quick arrangement by columns meanwhile.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 76;
const LABEL_HEIGHT = 20;

/**
 * What is laid out: states by their place in the workflow (parents before the states inside them), arrows between those
 * places, each with the width of its label. `parents[i]` is the place of the state that state i is inside, or -1.
 */
export interface LayoutShape {
  initial: number;
  states: number;
  parents: number[];
  arrows: { from: number; to: number; label: number }[];
}
export interface Point {
  x: number;
  y: number;
}
/** An arrow's way from its state to the next (bends included) and the middle of its label. */
export interface Route {
  points: Point[];
  label: Point;
}
/** The size of a state with states inside (the others are NODE_WIDTH × NODE_HEIGHT). */
export interface Size {
  width: number;
  height: number;
}
/** Top-left corners of the states (a state inside another: from that one's corner), sizes of those with states inside, routes of the arrows, by place. */
export interface Layout {
  positions: Point[];
  sizes: (Size | null)[];
  routes: Route[];
}

/** Room at the top of a state with states inside, for its name. */
export const HEADER = 44;
const INSET = 16;

/** The width of a label's background at 12 px: estimated from its text, since measuring makes the browser lay out the page once per arrow. */
export const labelTextWidth = (text: string) => text.length * 6.6 + 10;
/** The room the layout keeps for a label: its background and a warning sign, in steps of 16 px, so a small change of its text lays nothing out again. */
export const labelWidth = (text: string) => Math.ceil((labelTextWidth(text) + 24) / 16) * 16;

/** Depth of each state from `initial` along `edges` (breadth first); unreachable states are missing. */
export function depths(initial: number, edges: readonly { from: number; to: number }[]): Map<number, number> {
  const depth = new Map<number, number>([[initial, 0]]);
  const queue = [initial];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const e of edges) {
      if (e.from === at && !depth.has(e.to)) {
        depth.set(e.to, depth.get(at)! + 1);
        queue.push(e.to);
      }
    }
  }
  return depth;
}

/**
 * A first arrangement, at once: at the top level and inside each state with states inside, a column per distance from
 * the first state along the arrows between them (unreachable ones in a last column). Such a state is sized to hold its own.
 */
export function quickLayout(shape: LayoutShape): Pick<Layout, 'positions' | 'sizes'> {
  const positions: Point[] = Array.from({ length: shape.states }, () => ({ x: 0, y: 0 }));
  const sizes: (Size | null)[] = Array.from({ length: shape.states }, () => null);
  /** Arranges the states inside `parent` (-1: the top level); returns the room they take. */
  function arrange(parent: number): Size {
    const margin = parent === -1 ? { left: 20, top: 20 } : { left: INSET, top: HEADER };
    const sizeOf = (i: number) => (shape.parents.includes(i) ? (sizes[i] = arrange(i)) : { width: NODE_WIDTH, height: NODE_HEIGHT });
    const own = new Map([...positions.keys()].filter((i) => shape.parents[i] === parent).map((i) => [i, sizeOf(i)]));
    const first = parent === -1 ? shape.initial : own.keys().next().value!;
    const depth = depths(
      first,
      shape.arrows.filter((a) => own.has(a.from) && own.has(a.to)),
    );
    const last = Math.max(0, ...depth.values()) + 1;
    const column = (i: number) => depth.get(i) ?? last;
    // Each column as wide as its widest state, 120 px apart; states down a column 40 px apart.
    const widths = new Map<number, number>();
    for (const [i, size] of own) widths.set(column(i), Math.max(widths.get(column(i)) ?? 0, size.width));
    const lefts = new Map<number, number>();
    let x = margin.left;
    for (const c of [...widths.keys()].sort((a, b) => a - b)) {
      lefts.set(c, x);
      x += widths.get(c)! + 120;
    }
    const tops = new Map<number, number>();
    const room = { width: 0, height: 0 };
    for (const [i, size] of own) {
      const at = { x: lefts.get(column(i))!, y: tops.get(column(i)) ?? margin.top };
      positions[i] = at;
      tops.set(column(i), at.y + size.height + 40);
      room.width = Math.max(room.width, at.x + size.width + INSET);
      room.height = Math.max(room.height, at.y + size.height + INSET);
    }
    return room;
  }
  arrange(-1);
  return { positions, sizes };
}

/**
 * The arrows that lead back: to the initial state, or to a state no further from it than their own. ELK gets them
 * turned around, so the flow reads from the initial state on the left towards the end states on the right.
 */
export function backArrows(shape: LayoutShape): Set<number> {
  const depth = depths(shape.initial, shape.arrows);
  const back = new Set<number>();
  shape.arrows.forEach((a, i) => {
    const from = depth.get(a.from);
    const to = depth.get(a.to);
    if (a.to === shape.initial || (from !== undefined && to !== undefined && to <= from && a.from !== a.to)) back.add(i);
  });
  return back;
}

/**
 * The graph ELK lays out: states `s<i>` (those inside another among its children, with room for its name on top),
 * arrows `a<i>` (those in `back` turned around) with the room for their labels, routed in the whole graph's coordinates.
 */
export function elkGraph(shape: LayoutShape, back: ReadonlySet<number>): ElkNode {
  const node = (i: number): ElkNode => {
    const inside = [...shape.parents.keys()].filter((j) => shape.parents[j] === i);
    if (!inside.length) return { id: `s${i}`, width: NODE_WIDTH, height: NODE_HEIGHT };
    return { id: `s${i}`, layoutOptions: { 'elk.padding': `[top=${HEADER},left=${INSET},bottom=${INSET},right=${INSET}]` }, children: inside.map(node) };
  };
  return {
    id: 'workflow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      // States inside others are laid out with the rest in one pass; a flat workflow is a little faster without it.
      ...(shape.parents.some((p) => p >= 0) ? { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : {}),
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.thoroughness': '3',
    },
    children: [...shape.parents.keys()].filter((i) => shape.parents[i] === -1).map(node),
    edges: shape.arrows.map((a, i): ElkExtendedEdge => ({
      id: `a${i}`,
      sources: [`s${back.has(i) ? a.to : a.from}`],
      targets: [`s${back.has(i) ? a.from : a.to}`],
      // ELK places only labels that have a text; the room is what counts.
      labels: [{ text: '·', width: a.label, height: LABEL_HEIGHT }],
    })),
  };
}

/** The states' corners and sizes and the arrows' routes of a graph ELK has laid out (the arrows in `back` turned round again). */
export function fromElk(graph: ElkNode, back: ReadonlySet<number>): Layout {
  const at = (p: Point) => ({ x: Math.round(p.x), y: Math.round(p.y) });
  const positions: Point[] = [];
  const sizes: (Size | null)[] = [];
  const visit = (n: ElkNode) => {
    const i = Number(n.id.slice(1));
    positions[i] = at({ x: n.x ?? 0, y: n.y ?? 0 });
    sizes[i] = n.children?.length ? { width: Math.round(n.width ?? 0), height: Math.round(n.height ?? 0) } : null;
    n.children?.forEach(visit);
  };
  graph.children?.forEach(visit);
  return {
    positions,
    sizes,
    routes: (graph.edges ?? []).map((e, i) => {
      const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map(at);
      if (back.has(i)) points.reverse();
      const l = e.labels?.[0];
      return { points, label: at({ x: (l?.x ?? 0) + (l?.width ?? 0) / 2, y: (l?.y ?? 0) + (l?.height ?? 0) / 2 }) };
    }),
  };
}

/** `shape` laid out by `elk`. */
export async function layoutWith(elk: ELK, shape: LayoutShape): Promise<Layout> {
  const back = backArrows(shape);
  return fromElk(await elk.layout(elkGraph(shape, back)), back);
}
