import type { Client, Transaction } from '@libsql/client';
import { formValidator } from '../forms/validators.ts';
import type { FieldError } from '../http/problem.ts';
import { entityPipelines, type Bundle } from '../browser-safe/bundle.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import type { Impact, Mappings } from '../browser-safe/impact.ts';
import { initialState, leafStates } from '../browser-safe/workflow-definition.ts';
import { retime } from '../workflows/retime.ts';

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
export function strayStage(bundle: Bundle, entity: string): { sql: string; arg: string } {
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

/** How far a review looks: `validate` counts records that would no longer validate (slow); `timers` (the review's clock) counts timers. */
export interface ImpactOptions {
  validate: boolean;
  timers?: { mappings: Mappings; now: number };
}

/**
 * What publishing `next` over `current` would do to the tenant's records (reads only). Records of an
 * entity that loses its workflow or pipeline are not orphans: they simply have none afterwards.
 */
export async function impactOf(
  db: Client | Transaction,
  tenantId: string,
  current: Bundle,
  next: Bundle,
  options: ImpactOptions = { validate: true },
): Promise<Impact> {
  const validate = options.validate;
  const impact: Impact = { invalidRecords: {}, removedEntities: {}, orphanedStates: {}, orphanedStages: {}, timers: {} };
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
  if (options.timers)
    impact.timers = await retime(
      db,
      tenantId,
      current,
      next,
      { fromStates: arrivalsOf(current, next, impact, options.timers.mappings) },
      options.timers.now,
      false,
    );
  return impact;
}

/**
 * Per entity and state of `next`, the states whose records would move into it: orphaned states their mapping sends
 * there, and '' (no state yet) into the initial state of an entity that gains a workflow.
 */
function arrivalsOf(current: Bundle, next: Bundle, impact: Impact, mappings: Mappings): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [entity, def] of Object.entries(next.entities)) {
    if (def.workflow === undefined) continue;
    const byLeaf: Record<string, string[]> = {};
    for (const old of Object.keys(impact.orphanedStates[entity] ?? {})) {
      const to = mappings.states?.[entity]?.[old];
      if (to !== undefined) (byLeaf[to] ??= []).push(old);
    }
    if (current.entities[entity]?.workflow === undefined) (byLeaf[initialState(next.workflows[def.workflow]!)] ??= []).push('');
    out[entity] = byLeaf;
  }
  return out;
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
