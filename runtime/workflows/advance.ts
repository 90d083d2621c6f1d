import { audit, changedFields } from '../audit/log.ts';
import type { WorkflowDef } from '../config/bundle.ts';
import { formValidator, validateData } from '../forms/validators.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { Problem } from '../http/problem.ts';
import { stale } from '../records/request.ts';
import { indexRecord } from '../records/store.ts';
import { addEntry } from '../records/timeline.ts';
import type { GuardInput } from './catalog.ts';
import { stateLabel } from './definition.ts';
import { runEffects, type Note, type StepEnv } from './effects.ts';
import { fire, settle, start, type Step } from './machine.ts';

/** Who fires an event: a person with their role, or nobody (a timer). */
export type Firer = GuardInput['actor'];

const inputOf = (env: StepEnv, actor: Firer): GuardInput => ({ data: env.record.data, ownerId: env.record.ownerId, createdBy: env.record.createdBy, actor });

/** After actions changed data, the record must still fit its form (a `setField` value the form no longer takes). */
function checkData(env: StepEnv) {
  const def = env.bundle.entities[env.record.entity]!;
  const errors = validateData(formValidator(validationSchema(def.form)), env.record.data);
  if (errors.length) throw new Problem(422, 'The workflow would leave this record with fields that are not valid.', errors);
}

/**
 * Enters a new record into its workflow, before the record's row is written: runs the initial state's entry actions
 * (e.g. round-robin assignment) and schedules its timers. Returns the state, snapshot and the timeline entries.
 */
export async function startWorkflow(env: StepEnv, def: WorkflowDef, actor: Firer): Promise<{ step: Step; notes: Note[] }> {
  const step = start(def, inputOf(env, actor));
  const before = JSON.stringify(env.record.data);
  const notes = await runEffects(env, step.effects);
  if (JSON.stringify(env.record.data) !== before) checkData(env);
  return { step, notes };
}

/** The record row as a step finds it. */
export interface Current {
  seq: number;
  state: string;
  version: number;
}

/**
 * Fires `event` at a record inside the caller's write transaction: the transition, its actions, the row update
 * (guarded by `current.version`), search index, timeline and audit — all or nothing. Undefined when the event is
 * not possible in the record's state for this firer and data (nothing was written).
 */
export async function advance(
  env: StepEnv,
  def: WorkflowDef,
  current: Current,
  actor: Firer,
  event: string,
  changes: Record<string, unknown> = {},
): Promise<Step | undefined> {
  const step = fire(def, current.state, inputOf(env, actor), event);
  if (step) await applyStep(env, def, current, step, event, changes);
  return step;
}

/**
 * After a write changed a record's data, inside its transaction: takes the eventless (`always`) transitions its state
 * now allows, e.g. a case whose priority became urgent escalates. Undefined when there are none.
 */
export async function settleRecord(env: StepEnv, def: WorkflowDef, current: Current, actor: Firer): Promise<Step | undefined> {
  const step = settle(def, current.state, inputOf(env, actor));
  if (step) await applyStep(env, def, current, step, null, {});
  return step;
}

/** Runs a step's effects and writes its outcome: row, search index, timeline (`event` null: taken automatically) and audit. */
async function applyStep(env: StepEnv, def: WorkflowDef, current: Current, step: Step, event: string | null, changes: Record<string, unknown>) {
  const { tx, record, tenantId, now } = env;
  const before = { data: { ...record.data }, ownerId: record.ownerId, team: record.team };
  const notes = await runEffects(env, step.effects);
  // Judged only when the step's actions changed data: an older record that no longer fits its form can still move on.
  if (JSON.stringify(record.data) !== JSON.stringify(before.data)) checkData(env);
  const updated = await tx.execute({
    sql: `UPDATE records SET state = ?, snapshot = ?, workflow_version = ?, config_version = ?, data = ?, owner_id = ?, team = ?, version = version + 1, updated_at = ?
          WHERE seq = ? AND version = ?`,
    args: [
      step.state,
      JSON.stringify(step.snapshot),
      env.configVersion,
      env.configVersion,
      JSON.stringify(record.data),
      record.ownerId,
      record.team,
      now,
      current.seq,
      current.version,
    ],
  });
  if (updated.rowsAffected === 0) throw stale();
  const dataChanges = { ...changes, ...changedFields(before.data, record.data) };
  if (Object.keys(dataChanges).length || before.ownerId !== record.ownerId || before.team !== record.team) {
    const form = env.bundle.entities[record.entity]!.form.schema;
    await indexRecord(tx, current.seq, form, record.data, {
      tenantId,
      entity: record.entity,
      ownerId: record.ownerId,
      createdBy: record.createdBy,
      team: record.team,
    });
  }
  const from = { key: current.state, label: stateLabel(def, current.state) };
  const to = { key: step.state, label: stateLabel(def, step.state) };
  await addEntry(tx, tenantId, record.id, env.actorId, 'transition', { event, from, to, changes: dataChanges }, now);
  for (const note of notes) await addEntry(tx, tenantId, record.id, null, note.kind, note.data, now);
  const auditChanges = {
    ...dataChanges,
    state: { before: current.state, after: step.state },
    ...(before.ownerId === record.ownerId ? {} : { ownerId: { before: before.ownerId, after: record.ownerId } }),
  };
  await audit(
    tx,
    {
      tenantId,
      actorId: env.actorId,
      action: 'record.transition',
      targetType: 'record',
      targetId: record.id,
      record: { entity: record.entity, ownerId: record.ownerId, createdBy: record.createdBy, team: record.team },
      changes: { event: { after: event }, ...auditChanges },
    },
    now,
  );
}
