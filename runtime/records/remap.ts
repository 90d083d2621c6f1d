import type { Transaction } from '@libsql/client';
import { entityPipelines, type Bundle } from '../browser-safe/bundle.ts';
import type { Impact, Mappings } from '../browser-safe/impact.ts';
import { strayStage } from '../config/impact.ts';
import { reconcileHistory } from '../pipelines/history.ts';
import { activeStates, initialState, stateLabel } from '../browser-safe/workflow-definition.ts';

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
 * Returns, per entity and state, the records mapped into it (whose entry actions are still to run).
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
): Promise<Record<string, Record<string, string[]>>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [entity, def] of Object.entries(next.entities)) {
    const moved: Record<string, string[]> = {};
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
      const target = mappings.states![entity]![old]!;
      await note('state', old, target);
      const ids = await tx.execute({ sql: 'SELECT id FROM records WHERE tenant_id = ? AND entity = ? AND state = ?', args: [tenantId, entity, old] });
      (moved[target] ??= []).push(...ids.rows.map((r) => String(r.id)));
      // The snapshot is rebuilt from the mapped state, which the record enters now (its timers count from now).
      await run('state = ?, snapshot = NULL, entered = ?', [target, enteredNow(target, now)], 'state = ?', [old]);
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
    if (def.workflow) {
      const initial = initialState(next.workflows[def.workflow]!);
      await run('state = ?, entered = ?', [initial, enteredNow(initial, now)], 'state IS NULL');
    } else await run('state = NULL, snapshot = NULL, entered = NULL', [], 'state IS NOT NULL');
    if (def.pipeline) {
      // Records that had no pipeline start in the default one's first stage.
      const first = next.pipelines[def.pipeline]!.stages[0]!.key;
      staged += await run('pipeline = ?, stage = ?', [def.pipeline, first], 'pipeline IS NULL OR stage IS NULL');
    } else staged += await run('pipeline = NULL, stage = NULL', [], 'pipeline IS NOT NULL OR stage IS NOT NULL');
    if (staged) await reconcileHistory(tx, tenantId, entity, next.pipelines, actorId, now);
    if (Object.keys(moved).length) out[entity] = moved;
  }
  return out;
}

/** A record entering `leaf` now enters it and each of its ancestors. */
const enteredNow = (leaf: string, now: number) => JSON.stringify(Object.fromEntries(activeStates(leaf).map((s) => [s, now])));
