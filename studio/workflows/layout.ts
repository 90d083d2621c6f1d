/**
 * Automatic layout of a workflow with ELK's layered algorithm: states left to right from the initial one, every arrow
 * routed around the states with its label placed where no state covers it. A workflow of the schema's size takes ELK
 * seconds, so the designer runs it in a worker (layout-worker.ts) and shows a quick arrangement by columns meanwhile.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 76;
const LABEL_HEIGHT = 20;

/** What is laid out: states by their place in the workflow, arrows between those places, each with the width of its label. */
export interface LayoutShape {
  initial: number;
  states: number;
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
/** Top-left corners of the states and routes of the arrows, by place. */
export interface Layout {
  positions: Point[];
  routes: Route[];
}

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

/** A first arrangement, at once: a column per distance from the initial state (unreachable states in a last one). */
export function quickLayout(shape: LayoutShape): Point[] {
  const depth = depths(shape.initial, shape.arrows);
  const last = Math.max(0, ...depth.values()) + 1;
  const filled = new Map<number, number>();
  return Array.from({ length: shape.states }, (_, i) => {
    const column = depth.get(i) ?? last;
    const row = filled.get(column) ?? 0;
    filled.set(column, row + 1);
    return { x: 20 + column * (NODE_WIDTH + 120), y: 20 + row * (NODE_HEIGHT + 40) };
  });
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

/** The graph ELK lays out: states `s<i>`, arrows `a<i>` (those in `back` turned around) with the room for their labels. */
export function elkGraph(shape: LayoutShape, back: ReadonlySet<number>): ElkNode {
  return {
    id: 'workflow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.thoroughness': '3',
    },
    children: Array.from({ length: shape.states }, (_, i) => ({ id: `s${i}`, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: shape.arrows.map((a, i): ElkExtendedEdge => ({
      id: `a${i}`,
      sources: [`s${back.has(i) ? a.to : a.from}`],
      targets: [`s${back.has(i) ? a.from : a.to}`],
      // ELK places only labels that have a text; the room is what counts.
      labels: [{ text: '·', width: a.label, height: LABEL_HEIGHT }],
    })),
  };
}

/** The states' corners and the arrows' routes of a graph ELK has laid out (the arrows in `back` turned round again). */
export function fromElk(graph: ElkNode, back: ReadonlySet<number>): Layout {
  const at = (p: Point) => ({ x: Math.round(p.x), y: Math.round(p.y) });
  return {
    positions: (graph.children ?? []).map((n) => at({ x: n.x ?? 0, y: n.y ?? 0 })),
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
