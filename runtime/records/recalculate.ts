import type { Bundle, EntityDef } from '../browser-safe/bundle.ts';
import { isCalculated, rollupsOf } from '../browser-safe/calculated.ts';
import { changedFields } from '../audit/log.ts';
import { recomputed } from './rollups.ts';
import { automationRow } from './store.ts';
import { commitChange, type WriteContext } from './write.ts';

/** What a record type's calculated values depend on in a bundle: its calculated fields, and the stages its records go through. */
function calculations(bundle: Bundle, def: EntityDef | undefined): string {
  if (!def) return '';
  const fields = Object.entries(def.form.schema.properties).filter(([, f]) => isCalculated(f));
  if (!fields.length) return '';
  const pipelines = [def.pipeline, ...(def.pipelines ?? [])].flatMap((p) => (p && Object.hasOwn(bundle.pipelines, p) ? [bundle.pipelines[p]!.stages] : []));
  return JSON.stringify([fields, pipelines]);
}

/**
 * In a publish's transaction (`ctx` under the new version): every record of a type whose calculations the new version
 * changes gets its formulas and roll-ups computed again, each that changes through the one write path. Returns how many changed.
 */
export async function recalculateChanged(ctx: WriteContext, before: Bundle): Promise<number> {
  let changed = 0;
  for (const [entity, def] of Object.entries(ctx.bundle.entities)) {
    const now = calculations(ctx.bundle, def);
    if (!now || now === calculations(before, before.entities[entity])) continue;
    const ids = (await ctx.tx.execute({ sql: 'SELECT id FROM records WHERE tenant_id = ? AND entity = ?', args: [ctx.tenantId, entity] })).rows;
    for (const { id } of ids) {
      const row = (await automationRow(ctx.tx, ctx.tenantId, String(id)))!;
      const data = await recomputed(ctx.tx, ctx.bundle, ctx.tenantId, row, rollupsOf(def), new Date(ctx.now));
      const changes = changedFields(row.data, data);
      if (!Object.keys(changes).length) continue;
      await commitChange(ctx, row, { data, timeline: [], audit: { action: 'record.recalculated', changes } });
      changed++;
    }
  }
  return changed;
}
