import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import { activeIn, resolveTarget, statesOf, transitionsOf, entryLeaf, type TransitionInfo } from '../browser-safe/workflow-definition.ts';
import { delayedEvent, machineFor, start, statePath } from './machine.ts';
import { sampleInput, type Simulation } from './simulate.ts';

/** One step of a path: the event fired (an `after` delay's own event when it is a wait), from which state to which. */
export interface PathStep {
  event: string;
  /** Set when the step is a wait: the delay, as the workflow writes it (`P3D`). */
  delay?: string;
  from: string;
  to: string;
}
/** A transition no path takes with this role and data: where it starts, what fires it and where it leads. */
export interface Untaken {
  from: string;
  kind: TransitionInfo['kind'];
  trigger: string;
  target: string | null;
}

/**
 * Paths through a workflow for a role and sample data, generated with @xstate/graph: for every transition the role can
 * take (events it may fire, timers that run out), the shortest way to its state and then that transition. A path that
 * is the beginning of another is left out, so together they take every such transition in as few paths as this gives.
 * Transitions no path takes (their condition fails for this data, or they cannot be reached) are listed apart.
 */
export function workflowPaths(def: WorkflowDef, bundle: Pick<Bundle, 'roles'>, sim: Omit<Simulation, 'state' | 'event'>) {
  const { input, mayUpdate } = sampleInput(bundle, sim);
  const all = statesOf(def);
  const machine = machineFor(def);
  const delays = new Map<string, string>();
  const events = (snapshot: AnyMachineSnapshot) =>
    activeIn(all, statePath(snapshot.value))
      .flatMap((s) => [
        ...(mayUpdate ? Object.keys(s.node.on ?? {}) : []),
        ...Object.keys(s.node.after ?? {}).map((delay) => {
          const event = delayedEvent(def, s.path, delay);
          delays.set(event, delay);
          return event;
        }),
      ])
      .filter((type) => snapshot.can({ type }))
      .map((type) => ({ type }));
  const options = { input, events, serializeState: (s: AnyMachineSnapshot) => JSON.stringify(s.value), limit: 5_000 };

  const reach = new Map(getShortestPaths(machine, options).map((p) => [JSON.stringify(p.state.value), p.steps.slice(1).map((s) => stepOf(s))]));
  function stepOf(s: { event: { type: string }; state: AnyMachineSnapshot }, from?: string): PathStep {
    const delay = delays.get(s.event.type);
    return { event: s.event.type, ...(delay ? { delay } : {}), from: from ?? '', to: statePath(s.state.value) };
  }
  const begin = start(def, input).state;
  const paths: PathStep[][] = [];
  for (const [from, node] of Object.entries(getAdjacencyMap(machine, options))) {
    for (const edge of Object.values(node.transitions) as { event: { type: string }; state: AnyMachineSnapshot }[]) {
      const way = reach.get(from);
      if (way) paths.push(withSources([...way, stepOf(edge)], begin));
    }
  }
  const sign = (path: PathStep[]) => path.map((s) => `${s.event}>${s.to}`).join('|');
  const unique = [...new Map(paths.map((p) => [sign(p), p]))];
  const kept = unique.filter(([mine]) => !unique.some(([other]) => other.startsWith(`${mine}|`))).map(([, p]) => p);
  return { start: begin, mayUpdate, paths: kept.map((steps) => ({ steps })), untaken: untaken(def, kept, begin) };
}

/** Fills in each step's source: the state the step before it led to. */
function withSources(steps: PathStep[], begin: string): PathStep[] {
  return steps.map((s, i) => ({ ...s, from: i === 0 ? begin : steps[i - 1]!.to }));
}

/**
 * The transitions no path takes. A step takes a transition when it starts in (or below) the transition's state, on its
 * event or delay, and lands in (or below) its target; an automatic (`always`) one counts as taken when a path or the
 * start lands in its target.
 */
function untaken(def: WorkflowDef, paths: PathStep[][], begin: string): Untaken[] {
  const all = statesOf(def);
  const steps = paths.flat();
  const within = (leaf: string, path: string) => leaf === path || leaf.startsWith(`${path}.`);
  return all.flatMap(transitionsOf).flatMap((t) => {
    const target = t.transition.target === undefined ? undefined : resolveTarget(def, t.from, t.transition.target);
    const to = target ? (entryLeaf(target, all) ?? target).path : undefined;
    const lands = (leaf: string) => (to === undefined ? true : within(leaf, target!.path));
    const taken =
      t.kind === 'always'
        ? lands(begin) || steps.some((s) => lands(s.to))
        : steps.some(
            (s) =>
              within(s.from, t.from.path) && lands(s.to) && (t.kind === 'on' ? s.event === t.trigger : s.event === delayedEvent(def, t.from.path, t.trigger)),
          );
    return taken ? [] : [{ from: t.from.path, kind: t.kind, trigger: t.trigger, target: to ?? null }];
  });
}
