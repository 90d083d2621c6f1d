import type { WorkflowDef } from '../browser-safe/bundle.ts';
import { activeIn, entryLeaf, leafStates, resolveTarget, statesOf, transitionsOf } from '../browser-safe/workflow-definition.ts';

/**
 * Automatic (`always`) transitions that can lead back to where they started: XState would take them round and round
 * within one step and never return (guards see the same data every time). Returns the JSON Pointer of one `always`
 * transition in each such loop. Pure.
 */
export function alwaysLoops(def: WorkflowDef): string[] {
  const all = statesOf(def);
  // From each leaf a record can rest in: the leaves its automatic transitions (its own and its ancestors') lead to.
  const edges = new Map<string, { to: string; pointer: string }[]>();
  for (const leaf of leafStates(def)) {
    const holders = activeIn(all, leaf.path);
    const out = holders.flatMap((s) =>
      transitionsOf(s)
        .filter((t) => t.kind === 'always' && t.transition.target !== undefined)
        .flatMap((t) => {
          const target = resolveTarget(def, s, t.transition.target!);
          const to = target && entryLeaf(target, all);
          return to ? [{ to: to.path, pointer: t.pointer }] : [];
        }),
    );
    edges.set(leaf.path, out);
  }
  // A transition loops when the leaf it leads to can lead back, through automatic transitions, to where it started.
  const reach = (from: string) => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length) for (const e of edges.get(stack.pop()!) ?? []) if (!seen.has(e.to)) stack.push((seen.add(e.to), e.to));
    return seen;
  };
  return [...edges].flatMap(([leaf, out]) => out.filter((e) => reach(e.to).has(leaf)).map((e) => e.pointer)).filter((p, i, list) => list.indexOf(p) === i);
}
