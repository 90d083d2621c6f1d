import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialTransition, type StateValue } from 'xstate';
import type { WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { defaultBundle } from '../../runtime/config/store.ts';
import { statesOf, transitionsOf } from '../../runtime/browser-safe/workflow-definition.ts';
import { machineFor, statePath } from '../../runtime/workflows/machine.ts';
import { fireDueTimers } from '../../runtime/workflows/timers.ts';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

/**
 * Paths generated with @xstate/graph through the shipped workflows, replayed through the HTTP API on real records:
 * together they take every transition of both workflows, and the API must land where the machine says at each step.
 */
const bundle = defaultBundle();
let h: Harness;
let owner: Browser;
beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
});
afterAll(() => h.close());

/** The events a workflow knows: every `on` name and every delay's internal event. */
function eventsOf(def: WorkflowDef) {
  return statesOf(def)
    .flatMap((s) => [...Object.keys(s.node.on ?? {}), ...Object.keys(s.node.after ?? {}).map((d) => `xstate.after.${d}.${def.id}.${s.path}`)])
    .map((type) => ({ type }));
}

/** Every transition as `from --trigger--> to` (targets resolved as siblings, which is all the shipped ones use). */
function allTransitions(def: WorkflowDef) {
  return statesOf(def).flatMap((s) => transitionsOf(s).map((t) => `${s.path} --${t.kind === 'on' ? t.trigger : t.kind}--> ${t.transition.target}`));
}

type Step = { event: string; state: string };
/**
 * One plan per edge of the machine's state graph (per sample record data): @xstate/graph's shortest path to the edge's
 * source state, then the edge's event. Each step carries the state the graph says the record is in afterwards.
 */
function plans(def: WorkflowDef, samples: Record<string, unknown>[]) {
  const out: { data: Record<string, unknown>; start: string; steps: Step[] }[] = [];
  for (const data of samples) {
    const options = {
      input: { data, ownerId: 'o', createdBy: 'o', actor: { userId: 'o', roleKey: 'owner' } },
      events: eventsOf(def),
      serializeState: (s: { value: unknown }) => JSON.stringify(s.value),
    };
    const machine = machineFor(def);
    const reach = new Map(
      getShortestPaths(machine, options).map((p) => [
        JSON.stringify(p.state.value),
        p.steps.slice(1).map((s) => ({ event: s.event.type, state: statePath(s.state.value) })),
      ]),
    );
    for (const [from, node] of Object.entries(getAdjacencyMap(machine, options))) {
      for (const { event, state } of Object.values(node.transitions) as { event: { type: string }; state: { value: StateValue } }[]) {
        if (JSON.stringify(state.value) === from) continue;
        out.push({
          data,
          start: statePath(initialTransition(machine, options.input)[0].value),
          steps: [...reach.get(from)!, { event: event.type, state: statePath(state.value) }],
        });
      }
    }
  }
  return out;
}

const SAMPLES: Record<string, Record<string, unknown>[]> = {
  case: [
    { subject: 'Low', priority: 'low' },
    { subject: 'High', priority: 'high' },
  ],
  lead: [{ lastName: 'Lee', company: 'Lee & Co', email: 'lee@example.com' }],
};

describe.each(['case', 'lead'])('the shipped %s workflow', (entity) => {
  const def = bundle.workflows[entity]!;
  it('every transition is taken by some generated path, and the API follows each path step by step', async () => {
    const taken = new Set<string>();
    for (const plan of plans(def, SAMPLES[entity]!)) {
      const created = await owner.post(`/api/records/${entity}`, { data: plan.data });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.state).toBe(plan.start);
      let state = plan.start;
      let ahead = 0;
      for (const step of plan.steps) {
        if (step.event.startsWith('xstate.after.')) {
          ahead += 4 * 864e5;
          // Earlier plans may leave records waiting too; their timers fire in the same pass.
          expect(await fireDueTimers({ db: h.db, now: () => h.clock.now + ahead })).toBeGreaterThanOrEqual(1);
        } else {
          const res = await owner.post(`/api/records/${entity}/${created.body.id}/events`, { type: step.event });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
        }
        expect((await owner.get(`/api/records/${entity}/${created.body.id}`)).body.state).toBe(step.state);
        taken.add(`${state} --${step.event.startsWith('xstate.after.') ? 'after' : step.event}--> ${step.state}`);
        state = step.state;
      }
    }
    const always = statesOf(def).flatMap((s) =>
      transitionsOf(s)
        .filter((t) => t.kind === 'always')
        .map((t) => `${s.path} --always--> ${t.transition.target}`),
    );
    // An `always` transition is taken on creation (a high-priority case starts escalated): counted when a record started in its target.
    for (const a of always) if (plans(def, SAMPLES[entity]!).some((p) => p.start === a.split('--> ')[1])) taken.add(a);
    expect([...allTransitions(def)].filter((t) => !taken.has(t))).toEqual([]);
  }, 60_000);
});
