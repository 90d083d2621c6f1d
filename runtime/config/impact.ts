import type { Client, Transaction } from '@libsql/client';
import { formValidator } from '../forms/validators.ts';
import { reconcileHistory } from '../pipelines/history.ts';
import type { FieldError } from '../http/problem.ts';
import { entityPipelines, type Bundle } from './bundle.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { initialState, leafStates, stateLabel } from '../workflows/definition.ts';

/** Where records in states or stages that a new version drops should go, per entity: `{lead: {old: new}}`. */
export interface Mappings {
  states?: Record<string, Record<string, string>>;
  stages?: Record<string, Record<string, string>>;
}

export interface Impact {
  /** Per entity: how many records would no longer validate against the new form. */
  invalidRecords: Record<string, number>;
  /** Per entity: records of entities the new version removes. */
  removedEntities: Record<string, number>;
  /** Per entity and state/stage: records in a state or stage the new version does not have. */
  orphanedStates: Record<string, Record<string, number>>;
  orphanedStages: Record<string, Record<string, number>>;
}

const PAGE = 1000;

/** The states a record of a workflow can be in (dotted paths of its atomic and final states). */
const restingStates = (bundle: Bundle, workflow: string | undefined) =>
  workflow !== undefined && Object.hasOwn(bundle.workflows, workflow) ? leafStates(bundle.workflows[workflow]!).map((s) => s.path) : [];

async function countInvalid(db: Client | Transaction, tenantId: string, entity: string, bundle: Bundle): Promise<number> {
  const check = formValidator(validationSchema(bundle.entities[entity]!.form));
  let invalid = 0;
  for (let after = -1; ;) {
    const rows = (
      await db.execute({
        sql: 'SELECT seq, data FROM records WHERE tenant_id = ? AND entity = ? AND seq > ? ORDER BY seq LIMIT ?',
        args: [tenantId, entity, after, PAGE],
      })
    ).rows;
    for (const row of rows) if (!check(JSON.parse(String(row.data)))) invalid++;
    if (rows.length < PAGE) return invalid;
    after = Number(rows.at(-1)!.seq);
  }
}

/**
 * Records of an entity in no (pipeline, stage) pair `bundle` allows it, as SQL over `records` with its one argument:
 * their stage is gone from their pipeline, or their pipeline is no longer one of the entity's.
 */
function strayStage(bundle: Bundle, entity: string): { sql: string; arg: string } {
  const def = bundle.entities[entity]!;
  const pairs = entityPipelines(def).flatMap((p) => bundle.pipelines[p]!.stages.map((s) => `${p}\u001f${s.key}`));
  return { sql: "stage IS NOT NULL AND (coalesce(pipeline, '') || char(31) || stage) NOT IN (SELECT value FROM json_each(?))", arg: JSON.stringify(pairs) };
}

/** Per old value: how many records of `entity` match `where` (a condition with its argument). */
async function groupCounts(db: Client | Transaction, tenantId: string, entity: string, column: 'state' | 'stage', where: { sql: string; arg: string }) {
  const rows = (
    await db.execute({
      sql: `SELECT ${column} AS k, count(*) AS n FROM records WHERE tenant_id = ? AND entity = ? AND ${where.sql} GROUP BY ${column}`,
      args: [tenantId, entity, where.arg],
    })
  ).rows;
  return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
}

/** Records in a state the workflow does not have. */
const strayState = (bundle: Bundle, workflow: string) => ({
  sql: 'state IS NOT NULL AND state NOT IN (SELECT value FROM json_each(?))',
  arg: JSON.stringify(restingStates(bundle, workflow)),
});

/**
 * What publishing `next` over `current` would do to the tenant's records (reads only). Records of an
 * entity that loses its workflow or pipeline are not orphans: they simply have none afterwards.
 * `validate: false` skips the (slow) count of records that would no longer validate.
 */
export async function impactOf(db: Client | Transaction, tenantId: string, current: Bundle, next: Bundle, validate = true): Promise<Impact> {
  const impact: Impact = { invalidRecords: {}, removedEntities: {}, orphanedStates: {}, orphanedStages: {} };
  for (const entity of Object.keys(current.entities)) {
    const def = next.entities[entity];
    if (!def) {
      const n = Number(
        (await db.execute({ sql: 'SELECT count(*) AS n FROM records WHERE tenant_id = ? AND entity = ?', args: [tenantId, entity] })).rows[0]!.n,
      );
      if (n) impact.removedEntities[entity] = n;
      continue;
    }
    if (validate && JSON.stringify(def.form.schema) !== JSON.stringify(current.entities[entity]!.form.schema)) {
      const n = await countInvalid(db, tenantId, entity, next);
      if (n) impact.invalidRecords[entity] = n;
    }
    if (def.workflow) {
      const orphans = await groupCounts(db, tenantId, entity, 'state', strayState(next, def.workflow));
      if (Object.keys(orphans).length) impact.orphanedStates[entity] = orphans;
    }
    if (def.pipeline) {
      const orphans = await groupCounts(db, tenantId, entity, 'stage', strayStage(next, entity));
      if (Object.keys(orphans).length) impact.orphanedStages[entity] = orphans;
    }
  }
  return impact;
}

/** Orphaned states and stages that `mappings` leaves unmapped or maps to something the new version lacks. */
export function mappingErrors(impact: Impact, mappings: Mappings, next: Bundle): FieldError[] {
  const errors: FieldError[] = [];
  const check = (kind: 'states' | 'stages', orphaned: Record<string, Record<string, number>>, valid: (entity: string) => string[]) => {
    for (const [entity, counts] of Object.entries(orphaned)) {
      for (const old of Object.keys(counts)) {
        const target = mappings[kind]?.[entity]?.[old];
        const path = `/mappings/${kind}/${entity}/${old}`;
        if (target === undefined) errors.push({ path, message: `${counts[old]} records are in "${old}", which the new version removes: choose where they go` });
        else if (!valid(entity).includes(target)) errors.push({ path, message: `"${target}" is not in the new version` });
      }
    }
  };
  const def = (e: string) => next.entities[e];
  check('states', impact.orphanedStates, (e) => restingStates(next, def(e)?.workflow));
  // A mapped record moves to that stage in its own pipeline when it has it, else in the entity's first pipeline that does.
  check('stages', impact.orphanedStages, (e) => (def(e) ? entityPipelines(def(e)!).flatMap((p) => next.pipelines[p]?.stages.map((s) => s.key) ?? []) : []));
  return errors;
}

/** How a remap names states and stages: labels of the version they leave, and of the one they enter. */
function remapLabels(current: Bundle, next: Bundle, entity: string) {
  const stage = (b: Bundle) => (key: string) => {
    const def = b.entities[entity];
    return (def ? entityPipelines(def) : []).map((p) => b.pipelines[p]?.stages.find((s) => s.key === key)?.label).find((l) => l !== undefined) ?? key;
  };
  const state = (b: Bundle) => (key: string) => {
    const wf = b.workflows[b.entities[entity]?.workflow ?? ''];
    return wf ? stateLabel(wf, key) : key;
  };
  return { state: { before: state(current), after: state(next) }, stage: { before: stage(current), after: stage(next) } };
}

/**
 * Brings every record in line with the new version, inside the publishing transaction: orphans go to their
 * mapped state or stage; records get their entity's (possibly new) pipeline, the initial state or first stage
 * when they had none, and lose state or stage when their entity no longer has a workflow or pipeline.
 * Records whose stage changed leave their old stage and enter the new one in the stage history, by `actorId`;
 * each record moved out of a removed state or stage gets a `remapped` timeline entry saying from where to where.
 */
export async function migrateRecords(
  tx: Transaction,
  tenantId: string,
  current: Bundle,
  next: Bundle,
  impact: Impact,
  mappings: Mappings,
  actorId: string | null,
  now: number,
): Promise<void> {
  for (const [entity, def] of Object.entries(next.entities)) {
    const labels = remapLabels(current, next, entity);
    /** Tells each record moved out of a removed state or stage why, in its timeline (written before the move). */
    const note = (part: 'state' | 'stage', from: string, to: string, also = '', alsoArgs: string[] = []) =>
      tx.execute({
        sql: `INSERT INTO timeline (tenant_id, record_id, at, actor_id, kind, data)
              SELECT tenant_id, id, ?, ?, 'remapped', json_object('part', ?, 'from', json_object('key', ?, 'label', ?), 'to', json_object('key', ?, 'label', ?))
              FROM records WHERE tenant_id = ? AND entity = ? AND ${part} = ? ${also} ORDER BY seq`,
        args: [now, actorId, part, from, labels[part].before(from), to, labels[part].after(to), tenantId, entity, from, ...alsoArgs],
      });
    const run = async (set: string, setArgs: (string | number | null)[], where: string, whereArgs: (string | number)[] = []) =>
      (
        await tx.execute({
          sql: `UPDATE records SET ${set}, version = version + 1, updated_at = ? WHERE tenant_id = ? AND entity = ? AND (${where})`,
          args: [...setArgs, now, tenantId, entity, ...whereArgs],
        })
      ).rowsAffected;
    let staged = 0;
    // Every orphan has a valid mapping here: mappingErrors refused the publish otherwise.
    for (const old of Object.keys(impact.orphanedStates[entity] ?? {})) {
      // Timers of the removed state can never fire there; the snapshot is rebuilt from the mapped state.
      await tx.execute({
        sql: 'DELETE FROM workflow_timers WHERE tenant_id = ? AND record_id IN (SELECT id FROM records WHERE tenant_id = ? AND entity = ? AND state = ?)',
        args: [tenantId, tenantId, entity, old],
      });
      await note('state', old, mappings.states![entity]![old]!);
      await run('state = ?, snapshot = NULL', [mappings.states![entity]![old]!], 'state = ?', [old]);
    }
    const stray = def.pipeline ? strayStage(next, entity) : undefined;
    for (const old of Object.keys(impact.orphanedStages[entity] ?? {})) {
      const target = mappings.stages![entity]![old]!;
      const having = entityPipelines(def).filter((p) => next.pipelines[p]!.stages.some((st) => st.key === target));
      await note('stage', old, target, `AND ${stray!.sql}`, [stray!.arg]);
      staged += await run(
        'stage = ?, pipeline = CASE WHEN pipeline IN (SELECT value FROM json_each(?)) THEN pipeline ELSE ? END',
        [target, JSON.stringify(having), having[0]!],
        `stage = ? AND ${stray!.sql}`,
        [old, stray!.arg],
      );
    }
    if (def.workflow) await run('state = ?', [initialState(next.workflows[def.workflow]!)], 'state IS NULL');
    else await run('state = NULL, snapshot = NULL', [], 'state IS NOT NULL');
    if (def.pipeline) {
      // Records that had no pipeline start in the default one's first stage.
      const first = next.pipelines[def.pipeline]!.stages[0]!.key;
      staged += await run('pipeline = ?, stage = ?', [def.pipeline, first], 'pipeline IS NULL OR stage IS NULL');
    } else staged += await run('pipeline = NULL, stage = NULL', [], 'pipeline IS NOT NULL OR stage IS NOT NULL');
    if (staged) await reconcileHistory(tx, tenantId, entity, next.pipelines, actorId, now);
  }
}
