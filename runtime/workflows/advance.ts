import { changedFields } from '../audit/log.ts';
import type { WorkflowDef } from '../browser-safe/bundle.ts';
import { newId } from '../db/ids.ts';
import { formValidator, validateData } from '../forms/validators.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { Problem } from '../http/problem.ts';
import type { RecordRow } from '../records/store.ts';
import { commitChange, insertRecord, type WriteContext } from '../records/write.ts';
import type { GuardInput } from './catalog.ts';
import { activeStates, initialState, stateLabel, statesOf } from '../browser-safe/workflow-definition.ts';
import { runEffects, type Creation, type Outcome, type Working } from './effects.ts';
import { enteredStates, fire, settle, start, type Effect, type Step } from './machine.ts';

/** Who fires an event: a person with their role, or nobody (a timer). */
export type Firer = GuardInput['actor'];

const inputOf = (record: Working, actor: Firer): GuardInput => ({ data: record.data, ownerId: record.ownerId, createdBy: record.createdBy, actor });

/** After actions changed data, the record must still fit its form (a `setField` value the form no longer takes). */
function checkData(ctx: WriteContext, record: Working) {
  const def = ctx.bundle.entities[record.entity]!;
  const errors = validateData(formValidator(validationSchema(def.form)), record.data);
  if (errors.length) throw new Problem(422, 'The workflow would leave this record with fields that are not valid.', errors);
}

/** Runs a step's actions on the working record; judged again only when they changed its data. */
async function act(ctx: WriteContext, record: Working, effects: Effect[]): Promise<Outcome> {
  const before = JSON.stringify(record.data);
  const outcome = await runEffects({ ...ctx, record }, effects);
  if (JSON.stringify(record.data) !== before) checkData(ctx, record);
  return outcome;
}

/** A record to create: data already checked, who creates and owns it, who acts (for guards of its workflow's first step). */
export interface RecordToStart {
  id?: string;
  entity: string;
  data: Record<string, unknown>;
  owner: { userId: string; team: string | null };
  createdBy: string;
  firer: Firer;
  /** One of the entity's pipelines to start in (checked by the caller); its default when not given. */
  pipeline?: string;
  timeline?: Creation['timeline'];
}

/**
 * Creates a record in its pipeline's first stage and its workflow's initial state, whose entry actions run now (e.g.
 * round-robin assignment, timers), and the records those actions ask for. Returns its id.
 */
export async function startRecord(ctx: WriteContext, n: RecordToStart): Promise<string> {
  const def = ctx.bundle.entities[n.entity]!;
  const record: Working = { id: n.id ?? newId(), entity: n.entity, data: { ...n.data }, ownerId: n.owner.userId, createdBy: n.createdBy, team: n.owner.team };
  const workflow = def.workflow === undefined ? undefined : ctx.bundle.workflows[def.workflow];
  const step = workflow ? start(workflow, inputOf(record, n.firer)) : undefined;
  const outcome = step ? await act(ctx, record, step.effects) : { timers: [], notes: [], creations: [] };
  const pipeline = n.pipeline ?? def.pipeline;
  const first = pipeline ? ctx.bundle.pipelines[pipeline]?.stages[0] : undefined;
  await insertRecord(ctx, {
    id: record.id,
    entity: n.entity,
    data: record.data,
    owner: { userId: record.ownerId, team: record.team },
    createdBy: n.createdBy,
    state: step && { key: step.state, snapshot: step.snapshot, entered: Object.fromEntries(activeStates(step.state).map((s) => [s, ctx.now])) },
    stage: first && { pipeline: pipeline!, key: first.key, probability: first.probability },
    timers: outcome.timers,
    timeline: [...(n.timeline ?? []), ...outcome.notes],
  });
  await startCreations(ctx, outcome.creations);
  return record.id;
}

async function startCreations(ctx: WriteContext, creations: Creation[]) {
  for (const c of creations) await startRecord(ctx, { ...c, firer: { userId: ctx.actorId, roles: [] } });
}

/**
 * Fires `event` at a record read at `record.version`, inside the caller's write transaction: the transition, its
 * actions and the records they create, committed through the write path. `data` is the record's data as the event
 * changes it (default: unchanged). Undefined when the event is not possible in the record's state for this firer
 * and data (nothing was written).
 */
export async function advance(
  ctx: WriteContext,
  def: WorkflowDef,
  record: RecordRow,
  actor: Firer,
  event: string,
  data = record.data,
): Promise<Step | undefined> {
  const working = workingCopy(record, data);
  const step = fire(def, record.state ?? initialState(def), inputOf(working, actor), event);
  if (step) await applyStep(ctx, def, record, working, step, event);
  return step;
}

/**
 * After a write changed a record's data, inside its transaction: takes the eventless (`always`) transitions its state
 * now allows, e.g. a case whose priority became urgent escalates. Undefined when there are none.
 */
export async function settleRecord(ctx: WriteContext, def: WorkflowDef, record: RecordRow, actor: Firer): Promise<Step | undefined> {
  const working = workingCopy(record, record.data);
  const step = settle(def, record.state ?? initialState(def), inputOf(working, actor));
  if (step) await applyStep(ctx, def, record, working, step, null);
  return step;
}

/**
 * A record that a new version mapped into its state out of `from` (a state the version removed): the entry actions of
 * the states it enters — not of ancestors it never left — run now, outermost first, through the write path (the
 * record's timers are derived with everyone's).
 */
export async function enterMapped(ctx: WriteContext, def: WorkflowDef, record: RecordRow, from: string): Promise<void> {
  const left = new Set(activeStates(from));
  const entered = activeStates(record.state ?? initialState(def)).filter((s) => !left.has(s));
  const effects = statesOf(def)
    .filter((s) => entered.includes(s.path))
    .flatMap((s) => (s.node.entry ?? []).map((action): Effect => ({ kind: 'action', action })));
  if (!effects.length) return;
  const working = workingCopy(record, record.data);
  const outcome = await act(ctx, working, effects);
  const changes = changedFields(record.data, working.data);
  const ownerChange = working.ownerId === record.ownerId ? {} : { ownerId: { before: record.ownerId, after: working.ownerId } };
  await commitChange(ctx, record, {
    data: working.data,
    owner: { userId: working.ownerId, team: working.team },
    timeline: outcome.notes,
    audit: { action: 'record.entered', changes: { state: { after: record.state }, ...changes, ...ownerChange } },
  });
  await startCreations(ctx, outcome.creations);
}

const workingCopy = (r: RecordRow, data: Record<string, unknown>): Working => ({
  id: r.id,
  entity: r.entity,
  data: { ...data },
  ownerId: r.ownerId,
  createdBy: r.createdBy,
  team: r.team,
});

/** When the record entered each state it is in after `step`: now for the states the step entered, as before for the others. */
function enteredAt(def: WorkflowDef, record: RecordRow, step: Step, now: number): Record<string, number> {
  const fresh = new Set(enteredStates(def, record.state, step));
  // Records from before entry times were kept know only their state's.
  const earliest = Math.min(now, ...Object.values(record.entered));
  return Object.fromEntries(activeStates(step.state).map((s) => [s, fresh.has(s) ? now : (record.entered[s] ?? earliest)]));
}

/** Runs a step's actions and commits its outcome (`event` null: taken automatically), then the records it creates. */
async function applyStep(ctx: WriteContext, def: WorkflowDef, record: RecordRow, working: Working, step: Step, event: string | null) {
  const outcome = await act(ctx, working, step.effects);
  const changes = changedFields(record.data, working.data);
  const from = { key: record.state ?? initialState(def), label: stateLabel(def, record.state ?? initialState(def)) };
  const to = { key: step.state, label: stateLabel(def, step.state) };
  const ownerChange = working.ownerId === record.ownerId ? {} : { ownerId: { before: record.ownerId, after: working.ownerId } };
  await commitChange(ctx, record, {
    data: working.data,
    owner: { userId: working.ownerId, team: working.team },
    state: { key: step.state, snapshot: step.snapshot, entered: enteredAt(def, record, step, ctx.now) },
    timers: outcome.timers,
    timeline: [{ kind: 'transition', data: { event, from, to, changes } }, ...outcome.notes],
    audit: { action: 'record.transition', changes: { event: { after: event }, ...changes, state: { before: from.key, after: to.key }, ...ownerChange } },
  });
  await startCreations(ctx, outcome.creations);
}
