/** Automatic layout of a workflow's states, left to right with the initial state first (dagre). */
import dagre from '@dagrejs/dagre';

export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 72;

/** Depth of each state from `initial` along `edges` (breadth first); unreachable states are missing. */
export function depths(initial: string, edges: readonly { source: string; target: string }[]): Map<string, number> {
  const depth = new Map<string, number>([[initial, 0]]);
  const queue = [initial];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const e of edges) {
      if (e.source === at && !depth.has(e.target)) {
        depth.set(e.target, depth.get(at)! + 1);
        queue.push(e.target);
      }
    }
  }
  return depth;
}

/**
 * Top-left positions of `states`. Edges that lead back (to a state no deeper than their source) are left out
 * of the layout, so the flow reads from the initial state on the left towards the end states on the right.
 */
export function layoutStates(
  states: readonly string[],
  initial: string,
  edges: readonly { source: string; target: string }[],
): Record<string, { x: number; y: number }> {
  const depth = depths(initial, edges);
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 100, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of states) g.setNode(s, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) {
    if (e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    const from = depth.get(e.source);
    const to = depth.get(e.target);
    const back = from !== undefined && to !== undefined && to <= from;
    if (!back && e.target !== initial) g.setEdge(e.source, e.target);
  }
  dagre.layout(g);
  return Object.fromEntries(
    states.map((s) => {
      const n = g.node(s) as { x: number; y: number };
      return [s, { x: Math.round(n.x - NODE_WIDTH / 2), y: Math.round(n.y - NODE_HEIGHT / 2) }];
    }),
  );
}
