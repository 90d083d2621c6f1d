import { initialTransition, setup, transition, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import type { WorkflowDef } from '../browser-safe/bundle.ts';
import { ACTIONS, type GuardInput } from './catalog.ts';
import { activeIn, activeStates, durationMs, statesOf, type ActionRef, type GuardRef, type StateDef } from '../browser-safe/workflow-definition.ts';
import { evaluateGuard } from './guards.ts';

/** What the interpreter asks the runtime to do after a step; nothing here has happened yet. */
export type Effect = { kind: 'action'; action: ActionRef } | { kind: 'schedule'; id: string; event: string; delayMs: number } | { kind: 'cancel'; id: string };

/** Where a record stands after a step and what must happen for it. */
export interface Step {
  /** Dotted path of the active leaf state. */
  state: string;
  final: boolean;
  effects: Effect[];
  /** XState's persisted snapshot without the context (the context is rebuilt from the record at every step). */
  snapshot: Record<string, unknown>;
}

const machines = new Map<string, AnyStateMachine>();

/** Every guard becomes one `check` guard carrying the original, so `and`/`or`/`not` and named guards share one evaluator. */
function wrapGuards(states: Record<string, StateDef>): Record<string, StateDef> {
  const wrap = (t: unknown): unknown => {
    if (Array.isArray(t)) return t.map(wrap);
    if (t && typeof t === 'object' && 'guard' in t) return { ...t, guard: { type: 'check', params: (t as { guard: GuardRef }).guard } };
    return t;
  };
  const wrapMap = (m?: Record<string, unknown>) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, wrap(v)])) : undefined);
  return Object.fromEntries(
    Object.entries(states).map(([key, s]) => [
      key,
      {
        ...s,
        on: wrapMap(s.on),
        after: wrapMap(s.after),
        always: s.always === undefined ? undefined : wrap(s.always),
        states: s.states ? wrapGuards(s.states) : undefined,
      },
    ]),
  ) as Record<string, StateDef>;
}

/** The XState machine of a verified definition, built once per definition text. */
export function machineFor(def: WorkflowDef): AnyStateMachine {
  const key = JSON.stringify(def);
  let machine = machines.get(key);
  if (machine) return machine;
  const delays = Object.fromEntries(statesOf(def).flatMap((s) => Object.keys(s.node.after ?? {}).map((d) => [d, durationMs(d)])));
  const actions = Object.fromEntries(Object.keys(ACTIONS).map((name) => [name, () => undefined]));
  // Translations are for people, not for XState.
  const { i18n: _translations, ...config } = def;
  machine = setup({
    types: { context: {} as GuardInput, input: {} as GuardInput },
    guards: { check: ({ context }, params: GuardRef) => evaluateGuard(params, context).passed },
    actions,
    delays,
  }).createMachine({
    ...config,
    states: wrapGuards(def.states as Record<string, StateDef>),
    context: ({ input }: { input: GuardInput }) => input,
  } as never) as unknown as AnyStateMachine;
  if (machines.size > 500) machines.clear();
  machines.set(key, machine);
  return machine;
}

/** `{working: 'waiting'}` → `working.waiting`. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0]!;
  return child === undefined ? key : `${key}.${statePath(child as StateValue)}`;
}

/** `working.waiting` → `{working: 'waiting'}`. */
function toValue(path: string): StateValue {
  const parts = path.split('.');
  let value: StateValue = parts.at(-1)!;
  for (const key of parts.slice(0, -1).reverse()) value = { [key]: value };
  return value;
}

function stepOf(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, actions: { type: string; params?: unknown }[]): Step {
  const effects: Effect[] = actions.flatMap((a): Effect[] => {
    const params = (a.params ?? {}) as Record<string, unknown>;
    if (a.type === 'xstate.raise' && typeof params.delay === 'number')
      return [{ kind: 'schedule', id: String(params.id), event: (params.event as { type: string }).type, delayMs: params.delay }];
    if (a.type === 'xstate.cancel') return [{ kind: 'cancel', id: String(params.sendId) }];
    if (Object.hasOwn(ACTIONS, a.type)) return [{ kind: 'action', action: { type: a.type, params } }];
    return [];
  });
  const { context: _context, ...persisted } = machine.getPersistedSnapshot(snapshot) as Record<string, unknown>;
  return { state: statePath(snapshot.value), final: snapshot.status === 'done', effects, snapshot: persisted };
}

/** Where a new record starts: the initial state, with its entry actions and timers. */
export function start(def: WorkflowDef, input: GuardInput): Step {
  const machine = machineFor(def);
  const [snapshot, actions] = initialTransition(machine, input);
  return stepOf(machine, snapshot, actions);
}

/** The machine's snapshot for a record resting in `state`, with the record as its context. */
export function resume(def: WorkflowDef, state: string, input: GuardInput): AnyMachineSnapshot {
  return machineFor(def).resolveState({ value: toValue(state), context: input });
}

/** Fires `event` at a record in `state`: the step taken, or undefined when the state does not take the event now. */
export function fire(def: WorkflowDef, state: string, input: GuardInput, event: string): Step | undefined {
  const machine = machineFor(def);
  const before = resume(def, state, input);
  // Checked first: XState would otherwise also take eventless transitions on the way, for an event that was refused.
  if (!before.can({ type: event })) return undefined;
  const [after, actions] = transition(machine, before, { type: event });
  return stepOf(machine, after, actions);
}

// No configured event can have this name (event names start with a letter): it only lets XState look at `always`.
const SETTLE = '$settle';

/** After a record's data changed: the eventless (`always`) transitions its state now takes, or undefined when none. */
export function settle(def: WorkflowDef, state: string, input: GuardInput): Step | undefined {
  const machine = machineFor(def);
  const [after, actions] = transition(machine, resume(def, state, input), { type: SETTLE });
  if (statePath(after.value) === state && actions.length === 0) return undefined;
  return stepOf(machine, after, actions);
}

/** Events a person may fire now, with the state each leads to (guards evaluated with this input). */
export function allowedEvents(def: WorkflowDef, state: string, input: GuardInput): { type: string; target: string }[] {
  const events = new Set(activeIn(statesOf(def), state).flatMap((s) => Object.keys(s.node.on ?? {})));
  return [...events].flatMap((type) => {
    const step = fire(def, state, input, type);
    return step ? [{ type, target: step.state }] : [];
  });
}

/** XState's name for the delayed event of `delay` in the state at `path` (the name a timer row carries). */
export const delayedEvent = (def: WorkflowDef, path: string, delay: string) => `xstate.after.${delay}.${def.id}.${path}`;

/** The timers a record resting in `leaf` waits on: the delays of the leaf and of its ancestors, each with its state. */
export function pendingTimers(def: WorkflowDef, leaf: string): { event: string; delayMs: number; state: string }[] {
  const active = new Set(activeStates(leaf));
  return statesOf(def)
    .filter((s) => active.has(s.path))
    .flatMap((s) => Object.keys(s.node.after ?? {}).map((delay) => ({ event: delayedEvent(def, s.path, delay), delayMs: durationMs(delay), state: s.path })));
}

/**
 * The states a step from `from` entered: those it is in now and was not, and those whose timers it restarted (a
 * state re-entered). Their timers count from now; the others' from when they were entered.
 */
export function enteredStates(def: WorkflowDef, from: string | null, step: Pick<Step, 'state' | 'effects'>): string[] {
  const before = new Set(from === null ? [] : activeStates(from));
  const restarted = new Set(step.effects.flatMap((e) => (e.kind === 'schedule' ? [e.event] : [])));
  return activeStates(step.state).filter((path) => !before.has(path) || pendingTimers(def, path).some((t) => t.state === path && restarted.has(t.event)));
}
