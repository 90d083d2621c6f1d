import { getAdjacencyMap } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import { activeIn, entryLeaf, initialState, resolveTarget, statesOf, transitionsOf, type TransitionInfo } from '../browser-safe/workflow-definition.ts';
import type { PathStep, Untaken, WorkflowPath } from '../browser-safe/workflow-paths.ts';
import { Problem } from '../http/problem.ts';
import type { GuardInput } from './catalog.ts';
import { evaluateGuard } from './guards.ts';
import { delayedEvent, machineFor, start, statePath } from './machine.ts';
import { sampleInput, type Simulation } from './simulate.ts';

/** At most this many moves between states are looked at: a larger workflow is refused, not walked for seconds. */
const MOVES = 20_000;
/** At most this many paths, and steps in all, are answered (more than anyone walks by hand); the answer says when some were left out. */
const PATHS = 300;
const STEPS = 20_000;

/**
 * Paths through a workflow for a role and sample data, generated with @xstate/graph: for every transition the role can
 * take (events it may fire, timers that run out), the shortest way to its state and then that transition. A path that
 * is the beginning of another is left out, so together they take every such transition. The transitions no path takes
 * (their condition fails for this data, or they cannot be reached) are listed apart.
 */
export function workflowPaths(def: WorkflowDef, bundle: Pick<Bundle, 'roles'>, sim: Omit<Simulation, 'state' | 'event'>) {
  const { input, mayUpdate } = sampleInput(bundle, sim);
  const all = statesOf(def);
  /** Delays by their timer's event. */
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
  let graph: ReturnType<typeof getAdjacencyMap>;
  try {
    graph = getAdjacencyMap(machineFor(def), { input, events, serializeState: (s: AnyMachineSnapshot) => statePath(s.value), limit: MOVES });
  } catch (e) {
    if (!String(e).includes('limit')) throw e;
    throw new Problem(422, 'The workflow has too many ways through it to list paths.', [{ path: '/workflow', message: 'has too many ways through it' }]);
  }
  const begin = start(def, input).state;
  const moves = Object.entries(graph).flatMap(([from, node]) =>
    Object.values(node.transitions as Record<string, { event: { type: string }; state: AnyMachineSnapshot }>).map(({ event, state }) => {
      const delay = delays.get(event.type);
      return { event: event.type, ...(delay ? { delay } : {}), from, to: statePath(state.value) } as PathStep;
    }),
  );

  // Breadth first from the start: each state's shortest way there is the way to the state it was first reached from, and that move.
  const out = new Map<string, PathStep[]>();
  for (const move of moves) {
    if (!out.has(move.from)) out.set(move.from, []);
    out.get(move.from)!.push(move);
  }
  const way = new Map<string, { move: PathStep | null; length: number }>([[begin, { move: null, length: 0 }]]);
  const queue = [begin];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const move of out.get(at) ?? []) {
      if (way.has(move.to)) continue;
      way.set(move.to, { move, length: way.get(at)!.length + 1 });
      queue.push(move.to);
    }
  }
  const wayTo = (state: string): PathStep[] => {
    const steps: PathStep[] = [];
    for (let move = way.get(state)!.move; move; move = way.get(move.from)!.move) steps.push(move);
    return steps.reverse();
  };
  // A path ending with the move a state was first reached by is the beginning of the paths on from that state: it is
  // left out when there are any. Every other path ends with a move no other path takes.
  const ends = moves.filter((m) => way.has(m.from) && !(way.get(m.to)!.move === m && out.has(m.to)));
  const paths: WorkflowPath[] = [];
  let steps = 0;
  for (const end of ends) {
    steps += way.get(end.from)!.length + 1;
    if (steps > STEPS || paths.length === PATHS) break;
    paths.push({ steps: [...wayTo(end.from), end] });
  }
  const taken = takenTransitions(def, input, moves);
  const untaken = all.flatMap(transitionsOf).flatMap((t): Untaken[] => {
    if (taken.has(t.pointer)) return [];
    const target = t.transition.target === undefined ? undefined : resolveTarget(def, t.from, t.transition.target, all);
    return [{ from: t.from.path, kind: t.kind, trigger: t.trigger, target: target?.path ?? null }];
  });
  return { start: begin, mayUpdate, paths, complete: paths.length === ends.length, untaken };
}

/**
 * The transitions the moves take, chosen as XState chooses: for an event, the first transition whose condition holds,
 * from the innermost state out; then, from the state entered, the automatic (`always`) ones whose conditions hold, in
 * turn. The start counts as a move from nowhere into the initial state. Transitions by their JSON Pointer.
 */
function takenTransitions(def: WorkflowDef, input: GuardInput, moves: PathStep[]): Set<string> {
  const all = statesOf(def);
  const byState = new Map(all.map((s) => [s.path, transitionsOf(s)]));
  const passes = (t: TransitionInfo) => !t.transition.guard || evaluateGuard(t.transition.guard, input).passed;
  const chosen = (leaf: string, pick: (t: TransitionInfo) => boolean) =>
    activeIn(all, leaf)
      .reverse()
      .flatMap((s) => byState.get(s.path)!)
      .find((t) => pick(t) && passes(t));
  const entered = (t: TransitionInfo, leaf: string) => {
    const target = t.transition.target === undefined ? undefined : resolveTarget(def, t.from, t.transition.target, all);
    return target ? (entryLeaf(target, all)?.path ?? target.path) : leaf;
  };
  const taken = new Set<string>();
  /** From `leaf`, the automatic transitions taken until none applies (a few at most; a loop is cut). */
  const settle = (leaf: string) => {
    for (let i = 0; i < all.length; i++) {
      const t = chosen(leaf, (c) => c.kind === 'always');
      if (!t || taken.has(t.pointer)) return;
      taken.add(t.pointer);
      leaf = entered(t, leaf);
    }
  };
  settle(initialState(def));
  for (const move of moves) {
    const t = chosen(move.from, (c) =>
      move.delay ? c.kind === 'after' && delayedEvent(def, c.from.path, c.trigger) === move.event : c.kind === 'on' && c.trigger === move.event,
    );
    if (!t) continue;
    taken.add(t.pointer);
    settle(entered(t, move.from));
  }
  return taken;
}
