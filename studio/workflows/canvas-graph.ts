/** The canvas's nodes and edges for a workflow: positions from the layout, problems and the simulator's state marked. */
import { MarkerType, type Edge, type Node } from '@vue-flow/core';
import { activeStates } from '../../runtime/browser-safe/workflow-definition.ts';
import { findState, isFinal, parentOf, stateLabel, statePaths, type Workflow } from './model.ts';
import { isInitial } from './state-edits.ts';
import type { ArrowData } from './ArrowEdge.vue';
import { labelWidth, type LayoutShape, type Route, type Size } from './layout.ts';
import type { FlatTransition } from './transitions.ts';

/** What a state node shows: its name, whether records start or end there, its problems in words, the simulator's place. */
export interface StateNodeData {
  label: string;
  /** Records start here: the workflow's initial state, or the first state inside another. */
  initial: boolean;
  /** It has states inside: drawn as a box around them. */
  compound: boolean;
  final: boolean;
  problems: string[];
  active: boolean;
  /** Shown in the property panel. */
  chosen: boolean;
}

/** What the graph marks besides the workflow itself. */
export interface GraphMarks {
  /** Top-left corners by state path; a state inside another's from that one's corner. */
  positions: Record<string, { x: number; y: number }>;
  /** Sizes of the states with states inside, by path. */
  sizes: Record<string, Size>;
  /** Arrows the layout routed, by transition id; the others are drawn as curves between the states' handles. */
  routes?: Map<string, Route>;
  stateProblems: Map<string, string[]>;
  transitionProblems: Map<string, string[]>;
  selected: string | null;
  active: string | null;
}

/** One node per state, parents before the states inside them (Vue Flow needs them in that order). */
export function nodesOf(wf: Workflow, marks: GraphMarks): Node<StateNodeData>[] {
  // Heard with the states around it ("Working › Waiting"): two states of one name in different places sound apart.
  const name = (key: string) =>
    activeStates(key)
      .map((p) => stateLabel(wf, p))
      .join(' › ');
  return statePaths(wf).map((key) => ({
    id: key,
    type: 'state',
    position: marks.positions[key] ?? { x: 0, y: 0 },
    ...(parentOf(key) ? { parentNode: parentOf(key), extent: 'parent' as const } : {}),
    // Named on every state (undefined on a plain one), so a state that loses its last state inside loses its size too;
    // a plain state's stay undefined, so moving it touches nothing of Vue Flow's styling.
    style: marks.sizes[key] ? { width: `${marks.sizes[key].width}px`, height: `${marks.sizes[key].height}px` } : undefined,
    class: marks.sizes[key] ? 'compound' : undefined,
    ariaLabel: marks.stateProblems.has(key) ? `${name(key)}: ⚠ ${marks.stateProblems.get(key)!.join('; ')}` : name(key),
    data: {
      label: stateLabel(wf, key),
      initial: isInitial(wf, key),
      compound: marks.sizes[key] !== undefined,
      final: isFinal(findState(wf, key)),
      problems: marks.stateProblems.get(key) ?? [],
      active: marks.active === key,
      chosen: marks.selected === key,
    },
  }));
}

type At = { x: number; y: number } | undefined;
/**
 * Where an arrow leaves and enters: forward from the right edge to the left edge; within one column from the
 * bottom of the upper state to the top of the lower one; backwards (or to itself) from bottom to bottom.
 */
export function handles(from: At, to: At, self: boolean): [string, string] {
  if (!from || !to || self || to.x < from.x) return ['back-out', 'back-in'];
  if (to.x > from.x) return ['out', 'in'];
  return to.y > from.y ? ['back-out', 'top-in'] : ['top-out', 'back-in'];
}

/**
 * One edge per drawable transition (to a state on the canvas), labelled by `label` and named for screen readers by
 * `describe`: along its route where the layout routed it, else as a curve between handles, where transitions that lead
 * back (leftwards, or to their own state) leave and enter at the bottom, so they do not cross the forward flow.
 */
export function edgesOf(transitions: readonly FlatTransition[], marks: GraphMarks, label: (t: FlatTransition) => string, describe = label): Edge[] {
  // Several transitions between the same two states are drawn apart, each with its own label.
  const siblings = new Map<string, number>();
  /** Where a state is in the whole canvas (positions inside another state are from its corner). */
  const absolute = (path: string): At => {
    const own = marks.positions[path];
    const parent = parentOf(path);
    const around = parent ? absolute(parent) : { x: 0, y: 0 };
    return own && around && { x: own.x + around.x, y: own.y + around.y };
  };
  return transitions.flatMap((tr) => {
    if (!tr.target || !marks.positions[tr.target]) return [];
    const pair = `${tr.state}>${tr.target}`;
    const nth = siblings.get(pair) ?? 0;
    siblings.set(pair, nth + 1);
    const [sourceHandle, targetHandle] = handles(absolute(tr.state), absolute(tr.target), tr.state === tr.target);
    const back = sourceHandle !== 'out';
    const problems = marks.transitionProblems.get(tr.id) ?? [];
    const route = marks.routes?.get(tr.id);
    const data: ArrowData = route ?? { step: back || nth > 0 ? 20 + 22 * nth : null };
    const edge: Edge = {
      id: tr.id,
      source: tr.state,
      target: tr.target,
      sourceHandle,
      targetHandle,
      type: 'arrow',
      data,
      label: problems.length ? `⚠ ${label(tr)}` : label(tr),
      ariaLabel: problems.length ? `⚠ ${describe(tr)}: ${problems.join('; ')}` : describe(tr),
      class: { problem: problems.length > 0, delayed: tr.kind !== 'on', chosen: marks.selected === tr.id, routed: route !== undefined },
      markerEnd: MarkerType.ArrowClosed,
    };
    return [edge];
  });
}

/**
 * The workflow as the layout takes it: states (and which one each is inside) and drawn arrows by their places (so
 * renaming a state lays nothing out), each arrow with the room its label takes.
 */
export function layoutShape(
  wf: Workflow,
  transitions: readonly FlatTransition[],
  label: (t: FlatTransition) => string,
): { shape: LayoutShape; states: string[]; arrows: string[] } {
  const states = statePaths(wf);
  const place = new Map(states.map((key, i) => [key, i]));
  const drawn = transitions.filter((tr) => tr.target !== null && place.has(tr.target));
  return {
    shape: {
      initial: place.get(wf.initial) ?? 0,
      states: states.length,
      parents: states.map((key) => place.get(parentOf(key)) ?? -1),
      arrows: drawn.map((tr) => ({ from: place.get(tr.state)!, to: place.get(tr.target!)!, label: labelWidth(label(tr)) })),
    },
    states,
    arrows: drawn.map((tr) => tr.id),
  };
}

/** What to change on the canvas to show `next`: elements added, removed (by id) and changed, found by comparing each with what was drawn. */
export interface CanvasChanges<T> {
  added: T[];
  removed: string[];
  changed: T[];
}

/**
 * The changes from the elements drawn (`drawn`: id → the element as JSON, updated here) to `next`. An element
 * compared equal is left alone, so an edit redraws only what it touched, not the whole workflow.
 */
export function canvasChanges<T extends { id: string }>(drawn: Map<string, string>, next: readonly T[]): CanvasChanges<T> {
  const result: CanvasChanges<T> = { added: [], removed: [], changed: [] };
  const ids = new Set<string>();
  for (const element of next) {
    ids.add(element.id);
    const json = JSON.stringify(element);
    const before = drawn.get(element.id);
    if (before === json) continue;
    (before === undefined ? result.added : result.changed).push(element);
    drawn.set(element.id, json);
  }
  for (const id of drawn.keys()) {
    if (ids.has(id)) continue;
    result.removed.push(id);
    drawn.delete(id);
  }
  return result;
}
