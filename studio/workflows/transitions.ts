/** Transitions as flat rows: each one of a state's `on`, `after` and `always` lists, addressed by where it sits. */
import {
  findState,
  statePaths,
  statePointer,
  targetState,
  type CatalogRef,
  type Guard,
  type StateConfig,
  type TransitionConfig,
  type TransitionObject,
  type Workflow,
} from './model.ts';

/** What fires a transition: an event people fire, a delay, or nothing (taken as soon as its guard passes). */
export type TransitionKind = 'on' | 'after' | 'always';

/** Where a transition sits: state, kind, event name or delay (`''` for always), position in that list. */
export interface TransitionRef {
  state: string;
  kind: TransitionKind;
  key: string;
  index: number;
}
/** A transition as the designer shows it. */
export interface FlatTransition extends TransitionRef {
  id: string;
  /** The path of the state it leads to; null without a target (it stays) or with one of another machine. */
  target: string | null;
  rawTarget?: string;
  guard?: Guard;
  actions: CatalogRef[];
}

/** A stable id for a transition's place: `state|kind|key|index`. */
export const transitionId = (ref: TransitionRef) => `${ref.state}|${ref.kind}|${ref.key}|${ref.index}`;

/** The place an id names, or null for an id that is not one. */
export function parseTransitionId(id: string): TransitionRef | null {
  const [state, kind, key, index] = id.split('|');
  if (!state || (kind !== 'on' && kind !== 'after' && kind !== 'always') || key === undefined || !/^\d+$/.test(index ?? '')) return null;
  return { state, kind, key, index: Number(index) };
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
/** The JSON Pointer of a transition inside the workflow (lists written as one item count as index 0). */
export const transitionPointer = (ref: TransitionRef) =>
  ref.kind === 'always' ? `${statePointer(ref.state)}/always/${ref.index}` : `${statePointer(ref.state)}/${ref.kind}/${escape(ref.key)}/${ref.index}`;

/** A transitions entry as a list of objects. */
export function normalize(config: TransitionConfig | undefined): TransitionObject[] {
  if (config === undefined) return [];
  const list = Array.isArray(config) ? config : [config];
  return list.map((t) => (typeof t === 'string' ? { target: t } : t));
}

/** A list of transitions in its shortest form: one transition alone, a target-only one as its target; undefined when empty. */
export function compact(list: readonly TransitionObject[]): TransitionConfig | undefined {
  const short = list.map((t) => (t.target !== undefined && Object.keys(t).length === 1 ? t.target : t));
  if (short.length === 0) return undefined;
  return short.length === 1 ? short[0]! : short;
}

/** The lists of a state, each with its kind and key, in the order `on`, `after`, `always`. */
export function listsOf(state: StateConfig): { kind: TransitionKind; key: string; list: TransitionObject[] }[] {
  return [
    ...Object.entries(state.on ?? {}).map(([key, c]) => ({ kind: 'on' as const, key, list: normalize(c) })),
    ...Object.entries(state.after ?? {}).map(([key, c]) => ({ kind: 'after' as const, key, list: normalize(c) })),
    ...(state.always === undefined ? [] : [{ kind: 'always' as const, key: '', list: normalize(state.always) }]),
  ];
}

/** Every transition of the workflow, nested states' included, in state order (parents before children). */
export function transitionsOf(wf: Workflow): FlatTransition[] {
  return statePaths(wf).flatMap((state) =>
    listsOf(findState(wf, state)!).flatMap(({ kind, key, list }) =>
      list.map((t, index) => {
        const ref = { state, kind, key, index };
        return {
          ...ref,
          id: transitionId(ref),
          target: targetState(wf, t.target, state),
          ...(t.target === undefined ? {} : { rawTarget: t.target }),
          ...(t.guard ? { guard: t.guard } : {}),
          actions: t.actions ?? [],
        };
      }),
    ),
  );
}

/** The transition at `ref`, or undefined. */
export const transitionAt = (wf: Workflow, ref: TransitionRef) => transitionsOf(wf).find((t) => t.id === transitionId(ref));

/** The value a JSON Pointer names inside the workflow; index 0 of a transition written without a list is the transition itself. */
export function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    if (!Array.isArray(at) && part === '0' && !Object.hasOwn(at, '0')) continue;
    at = Object.hasOwn(at, part) ? (at as Record<string, unknown>)[part] : undefined;
  }
  return at;
}
