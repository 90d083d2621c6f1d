import type { Transaction } from '@libsql/client';
import { audit, changedFields } from '../audit/log.ts';
import type { Bundle } from '../config/bundle.ts';
import { newId } from '../db/ids.ts';
import { enterStage } from '../pipelines/history.ts';
import { startWorkflow, type Firer } from '../workflows/advance.ts';
import type { Working } from '../workflows/effects.ts';
import { indexRecord } from './store.ts';
import { addEntry } from './timeline.ts';

/** A record to create: already validated data, and who creates and owns it. */
export interface NewRecord {
  tenantId: string;
  bundle: Bundle;
  configVersion: number;
  entity: string;
  data: Record<string, unknown>;
  owner: { userId: string; team: string | null };
  createdBy: string;
  /** Who is acting (for guards of the workflow's first step); null for automation. */
  firer: Firer;
  /** One of the entity's pipelines to start in (checked by the caller); its default when not given. */
  pipeline?: string;
}

/**
 * Creates a record inside the caller's transaction: the row in its pipeline's first stage and its workflow's initial
 * state (whose entry actions run now, e.g. round-robin assignment), the search index, timeline and audit. Returns its id.
 */
export async function insertRecord(tx: Transaction, n: NewRecord, now: number): Promise<string> {
  const def = n.bundle.entities[n.entity]!;
  const record: Working = { id: newId(), entity: n.entity, data: { ...n.data }, ownerId: n.owner.userId, createdBy: n.createdBy, team: n.owner.team };
  const env = { tx, tenantId: n.tenantId, bundle: n.bundle, configVersion: n.configVersion, actorId: n.firer.userId, now, record };
  const workflow = def.workflow === undefined ? undefined : n.bundle.workflows[def.workflow];
  const started = workflow ? await startWorkflow(env, workflow, n.firer) : undefined;
  const pipeline = n.pipeline ?? def.pipeline;
  const first = pipeline ? n.bundle.pipelines[pipeline]?.stages[0] : undefined;
  const inserted = await tx.execute({
    sql: `INSERT INTO records (tenant_id, id, entity, data, owner_id, created_by, team, pipeline, stage, state, snapshot, workflow_version, config_version, version, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    args: [
      n.tenantId,
      record.id,
      n.entity,
      JSON.stringify(record.data),
      record.ownerId,
      record.createdBy,
      record.team,
      first ? pipeline! : null,
      first?.key ?? null,
      started?.step.state ?? null,
      started ? JSON.stringify(started.step.snapshot) : null,
      started ? n.configVersion : null,
      n.configVersion,
      now,
      now,
    ],
  });
  const scope = { tenantId: n.tenantId, entity: n.entity, ownerId: record.ownerId, createdBy: record.createdBy, team: record.team };
  await indexRecord(tx, inserted.lastInsertRowid!, def.form.schema, record.data, scope);
  if (first)
    await enterStage(
      tx,
      { tenantId: n.tenantId, entity: n.entity, recordId: record.id, pipeline: pipeline!, stage: first.key, probability: first.probability },
      n.createdBy,
      now,
    );
  const changes = changedFields({}, record.data);
  await addEntry(tx, n.tenantId, record.id, n.createdBy, 'created', { changes }, now);
  for (const note of started?.notes ?? []) await addEntry(tx, n.tenantId, record.id, null, note.kind, note.data, now);
  await audit(
    tx,
    {
      tenantId: n.tenantId,
      actorId: n.firer.userId ?? n.createdBy,
      action: 'record.created',
      targetType: 'record',
      targetId: record.id,
      record: { entity: n.entity, ownerId: record.ownerId, createdBy: record.createdBy, team: record.team },
      changes,
    },
    now,
  );
  return record.id;
}
