import { changedFields } from '../audit/log.ts';
import type { ServiceClock, ServiceLevelAction, ServiceLevels } from '../browser-safe/bundle.ts';
import { newId } from '../db/ids.ts';
import { formValidator, validateData } from '../forms/validators.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import type { RecordRow } from '../records/store.ts';
import { commitChange, type Entry, type WriteContext } from '../records/write.ts';
import { settleRecord } from '../workflows/advance.ts';
import { holders, nextHolder } from '../workflows/assign.ts';

/** The two marks of a target: 80 % (warning) and 100 % (breach). */
export type Mark = 'warning' | 'breach';
/** The kind of notification each mark sends (its message is the clock, put in words when read). */
export const NOTIFICATION_KINDS: Record<Mark, string> = { warning: 'slaWarning', breach: 'slaBreach' };

/**
 * Runs a mark's actions on a record, inside the worker's transaction: notifications to the people named, and one
 * change of the record through the write path (assignment, fields, a raised priority) whose new data may take an
 * automatic workflow transition, as a person's edit would.
 */
export async function runMark(ctx: WriteContext, record: RecordRow, sl: ServiceLevels, clock: ServiceClock, mark: Mark, actions: ServiceLevelAction[]) {
  const { tx, tenantId } = ctx;
  const recipients = new Set<string>();
  const data = { ...record.data };
  let owner = { userId: record.ownerId, team: record.team };
  for (const action of actions) {
    const p = action.params ?? {};
    if (action.type === 'notify') {
      if (p.to === 'owner') recipients.add(owner.userId);
      else if (p.to === 'teamManagers') for (const id of await teamManagers(ctx, owner.team)) recipients.add(id);
      else for (const id of await holders(tx, tenantId, String(p.role))) recipients.add(id);
    } else if (action.type === 'assign') owner = (await nextHolder(tx, tenantId, String(p.role))) ?? owner;
    else if (action.type === 'setField') {
      if (p.value === null) delete data[String(p.field)];
      else data[String(p.field)] = p.value;
    } else if (action.type === 'raisePriority') raise(ctx, record.entity, sl.priorityField, data);
  }
  for (const userId of recipients) {
    await tx.execute({
      sql: 'INSERT INTO notifications (id, tenant_id, user_id, record_id, message, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [newId(), tenantId, userId, record.id, clock, ctx.now, NOTIFICATION_KINDS[mark]],
    });
  }
  const def = ctx.bundle.entities[record.entity]!;
  // A value the form no longer takes is left as it was, rather than failing the mark.
  const dataOk = validateData(formValidator(validationSchema(def.form)), data).length === 0;
  const changes = dataOk ? changedFields(record.data, data) : {};
  const reassigned = owner.userId !== record.ownerId;
  if (!reassigned && Object.keys(changes).length === 0) return;
  // The timeline says why: which clock reached which mark.
  const because = { sla: { clock, mark } };
  const timeline: Entry[] = [];
  if (reassigned) timeline.push({ kind: 'assigned', data: { ownerId: { before: record.ownerId, after: owner.userId }, ...because } });
  if (Object.keys(changes).length) timeline.push({ kind: 'changed', data: { changes, ...because } });
  const ownerChange = reassigned ? { ownerId: { before: record.ownerId, after: owner.userId } } : {};
  const version = await commitChange(ctx, record, {
    data: dataOk ? data : record.data,
    owner,
    timeline,
    audit: { action: 'record.updated', changes: { ...changes, ...ownerChange } },
  });
  const workflow = def.workflow === undefined ? undefined : ctx.bundle.workflows[def.workflow];
  if (workflow && record.state && Object.keys(changes).length) {
    const after = { ...record, data, ownerId: owner.userId, team: owner.team, version };
    await settleRecord(ctx, workflow, after, { userId: null, roles: [] });
  }
}

/** The priority one step up its field's list of choices; unchanged at the top, or when unset. */
function raise(ctx: WriteContext, entity: string, field: string, data: Record<string, unknown>) {
  const values = ctx.bundle.entities[entity]?.form.schema.properties[field]?.enum ?? [];
  const at = values.findIndex((v) => v === data[field]);
  if (at >= 0 && at < values.length - 1) data[field] = values[at + 1];
}

/** Active managers of a team (none without a team). */
async function teamManagers(ctx: WriteContext, team: string | null): Promise<string[]> {
  if (team === null) return [];
  const rows = (
    await ctx.tx.execute({
      sql: `SELECT tm.user_id FROM team_managers tm JOIN memberships m ON m.tenant_id = tm.tenant_id AND m.user_id = tm.user_id AND m.active = 1
            WHERE tm.tenant_id = ? AND tm.team = ?`,
      args: [ctx.tenantId, team],
    })
  ).rows;
  return rows.map((r) => String(r.user_id));
}
