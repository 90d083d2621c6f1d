import type { Bundle } from '../browser-safe/bundle.ts';
import { isCalculated, rollupsOf } from '../browser-safe/calculated.ts';
import { recomputeCalculations, type WriteContext } from './write.ts';

/**
 * What a record type's calculated values depend on in a bundle: its calculated fields, and the stages and workflow of
 * its own records and of those its roll-ups count (their facts: stage, outcome, probability, state). '' when it has none.
 */
function calculations(bundle: Bundle, key: string): string {
  const def = Object.hasOwn(bundle.entities, key) ? bundle.entities[key]! : undefined;
  const fields = def ? Object.entries(def.form.schema.properties).filter(([, f]) => isCalculated(f)) : [];
  if (!def || !fields.length) return '';
  const types = [key, ...rollupsOf(def).map(([, r]) => r.entity)];
  const lifecycle = types.map((t) => {
    const d = bundle.entities[t];
    const pipelines = [d?.pipeline, ...(d?.pipelines ?? [])].flatMap((p) => (p && Object.hasOwn(bundle.pipelines, p) ? [bundle.pipelines[p]!.stages] : []));
    return [pipelines, d?.workflow && bundle.workflows[d.workflow]];
  });
  return JSON.stringify([fields, lifecycle]);
}

/**
 * In a publish's transaction (`ctx` under the new version): every record of a type whose calculations the new version
 * changes — or whose roll-ups count records the publish moved to other states or stages (`moved`: their types) — gets
 * them computed again, each that changes through the one write path. Returns how many changed.
 */
export async function recalculateChanged(ctx: WriteContext, before: Bundle, moved: ReadonlySet<string>): Promise<number> {
  let changed = 0;
  for (const [entity, def] of Object.entries(ctx.bundle.entities)) {
    const now = calculations(ctx.bundle, entity);
    const counts = [entity, ...rollupsOf(def).map(([, r]) => r.entity)];
    if (!now || (now === calculations(before, entity) && !counts.some((t) => moved.has(t)))) continue;
    const ids = (await ctx.tx.execute({ sql: 'SELECT id FROM records WHERE tenant_id = ? AND entity = ?', args: [ctx.tenantId, entity] })).rows;
    for (const { id } of ids) if (await recomputeCalculations(ctx, String(id))) changed++;
  }
  return changed;
}
