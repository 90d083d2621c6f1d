import type { Client, Transaction } from '@libsql/client';
import { formValidator } from '../forms/validators.ts';
import type { FieldError } from '../http/problem.ts';
import type { Bundle } from './bundle.ts';

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

async function countInvalid(db: Client | Transaction, tenantId: string, entity: string, bundle: Bundle): Promise<number> {
  const check = formValidator(bundle.entities[entity]!.form.schema);
  let invalid = 0;
  for (let after = -1; ; ) {
    const rows = (await db.execute({ sql: 'SELECT seq, data FROM records WHERE tenant_id = ? AND entity = ? AND seq > ? ORDER BY seq LIMIT ?', args: [tenantId, entity, after, PAGE] })).rows;
    for (const row of rows) if (!check(JSON.parse(String(row.data)))) invalid++;
    if (rows.length < PAGE) return invalid;
    after = Number(rows.at(-1)!.seq);
  }
}

async function groupCounts(db: Client | Transaction, tenantId: string, entity: string, column: 'state' | 'stage', keep: string[]) {
  const rows = (
    await db.execute({
      sql: `SELECT ${column} AS k, count(*) AS n FROM records WHERE tenant_id = ? AND entity = ? AND ${column} IS NOT NULL
            AND ${column} NOT IN (SELECT value FROM json_each(?)) GROUP BY ${column}`,
      args: [tenantId, entity, JSON.stringify(keep)],
    })
  ).rows;
  return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
}

/** What publishing `next` over `current` would do to the tenant's records (reads only). */
export async function impactOf(db: Client | Transaction, tenantId: string, current: Bundle, next: Bundle): Promise<Impact> {
  const impact: Impact = { invalidRecords: {}, removedEntities: {}, orphanedStates: {}, orphanedStages: {} };
  for (const entity of Object.keys(current.entities)) {
    const def = next.entities[entity];
    if (!def) {
      const n = Number((await db.execute({ sql: 'SELECT count(*) AS n FROM records WHERE tenant_id = ? AND entity = ?', args: [tenantId, entity] })).rows[0]!.n);
      if (n) impact.removedEntities[entity] = n;
      continue;
    }
    if (JSON.stringify(def.form.schema) !== JSON.stringify(current.entities[entity]!.form.schema)) {
      const n = await countInvalid(db, tenantId, entity, next);
      if (n) impact.invalidRecords[entity] = n;
    }
    const states = def.workflow ? Object.keys(next.workflows[def.workflow]?.states ?? {}) : [];
    const orphanStates = await groupCounts(db, tenantId, entity, 'state', states);
    if (Object.keys(orphanStates).length) impact.orphanedStates[entity] = orphanStates;
    const stages = def.pipeline ? (next.pipelines[def.pipeline]?.stages ?? []).map((s) => s.key) : [];
    const orphanStages = await groupCounts(db, tenantId, entity, 'stage', stages);
    if (Object.keys(orphanStages).length) impact.orphanedStages[entity] = orphanStages;
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
  check('states', impact.orphanedStates, (e) => Object.keys(next.workflows[def(e)?.workflow ?? '']?.states ?? {}));
  check('stages', impact.orphanedStages, (e) => (next.pipelines[def(e)?.pipeline ?? '']?.stages ?? []).map((s) => s.key));
  return errors;
}

/** Moves orphaned records to their mapped state or stage (inside the publishing transaction). */
export async function applyMappings(tx: Transaction, tenantId: string, impact: Impact, mappings: Mappings): Promise<void> {
  for (const [kind, column, orphaned] of [['states', 'state', impact.orphanedStates], ['stages', 'stage', impact.orphanedStages]] as const) {
    for (const [entity, counts] of Object.entries(orphaned)) {
      for (const old of Object.keys(counts)) {
        await tx.execute({
          sql: `UPDATE records SET ${column} = ?, version = version + 1 WHERE tenant_id = ? AND entity = ? AND ${column} = ?`,
          args: [mappings[kind]![entity]![old]!, tenantId, entity, old],
        });
      }
    }
  }
}
