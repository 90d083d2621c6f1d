import { newId } from '../db/ids.ts';
import type { Entry, TimerChange, WriteContext } from '../records/write.ts';
import { holders, member, nextHolder } from './assign.ts';
import { conversion } from './convert-lead.ts';
import { sendTemplate } from '../email/workflow-send.ts';
import { durationMs } from '../browser-safe/workflow-definition.ts';
import type { Effect } from './machine.ts';

/** The record a step works on; actions change it in memory and the write path commits it once. */
export interface Working {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string;
  createdBy: string;
  team: string | null;
}

/** Everything actions need: where the step is written, and the record it works on. */
export type StepEnv = WriteContext & { record: Working };

/** A record an action asks to create (a lead's conversion), with the id others already point at. */
export interface Creation {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  owner: { userId: string; team: string | null };
  createdBy: string;
  timeline: Entry[];
}

/** What a step's effects leave for the write path: the timers to set or clear, timeline entries, records to create. */
export interface Outcome {
  timers: TimerChange[];
  notes: Entry[];
  creations: Creation[];
}

/**
 * Runs a step's actions in order on the working record, inside the step's transaction. They change the record in
 * memory (assignment, fields), write what is theirs alone (tasks, notifications, the round-robin turn) and describe the
 * rest: timers and records to create, which the write path commits with the record.
 */
export async function runEffects(env: StepEnv, effects: Effect[]): Promise<Outcome> {
  const outcome: Outcome = { timers: [], notes: [], creations: [] };
  for (const effect of effects) {
    if (effect.kind === 'schedule') outcome.timers.push({ kind: 'schedule', event: effect.event, delayMs: effect.delayMs });
    else if (effect.kind === 'cancel') outcome.timers.push({ kind: 'cancel', event: effect.id });
    else {
      const run = ACTION_RUNNERS[effect.action.type];
      if (!run) throw new Error(`no runner for action ${effect.action.type}`);
      await run(env, effect.action.params ?? {}, outcome);
    }
  }
  return outcome;
}

type Runner = (env: StepEnv, params: Record<string, unknown>, outcome: Outcome) => Promise<void>;

const ACTION_RUNNERS: Record<string, Runner> = {
  assign: async ({ tx, tenantId, record }, p, { notes }) => {
    const to = p.to === 'creator' ? await member(tx, tenantId, record.createdBy) : await nextHolder(tx, tenantId, String(p.role));
    // Nobody active to give it to: the record stays with its owner.
    if (!to || to.userId === record.ownerId) return;
    notes.push({ kind: 'assigned', data: { ownerId: { before: record.ownerId, after: to.userId } }, actorId: null });
    record.ownerId = to.userId;
    record.team = to.team;
  },
  setField: async ({ record }, p) => {
    const field = String(p.field);
    if (p.value === null) delete record.data[field];
    else record.data[field] = p.value;
  },
  createFollowUp: async ({ tx, tenantId, record, now }, p, { notes }) => {
    const task = { id: newId(), title: String(p.title), dueAt: new Date(now + durationMs(String(p.due))).toISOString() };
    await tx.execute({
      sql: 'INSERT INTO tasks (id, tenant_id, record_id, title, assignee_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [task.id, tenantId, record.id, task.title, record.ownerId, Date.parse(task.dueAt), now],
    });
    notes.push({ kind: 'task', data: { task: { ...task, assignee: record.ownerId } }, actorId: null });
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
  },
  sendEmail: async (env, p, { notes }) => {
    notes.push(await sendTemplate(env, String(p.template), p.field === undefined ? undefined : String(p.field)));
  },
  convertLead: async (env, _p, outcome) => {
    const { creations, note } = await conversion(env);
    outcome.creations.push(...creations);
    outcome.notes.push(note);
  },
};
