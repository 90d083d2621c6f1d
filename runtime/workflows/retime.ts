import type { Client, InValue, Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import type { Mappings, TimerImpact } from '../browser-safe/impact.ts';
import { initialState, leafStates } from '../browser-safe/workflow-definition.ts';
import { pendingTimers } from './machine.ts';

type Sql = { sql: string; args: InValue[] };

/**
 * Derives every waiting record's timers again from the version `next`, as publish, import and rollback apply it:
 * timers the new version no longer has are cancelled; timers it adds (a new or changed delay, a state a record was
 * mapped into) are scheduled from when the record entered their state, so a 3-day wait that has run 2 days has 1 day
 * left and one already overdue fires on the scheduler's next pass. Unchanged timers keep their time.
 * With `apply` false it only counts (the dry run): records still in states that `mappings` move count as moved.
 * Returns the counts per entity, for entities with any.
 */
export async function retime(
  db: Client | Transaction,
  tenantId: string,
  current: Bundle,
  next: Bundle,
  mappings: Mappings,
  now: number,
  apply: boolean,
): Promise<Record<string, TimerImpact>> {
  const out: Record<string, TimerImpact> = {};
  for (const [entity, def] of Object.entries(next.entities)) {
    const counts: TimerImpact = { rescheduled: 0, due: 0, cancelled: 0 };
    const before = current.entities[entity]?.workflow;
    const wf = def.workflow === undefined ? undefined : next.workflows[def.workflow];
    const run = async (q: Sql) => (await db.execute(q)).rows[0];
    if (!wf) {
      if (before === undefined) continue;
      const timers = {
        sql: 'SELECT t.id FROM workflow_timers t JOIN records r ON r.tenant_id = t.tenant_id AND r.id = t.record_id WHERE r.tenant_id = ? AND r.entity = ?',
        args: [tenantId, entity],
      };
      counts.cancelled = apply
        ? (await db.execute({ sql: `DELETE FROM workflow_timers WHERE id IN (${timers.sql})`, args: timers.args })).rowsAffected
        : Number((await run(countOf(timers)))!.n);
    } else {
      const arrivals = arrivalsOf(initialState(wf), before === undefined, mappings.states?.[entity]);
      if (JSON.stringify(wf) === JSON.stringify(before === undefined ? undefined : current.workflows[before]) && !Object.keys(arrivals).length) continue;
      for (const leaf of leafStates(wf).map((s) => s.path)) {
        const waiting = pendingTimers(wf, leaf);
        const resting: Sql = {
          sql: "r.tenant_id = ? AND r.entity = ? AND (r.state = ? OR coalesce(r.state, '') IN (SELECT value FROM json_each(?)))",
          args: [tenantId, entity, leaf, JSON.stringify(arrivals[leaf] ?? [])],
        };
        const stale: Sql = {
          sql: `SELECT t.id FROM workflow_timers t JOIN records r ON r.tenant_id = t.tenant_id AND r.id = t.record_id
                WHERE ${resting.sql} AND t.timer NOT IN (SELECT value FROM json_each(?))`,
          args: [...resting.args, JSON.stringify(waiting.map((t) => t.event))],
        };
        counts.cancelled += apply
          ? (await db.execute({ sql: `DELETE FROM workflow_timers WHERE id IN (${stale.sql})`, args: stale.args })).rowsAffected
          : Number((await run(countOf(stale)))!.n);
        for (const timer of waiting) {
          // A record that arrives now entered the state now; one resting there entered it when its entry time says
          // (a record from before entry times were kept: its oldest known one).
          const missing: Sql = {
            sql: `SELECT r.tenant_id, r.id, CASE WHEN r.state = ? THEN coalesce(json_extract(r.entered, ?), (SELECT min(value) FROM json_each(r.entered)), r.updated_at) ELSE ? END AS entered
                  FROM records r WHERE ${resting.sql}
                  AND NOT EXISTS (SELECT 1 FROM workflow_timers t WHERE t.tenant_id = r.tenant_id AND t.record_id = r.id AND t.timer = ?)`,
            args: [leaf, `$."${timer.state}"`, now, ...resting.args, timer.event],
          };
          const made = apply
            ? (
                await db.execute({
                  sql: `INSERT INTO workflow_timers (tenant_id, record_id, timer, due_at, created_at) SELECT tenant_id, id, ?, entered + ?, ? FROM (${missing.sql})
                        RETURNING due_at`,
                  args: [timer.event, timer.delayMs, now, ...missing.args],
                })
              ).rows.map((r) => Number(r.due_at))
            : undefined;
          const row = made
            ? undefined
            : await run({
                sql: `SELECT count(*) AS n, coalesce(sum(entered + ? <= ?), 0) AS due FROM (${missing.sql})`,
                args: [timer.delayMs, now, ...missing.args],
              });
          const n = made ? made.length : Number(row!.n);
          const due = made ? made.filter((at) => at <= now).length : Number(row!.due);
          counts.rescheduled += n - due;
          counts.due += due;
        }
      }
    }
    if (counts.rescheduled || counts.due || counts.cancelled) out[entity] = counts;
  }
  return out;
}

const countOf = (q: Sql): Sql => ({ sql: `SELECT count(*) AS n FROM (${q.sql})`, args: q.args });

/**
 * Per state of the new workflow, the states whose records move into it with this version ('' for records that had
 * no workflow): those the mappings send there, and all of an entity that gains a workflow into its initial state.
 */
function arrivalsOf(initial: string, gained: boolean, mapped: Record<string, string> = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [from, to] of Object.entries(mapped)) (out[to] ??= []).push(from);
  if (gained) (out[initial] ??= []).push('');
  return out;
}
