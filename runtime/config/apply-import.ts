import { audit } from '../audit/log.ts';
import type { Db } from '../db/client.ts';
import { Problem } from '../http/problem.ts';
import { heldRoleErrors } from './import-checks.ts';
import { removedRoles, type ImportPlan } from './import-plan.ts';
import { publishChecked } from './publish.ts';

/**
 * Publishes a planned import as the tenant's next version in one write transaction, all or nothing: exactly
 * what publishing does (records moved to their mapped states and stages, the version frozen), plus the draft
 * set to the imported configuration (so a later publish of an old draft cannot undo the import) and an audit event.
 * Refuses (409) when nothing changes, the configuration moved on since the plan, or records block a removal;
 * 422 when records in removed states or stages have no mapping, or people hold a removed role. Returns the new version.
 */
export async function applyImport(db: Db, plan: ImportPlan, actorId: string | null, now: number): Promise<number> {
  const { target, result, mappings } = plan;
  if (plan.changes.length === 0) throw new Problem(409, 'The bundle is the same as the current configuration; nothing to import.');
  if (Object.keys(plan.impact.removedEntities).length)
    throw new Problem(409, 'The import removes entities that still have records.', undefined, { impact: plan.impact });
  if (plan.problems.length)
    throw new Problem(422, 'Records or people still depend on what the import removes: map the records, reassign the people.', plan.problems, {
      impact: plan.impact,
    });
  return db.write(async (tx) => {
    const extraProblems = (t: typeof tx) => heldRoleErrors(t, target.tenantId, removedRoles(plan.changes));
    const { version } = await publishChecked(tx, {
      tenantId: target.tenantId,
      fromVersion: plan.fromVersion,
      current: target.bundle,
      next: result,
      mappings,
      actorId,
      now,
      extraProblems,
    });
    await tx.execute({
      sql: 'UPDATE config_drafts SET bundle = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE tenant_id = ?',
      args: [JSON.stringify(result), now, actorId, target.tenantId],
    });
    const changes = { changes: plan.changes, mappings, strategy: plan.strategy, removedByReplace: plan.removedByReplace, source: plan.meta ?? null };
    await audit(tx, { tenantId: target.tenantId, actorId, action: 'config.imported', targetType: 'config', targetId: String(version), changes }, now);
    return version;
  });
}
