import type { WorkflowDef } from './bundle.ts';

/** A named guard from the catalog, or guards combined with `and` / `or` / `not`. */
export type GuardRef = { type: string; params?: Record<string, unknown>; guards?: GuardRef[]; guard?: GuardRef };
export interface ActionRef {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionDef {
  target?: string;
  guard?: GuardRef;
  actions?: ActionRef[];
  description?: string;
}
type Transitions = string | TransitionDef | (string | TransitionDef)[];
export interface StateDef {
  type?: 'atomic' | 'compound' | 'final';
  initial?: string;
  states?: Record<string, StateDef>;
  on?: Record<string, Transitions>;
  always?: Transitions;
  after?: Record<string, Transitions>;
  entry?: ActionRef[];
  exit?: ActionRef[];
  meta?: { label?: string; description?: string };
}

/** What must hold before a person may fire an event: fields filled in, a field holding one of some values, being the owner. */
export type Need =
  | { kind: 'filled'; fields: string[] }
  | { kind: 'value'; field: string; values: unknown[] }
  | { kind: 'owner' }
  /** A condition combined with `or` / `not`, told as "the workflow's conditions". */
  | { kind: 'other' };

/** A state of a workflow with where it sits: `path` is dotted (`working.waiting`), `pointer` a JSON Pointer into the definition. */
export interface StateInfo {
  path: string;
  pointer: string;
  node: StateDef;
  /** The path of the parent state, or '' for top-level states. */
  parent: string;
}

/** One transition, normalised: from which state, on what (`on` event, `always` or an `after` delay), at which pointer. */
export interface TransitionInfo {
  from: StateInfo;
  kind: 'on' | 'always' | 'after';
  /** The event name for `on`, the delay for `after`, '' for `always`. */
  trigger: string;
  pointer: string;
  /** Where the target is written: the transition itself when it is a bare target string. */
  targetPointer: string;
  transition: TransitionDef;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every state of a definition, depth first, parents before children. */
export function statesOf(def: WorkflowDef): StateInfo[] {
  const out: StateInfo[] = [];
  const walk = (states: Record<string, StateDef>, parent: string, pointer: string) => {
    for (const [key, node] of Object.entries(states)) {
      const path = parent ? `${parent}.${key}` : key;
      const at = `${pointer}/${escape(key)}`;
      out.push({ path, pointer: at, node, parent });
      if (node.states) walk(node.states, path, `${at}/states`);
    }
  };
  walk(def.states as Record<string, StateDef>, '', '/states');
  return out;
}

/** `working.waiting` → `['working', 'working.waiting']`: the states a record resting in a leaf is in. */
export const activeStates = (leaf: string) => leaf.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));

/** Of `all` (a workflow's states), those a record resting in `leaf` is in: the leaf and its ancestors, outermost first. */
export const activeIn = (all: StateInfo[], leaf: string) => all.filter((s) => leaf === s.path || leaf.startsWith(`${s.path}.`));

/** The states a record can rest in: atomic and final ones (a compound state always has an active child). */
export const leafStates = (def: WorkflowDef) => statesOf(def).filter((s) => !s.node.states);

function listOf(value: Transitions): (string | TransitionDef)[] {
  return Array.isArray(value) ? value : [value];
}

/** Every transition of a state, each with its own JSON Pointer (an index is added when a trigger has a list). */
export function transitionsOf(state: StateInfo): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  const add = (kind: TransitionInfo['kind'], trigger: string, value: Transitions, pointer: string) => {
    listOf(value).forEach((t, i) => {
      const at = Array.isArray(value) ? `${pointer}/${i}` : pointer;
      const transition = typeof t === 'string' ? { target: t } : t;
      out.push({ from: state, kind, trigger, pointer: at, targetPointer: typeof t === 'string' ? at : `${at}/target`, transition });
    });
  };
  for (const [event, value] of Object.entries(state.node.on ?? {})) add('on', event, value, `${state.pointer}/on/${escape(event)}`);
  if (state.node.always !== undefined) add('always', '', state.node.always, `${state.pointer}/always`);
  for (const [delay, value] of Object.entries(state.node.after ?? {})) add('after', delay, value, `${state.pointer}/after/${escape(delay)}`);
  return out;
}

/**
 * The state a transition's target names, as XState resolves it: a sibling key (`resolved`), a child of the source
 * (`.child`), or an id path (`#case.working.waiting`). Undefined when it names no state. `all`: the workflow's states, when known.
 */
export function resolveTarget(def: WorkflowDef, from: StateInfo, target: string, all = statesOf(def)): StateInfo | undefined {
  let path: string;
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    if (id !== def.id) return undefined;
    path = rest.join('.');
  } else if (target.startsWith('.')) {
    path = `${from.path}${target}`;
  } else {
    path = from.parent ? `${from.parent}.${target}` : target;
  }
  return all.find((s) => s.path === path);
}

/** The leaf a record enters when it enters `state`: a compound state's initial child, down to a leaf. */
export function entryLeaf(state: StateInfo, all: StateInfo[]): StateInfo | undefined {
  let at: StateInfo | undefined = state;
  while (at?.node.states) {
    const child: string | undefined = at.node.initial;
    at = all.find((s) => s.path === `${at!.path}.${child}`);
  }
  return at;
}

/** The leaf a new record of this workflow rests in before any event (the initial state, or its initial descendant). */
export function initialState(def: WorkflowDef): string {
  const all = statesOf(def);
  const top = all.find((s) => s.path === def.initial);
  return (top && entryLeaf(top, all)?.path) ?? def.initial;
}

/** The label of a state (its `meta.label`), or its key. */
export function stateLabel(def: WorkflowDef, path: string): string {
  const state = statesOf(def).find((s) => s.path === path);
  return state?.node.meta?.label ?? path.split('.').at(-1)!;
}

/** How people read an event name: `CUSTOMER_REPLIED` → `Customer replied`. */
export function eventLabel(type: string): string {
  const words = type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.:-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const UNITS: Record<string, number> = { Y: 365 * 864e5, W: 7 * 864e5, D: 864e5, H: 36e5, S: 1000 };
/** Milliseconds of a delay: an ISO-8601 duration (`P3D`, `PT4H30M`; a year counts 365 days, a month 30) or a number of ms. */
export function durationMs(delay: string): number {
  if (/^\d+$/.test(delay)) return Number(delay);
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(delay);
  if (!m) throw new Error(`not a duration: ${delay}`);
  const [, y, mo, w, d, h, mi, s] = m.map((v) => Number(v ?? 0));
  return y! * UNITS.Y! + mo! * 30 * 864e5 + w! * UNITS.W! + d! * UNITS.D! + h! * UNITS.H! + mi! * 6e4 + s! * UNITS.S!;
}
