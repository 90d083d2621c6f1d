import type { Client, InValue, Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import type { TimerImpact } from '../browser-safe/impact.ts';
import { leafStates } from '../browser-safe/workflow-definition.ts';
import { pendingTimers } from './machine.ts';

type Sql = { sql: string; args: InValue[] };

/**
 * The records that enter a state with a new version, per entity and state. Before it applies (the dry run) they are
 * still where they come from: `fromStates` names those states ('' for records that had no workflow). Once it applied
 * (publish) they are in their new state already: `ids` names them.
 */
export type Arrivals = { fromStates: Record<string, Record<string, string[]>> } | { ids: Record<string, Record<string, string[]>> };

/**
 * Derives the waiting records' timers again from the version `next`, as publish, import and rollback apply it:
 * timers the new version no longer has are cancelled; a delay it adds or changes is scheduled for the records resting
 * in its state from when they entered it, so a 3-day wait that has run 2 days has 1 day left and one already overdue
 * fires on the scheduler's next pass. Records arriving in a state get all of its timers. A delay both versions have is
 * left alone: a record without its timer has had it fire already. With `apply` false it only counts (the dry run).
 * Returns the counts per entity, for entities with any.
 */
export async function retime(
  db: Client | Transaction,
  tenantId: string,
  current: Bundle,
  next: Bundle,
  arrivals: Arrivals,
  now: number,
  apply: boolean,
): Promise<Record<string, TimerImpact>> {
  const out: Record<string, TimerImpact> = {};
  const count = async (q: Sql) => Number((await db.execute({ sql: `SELECT count(*) AS n FROM (${q.sql})`, args: q.args })).rows[0]!.n);
  const cancel = async (timers: Sql) =>
    apply ? (await db.execute({ sql: `DELETE FROM workflow_timers WHERE id IN (${timers.sql})`, args: timers.args })).rowsAffected : count(timers);
  for (const [entity, def] of Object.entries(next.entities)) {
    const counts: TimerImpact = { rescheduled: 0, due: 0, cancelled: 0 };
    const before = current.entities[entity]?.workflow;
    const old = before === undefined ? undefined : current.workflows[before];
    const wf = def.workflow === undefined ? undefined : next.workflows[def.workflow];
    const arriving = arrivingIn(arrivals, entity);
    if (!wf) {
      if (old) counts.cancelled = await cancel({ sql: `SELECT t.id ${TIMERS_OF} WHERE r.tenant_id = ? AND r.entity = ?`, args: [tenantId, entity] });
    } else if (JSON.stringify(wf) !== JSON.stringify(old) || arriving.any) {
      for (const leaf of leafStates(wf).map((s) => s.path)) {
        const waiting = pendingTimers(wf, leaf);
        const had = new Set(old && leafStates(old).some((s) => s.path === leaf) ? pendingTimers(old, leaf).map((t) => t.event) : []);
        const entering = arriving.sql(leaf);
        const resting: Sql = { sql: `r.state = ? AND NOT ${entering.sql}`, args: [leaf, ...entering.args] };
        for (const group of [resting, entering]) {
          counts.cancelled += await cancel({
            sql: `SELECT t.id ${TIMERS_OF} WHERE r.tenant_id = ? AND r.entity = ? AND ${group.sql} AND t.timer NOT IN (SELECT value FROM json_each(?))`,
            args: [tenantId, entity, ...group.args, JSON.stringify(waiting.map((t) => t.event))],
          });
        }
        for (const timer of waiting) {
          // Records resting in the state get only what this version adds; those entering it get everything.
          const groups = had.has(timer.event) ? [entering] : [resting, entering];
          for (const group of groups) {
            // Entered when the record's entry times say (before entry times were kept: its oldest known one); in the dry
            // run a record still on its way enters now.
            const enteredAt = apply || group === resting ? ENTERED : '?';
            const missing: Sql = {
              sql: `SELECT r.tenant_id, r.id, ${enteredAt} AS entered FROM records r
                    WHERE r.tenant_id = ? AND r.entity = ? AND ${group.sql}
                    AND NOT EXISTS (SELECT 1 FROM workflow_timers t WHERE t.tenant_id = r.tenant_id AND t.record_id = r.id AND t.timer = ?)`,
              args: [...(enteredAt === '?' ? [now] : [`$."${timer.state}"`]), tenantId, entity, ...group.args, timer.event],
            };
            const due = apply
              ? (
                  await db.execute({
                    sql: `INSERT INTO workflow_timers (tenant_id, record_id, timer, due_at, created_at) SELECT tenant_id, id, ?, entered + ?, ? FROM (${missing.sql}) RETURNING due_at`,
                    args: [timer.event, timer.delayMs, now, ...missing.args],
                  })
                ).rows.map((r) => Number(r.due_at))
              : (await db.execute({ sql: `SELECT entered + ? AS due_at FROM (${missing.sql})`, args: [timer.delayMs, ...missing.args] })).rows.map((r) =>
                  Number(r.due_at),
                );
            const overdue = due.filter((at) => at <= now).length;
            counts.due += overdue;
            counts.rescheduled += due.length - overdue;
          }
        }
      }
    }
    if (counts.rescheduled || counts.due || counts.cancelled) out[entity] = counts;
  }
  return out;
}

const TIMERS_OF = 'FROM workflow_timers t JOIN records r ON r.tenant_id = t.tenant_id AND r.id = t.record_id';
const ENTERED = `coalesce(json_extract(r.entered, ?), (SELECT min(value) FROM json_each(r.entered)), r.updated_at)`;

/** The condition on `records r` that picks the records of `entity` entering `leaf`, and whether any enter at all. */
function arrivingIn(arrivals: Arrivals, entity: string): { any: boolean; sql: (leaf: string) => Sql } {
  if ('ids' in arrivals) {
    const byLeaf = arrivals.ids[entity] ?? {};
    return {
      any: Object.values(byLeaf).some((ids) => ids.length > 0),
      sql: (leaf) => ({ sql: 'r.id IN (SELECT value FROM json_each(?))', args: [JSON.stringify(byLeaf[leaf] ?? [])] }),
    };
  }
  const byLeaf = arrivals.fromStates[entity] ?? {};
  return {
    any: Object.values(byLeaf).some((from) => from.length > 0),
    sql: (leaf) => {
      const from = byLeaf[leaf] ?? [];
      return {
        sql: '(r.state IN (SELECT value FROM json_each(?)) OR (? AND r.state IS NULL))',
        args: [JSON.stringify(from.filter((s) => s !== '')), from.includes('') ? 1 : 0],
      };
    },
  };
}
