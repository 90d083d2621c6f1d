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
 * Returns the records it moved between states (their entry actions and timers are still to come).
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
): Promise<StateMove[]> {
  const out: StateMove[] = [];
  for (const [entity, def] of Object.entries(next.entities)) {
    /** Moves the records of `entity` in state `from` (null: none yet) to `to`, and says which they were. */
    const move = async (from: string | null, to: string, set = '') => {
      const where = from === null ? 'state IS NULL' : 'state = ?';
      const ids = await tx.execute({
        sql: `SELECT id FROM records WHERE tenant_id = ? AND entity = ? AND ${where}`,
        args: [tenantId, entity, ...(from === null ? [] : [from])],
      });
      const entered = enteredSql(from, to, now);
      await run(`state = ?, entered = ${entered.sql}${set}`, [to, ...entered.args], where, from === null ? [] : [from]);
      out.push({ entity, from, to, ids: ids.rows.map((r) => String(r.id)) });
    };
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
      // The snapshot is rebuilt from the mapped state.
      await move(old, target, ', snapshot = NULL');
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
    if (def.workflow) await move(null, initialState(next.workflows[def.workflow]!));
    else await run('state = NULL, snapshot = NULL, entered = NULL', [], 'state IS NOT NULL');
    if (def.pipeline) {
      // Records that had no pipeline start in the default one's first stage.
      const first = next.pipelines[def.pipeline]!.stages[0]!.key;
      staged += await run('pipeline = ?, stage = ?', [def.pipeline, first], 'pipeline IS NULL OR stage IS NULL');
    } else staged += await run('pipeline = NULL, stage = NULL', [], 'pipeline IS NOT NULL OR stage IS NOT NULL');
    if (staged) await reconcileHistory(tx, tenantId, entity, next.pipelines, actorId, now);
  }
  return out.filter((m) => m.ids.length > 0);
}

/** Records of an entity moved by a new version from one state (null: they had no workflow) to another. */
export interface StateMove {
  entity: string;
  from: string | null;
  to: string;
  ids: string[];
}

/**
 * The entry times of a record moving from `from` to `to` now: the states it enters count from now; the ancestors both
 * share (it never left them) keep theirs.
 */
function enteredSql(from: string | null, to: string, now: number): { sql: string; args: (string | number)[] } {
  const kept = new Set(from === null ? [] : activeStates(from));
  const parts = activeStates(to).map((s) =>
    kept.has(s) ? { sql: '?, coalesce(json_extract(entered, ?), ?)', args: [s, `$."${s}"`, now] } : { sql: '?, ?', args: [s, now] },
  );
  return { sql: `json_object(${parts.map((p) => p.sql).join(', ')})`, args: parts.flatMap((p) => p.args) };
}
