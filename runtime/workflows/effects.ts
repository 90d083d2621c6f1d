import type { Transaction } from '@libsql/client';
import type { Bundle } from '../config/bundle.ts';
import { newId } from '../db/ids.ts';
import type { TimelineKind } from '../records/timeline.ts';
import { holders, member, nextHolder } from './assign.ts';
import { convertLead } from './convert-lead.ts';
import { durationMs } from './definition.ts';
import type { Effect } from './machine.ts';

/** The record a step works on; effects change it in memory and the caller writes it once. */
export interface Working {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string;
  createdBy: string;
  team: string | null;
}

/** Everything effects need: the open transaction, the tenant's version, who acts (null for timers), the clock. */
export interface StepEnv {
  tx: Transaction;
  tenantId: string;
  bundle: Bundle;
  configVersion: number;
  actorId: string | null;
  now: number;
  record: Working;
}

/** A timeline entry to add after the step's own entry. */
export interface Note {
  kind: TimelineKind;
  data: Record<string, unknown>;
}

/** Runs a step's effects in order inside the step's transaction; returns the timeline entries they produced. */
export async function runEffects(env: StepEnv, effects: Effect[]): Promise<Note[]> {
  const notes: Note[] = [];
  const { tx, tenantId, record, now } = env;
  for (const effect of effects) {
    if (effect.kind === 'schedule') {
      await tx.execute({
        sql: 'INSERT INTO workflow_timers (tenant_id, record_id, timer, due_at, created_at) VALUES (?, ?, ?, ?, ?)',
        args: [tenantId, record.id, effect.event, now + effect.delayMs, now],
      });
      continue;
    }
    if (effect.kind === 'cancel') {
      await tx.execute({ sql: 'DELETE FROM workflow_timers WHERE tenant_id = ? AND record_id = ? AND timer = ?', args: [tenantId, record.id, effect.id] });
      continue;
    }
    const params = effect.action.params ?? {};
    const run = ACTION_RUNNERS[effect.action.type];
    if (!run) throw new Error(`no runner for action ${effect.action.type}`);
    notes.push(...(await run(env, params)));
  }
  return notes;
}

type Runner = (env: StepEnv, params: Record<string, unknown>) => Promise<Note[]>;

const ACTION_RUNNERS: Record<string, Runner> = {
  assign: async (env, p) => {
    const { tx, tenantId, record } = env;
    const to = p.to === 'creator' ? await member(tx, tenantId, record.createdBy) : await nextHolder(tx, tenantId, String(p.role));
    // Nobody active to give it to: the record stays with its owner.
    if (!to || to.userId === record.ownerId) return [];
    const before = record.ownerId;
    record.ownerId = to.userId;
    record.team = to.team;
    return [{ kind: 'assigned', data: { ownerId: { before, after: to.userId } } }];
  },
  setField: async ({ record }, p) => {
    const field = String(p.field);
    if (p.value === null) delete record.data[field];
    else record.data[field] = p.value;
    return [];
  },
  createFollowUp: async ({ tx, tenantId, record, now }, p) => {
    const task = { id: newId(), title: String(p.title), dueAt: new Date(now + durationMs(String(p.due))).toISOString() };
    await tx.execute({
      sql: 'INSERT INTO tasks (id, tenant_id, record_id, title, assignee_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [task.id, tenantId, record.id, task.title, record.ownerId, Date.parse(task.dueAt), now],
    });
    return [{ kind: 'task', data: { task: { ...task, assignee: record.ownerId } } }];
  },
  notify: async ({ tx, tenantId, record, now, actorId }, p) => {
    const to = p.role !== undefined ? await holders(tx, tenantId, String(p.role)) : [p.to === 'creator' ? record.createdBy : record.ownerId];
    // The person who acted knows already.
    for (const userId of new Set(to.filter((u) => u !== actorId))) {
      await tx.execute({
        sql: 'INSERT INTO notifications (id, tenant_id, user_id, record_id, message, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        args: [newId(), tenantId, userId, record.id, String(p.message), now],
      });
    }
    return [];
  },
  convertLead: (env) => convertLead(env),
};
