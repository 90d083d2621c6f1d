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
  | 'unknown-transition';
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

/** A state's name: its label, else its key. */
export const stateLabel = (wf: Workflow, key: string) => wf.states[key]?.meta?.label?.trim() || key;

/** True when the state ends the life cycle. */
export const isFinal = (state: StateConfig | undefined) => state?.type === 'final';

/** The state `key`, or a WorkflowError when the workflow has none of that name. */
export function stateAt(wf: Workflow, key: string): StateConfig {
  const state = Object.hasOwn(wf.states, key) ? wf.states[key] : undefined;
  if (!state) throw new WorkflowError('unknown-state', `no state "${key}"`);
  return state;
}

/** `wf` with state `key` replaced (its place in the order kept). */
export const withState = (wf: Workflow, key: string, state: StateConfig): Workflow => ({ ...wf, states: { ...wf.states, [key]: state } });

/**
 * The top-level state a transition target names: a sibling key (`resolved`), or an id path of this machine
 * (`#case.resolved`); null for anything else (a child path), which the designer does not draw.
 */
export function targetState(wf: Workflow, target: string | undefined): string | null {
  if (!target) return null;
  if (target.startsWith('#')) {
    const [id, key, ...rest] = target.slice(1).split('.');
    return id === wf.id && key && rest.length === 0 ? key : null;
  }
  return target.startsWith('.') || target.includes('.') ? null : target;
}
