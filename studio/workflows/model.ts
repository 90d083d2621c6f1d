/** The workflow designer's model: the XState machine JSON of schemas/workflow.schema.json as the designer reads and edits it. */
import type { Locale } from '../../runtime/browser-safe/bundle.ts';

/** A guard or action of the runtime's catalog, by name, with its parameters. */
export interface CatalogRef {
  type: string;
  params?: Record<string, unknown>;
}
/** A guard: a catalog entry, or `and` / `or` over `guards`, or `not` over `guard`. */
export interface Guard extends CatalogRef {
  guards?: Guard[];
  guard?: Guard;
}
export interface TransitionObject {
  target?: string;
  guard?: Guard;
  actions?: CatalogRef[];
  description?: string;
}
/** One transition or several, as a state's `on`, `after` or `always` holds them. */
export type TransitionConfig = string | TransitionObject | (string | TransitionObject)[];
export interface StateConfig {
  type?: 'atomic' | 'compound' | 'final';
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionConfig>;
  always?: TransitionConfig;
  after?: Record<string, TransitionConfig>;
  entry?: CatalogRef[];
  exit?: CatalogRef[];
  meta?: { label?: string; description?: string };
}
export interface Workflow {
  id: string;
  initial: string;
  description?: string;
  states: Record<string, StateConfig>;
  /** Translations per locale (see schemas/workflow.schema.json): `state.<key>`, `event.<EVENT>`, `text.<English text>`, `description`. */
  i18n?: Partial<Record<Locale, Record<string, string>>>;
}

export type WorkflowErrorCode =
  | 'invalid-key'
  | 'key-taken'
  | 'published-key'
  | 'initial-state'
  | 'last-state'
  | 'unknown-state'
  | 'final-state'
  | 'invalid-event'
  | 'invalid-delay'
  | 'unknown-transition'
  | 'has-states';
/** A refused edit; `code` picks the interface's message. */
export class WorkflowError extends Error {
  readonly code: WorkflowErrorCode;
  constructor(code: WorkflowErrorCode, message: string) {
    super(message);
    this.name = 'WorkflowError';
    this.code = code;
  }
}

/** The draft's workflows (the designer's Bundle type passes them through untyped). */
export const workflowsOf = (bundle: object | null | undefined) =>
  ((bundle as { workflows?: unknown } | null | undefined)?.workflows ?? {}) as Record<string, Workflow>;

/** The entities whose records follow workflow `key`, in the bundle's order. */
export const entitiesUsing = (entities: Record<string, object>, key: string) =>
  Object.keys(entities).filter((e) => (entities[e] as { workflow?: unknown }).workflow === key);

/** Every state's path, depth first, parents before children: `working`, `working.waiting`. Top-level states are their keys. */
export function statePaths(wf: Workflow): string[] {
  const out: string[] = [];
  const walk = (states: Record<string, StateConfig>, parent: string) => {
    for (const [key, state] of Object.entries(states)) {
      const path = parent ? `${parent}.${key}` : key;
      out.push(path);
      if (state.states) walk(state.states, path);
    }
  };
  walk(wf.states, '');
  return out;
}

/** The path of the state a state sits in ('' for a top-level one). */
export const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');
/** A state's own key: the last part of its path. */
export const keyOf = (path: string) => path.split('.').at(-1)!;
/** The states directly inside `parent` ('' for the workflow's top level). */
export const childrenOf = (wf: Workflow, parent: string) => (parent ? findState(wf, parent)?.states : wf.states) ?? {};

/** The state at `path`, or undefined. */
export function findState(wf: Workflow, path: string): StateConfig | undefined {
  let states: Record<string, StateConfig> | undefined = wf.states;
  let state: StateConfig | undefined;
  for (const key of path.split('.')) {
    state = states && Object.hasOwn(states, key) ? states[key] : undefined;
    if (!state) return undefined;
    states = state.states;
  }
  return state;
}

/** A state's name: its label, else its key. */
export const stateLabel = (wf: Workflow, path: string) => findState(wf, path)?.meta?.label?.trim() || keyOf(path);

/** True when the state ends the life cycle. */
export const isFinal = (state: StateConfig | undefined) => state?.type === 'final';

/** The state at `path`, or a WorkflowError when the workflow has none there. */
export function stateAt(wf: Workflow, path: string): StateConfig {
  const state = findState(wf, path);
  if (!state) throw new WorkflowError('unknown-state', `no state "${path}"`);
  return state;
}

/** `wf` with the state at `path` replaced (its place in the order kept); the states around it are copied, not changed. */
export function withState(wf: Workflow, path: string, state: StateConfig): Workflow {
  const set = (states: Record<string, StateConfig>, [key, ...rest]: string[]): Record<string, StateConfig> => ({
    ...states,
    [key!]: rest.length ? { ...states[key!]!, states: set(states[key!]!.states ?? {}, rest) } : state,
  });
  return { ...wf, states: set(wf.states, path.split('.')) };
}

/** `wf` with the states directly inside `parent` replaced by `states` ('' for the top level). */
export function withChildren(wf: Workflow, parent: string, states: Record<string, StateConfig>): Workflow {
  return parent ? withState(wf, parent, { ...stateAt(wf, parent), states }) : { ...wf, states };
}

/** The JSON Pointer of the state at `path`: `/states/working/states/waiting`. */
export const statePointer = (path: string) =>
  path
    .split('.')
    .map((key) => `/states/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');

/**
 * The path of the state a transition of state `from` leads to, as XState reads its target: a sibling key (`resolved`),
 * a child of the source (`.waiting`), or an id path of this machine (`#case.working.waiting`). Null for anything else
 * (another machine's id). The state may not exist: the verifier says so, the canvas draws no arrow.
 */
export function targetState(wf: Workflow, target: string | undefined, from = ''): string | null {
  if (!target) return null;
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    return id === wf.id && rest.length ? rest.join('.') : null;
  }
  if (target.startsWith('.')) return `${from}${target}`;
  const parent = parentOf(from);
  return parent ? `${parent}.${target}` : target;
}

/** How a transition of state `from` names state `to`: by its key when they are siblings, else by the id path (`#case.working.waiting`). */
export const targetText = (wf: Workflow, from: string, to: string) => (parentOf(from) === parentOf(to) ? keyOf(to) : `#${wf.id}.${to}`);
