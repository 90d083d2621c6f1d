import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import type { GuardInput } from './catalog.ts';
import { activeIn, statesOf, transitionsOf } from '../browser-safe/workflow-definition.ts';
import { evaluateGuard, type GuardOutcome } from './guards.ts';
import { fire, start, type Effect } from './machine.ts';

/** A simulation request: a sample record's data, the role of the person trying, and optionally an event to fire. */
export interface Simulation {
  entity: string;
  role: string;
  data: Record<string, unknown>;
  state?: string;
  event?: string;
  /** Whether the person owns the sample record (for `isOwner`); true unless said otherwise. */
  owner?: boolean;
}

const SAMPLE_OWNER = 'sample-owner';

/** The sample record as guards see it, acted on by someone of the role; and whether that role may change such records at all. */
export function sampleInput(bundle: Pick<Bundle, 'roles'>, sim: Omit<Simulation, 'state' | 'event'>) {
  const person = sim.owner === false ? 'sample-person' : SAMPLE_OWNER;
  const input: GuardInput = { data: sim.data, ownerId: SAMPLE_OWNER, createdBy: SAMPLE_OWNER, actor: { userId: person, roles: [sim.role] } };
  const mayUpdate = sim.role === 'owner' || (bundle.roles[sim.role]?.entities[sim.entity]?.update ?? 'none') !== 'none';
  return { input, mayUpdate };
}

/**
 * Runs a verified workflow without touching any record: where a sample record starts or goes on an event, the events
 * of that state with each guard's outcome for the role and data, and the effects that would run. Pure.
 */
export function simulate(def: WorkflowDef, bundle: Pick<Bundle, 'roles'>, sim: Simulation) {
  const { input, mayUpdate } = sampleInput(bundle, sim);
  let state: string;
  let effects: Effect[] = [];
  let fired: boolean | undefined;
  if (sim.state === undefined) {
    const step = start(def, input);
    state = step.state;
    effects = step.effects;
  } else {
    state = sim.state;
    if (sim.event !== undefined) {
      const step = fire(def, state, input, sim.event);
      fired = step !== undefined;
      if (step) ({ state, effects } = step);
    }
  }
  const node = statesOf(def).find((s) => s.path === state);
  const events = eventsOf(def, state, input, mayUpdate);
  return { state, final: node?.node.type === 'final', fired, mayUpdate, events, effects: effects.map(describe) };
}

function eventsOf(def: WorkflowDef, state: string, input: GuardInput, mayUpdate: boolean) {
  const holders = activeIn(statesOf(def), state);
  const byType = new Map<string, { target: string | null; guards: GuardOutcome[] }>();
  for (const t of holders.flatMap(transitionsOf).filter((t) => t.kind === 'on')) {
    const entry = byType.get(t.trigger) ?? { target: t.transition.target ?? null, guards: [] };
    if (t.transition.guard) entry.guards.push(...evaluateGuard(t.transition.guard, input, `${t.pointer}/guard`).trace);
    byType.set(t.trigger, entry);
  }
  return [...byType].map(([type, { target, guards }]) => {
    const step = mayUpdate ? fire(def, state, input, type) : undefined;
    return { type, allowed: step !== undefined, target: step?.state ?? target, guards };
  });
}

const describe = (e: Effect) =>
  e.kind === 'action'
    ? { type: e.action.type, params: e.action.params ?? {} }
    : e.kind === 'schedule'
      ? { type: 'timer', params: { event: e.event, delayMs: e.delayMs } }
      : { type: 'cancelTimer', params: { id: e.id } };
