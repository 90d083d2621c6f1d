import type { Transaction } from '@libsql/client';
import { SERVICE_CLOCKS, type Bundle } from '../browser-safe/bundle.ts';
import { automationRow } from '../records/store.ts';
import type { WriteContext } from '../records/write.ts';
import { startClock } from './clock.ts';
import { follow, priorityOf, reprice, settle, targetMs, type Situation } from './follow.ts';
import { calendarOf, insertSla, readSla, saveClock, saveStatus } from './store.ts';

/**
 * Service level clocks on the one write path for records (runtime/records/write.ts and the recycle bin call these,
 * inside the write's transaction): started when a record is created, paused, resumed, stopped and re-priced as it
 * changes, stood still while it is in the recycle bin.
 */

/** A record as its clocks see it. */
export interface Tracked {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  state: string | null;
}

type Where = Pick<WriteContext, 'tx' | 'tenantId' | 'bundle' | 'configVersion' | 'now'>;

/** Starts a new record's clocks with the targets of its priority, when its kind has service levels. */
export async function startServiceLevels(ctx: Where, r: Tracked): Promise<void> {
  const sl = ctx.bundle.entities[r.entity]?.serviceLevels;
  if (!sl) return;
  const cal = await calendarOf(ctx.tx, ctx.tenantId);
  const priority = priorityOf(r.data, sl.priorityField);
  const started = SERVICE_CLOCKS.map((k) => startClock(k, targetMs(sl.targets, priority, k), ctx.now));
  const { kept, status } = settle(cal, follow(cal, sl, started, { state: r.state, inBin: false, responded: false }, ctx.now), ctx.now);
  const sla = { entity: r.entity, targets: sl.targets, priority, configVersion: ctx.configVersion, status };
  await insertSla(ctx.tx, ctx.tenantId, r.id, sla, kept);
}

/**
 * After a write changed a record: a new state (a person moving it answers it; resolved stops resolution; a pause state
 * stands the clocks still) or a new priority (open clocks take its targets, keeping the time used). Nothing for other writes.
 */
export async function followServiceLevels(ctx: Where & { actorId: string | null }, before: Tracked, after: Tracked): Promise<void> {
  const sl = ctx.bundle.entities[before.entity]?.serviceLevels;
  if (!sl) return;
  const moved = before.state !== after.state;
  const repriced = priorityOf(before.data, sl.priorityField) !== priorityOf(after.data, sl.priorityField);
  if (!moved && !repriced) return;
  await refollow(ctx, after, { state: after.state, inBin: false, responded: moved && ctx.actorId !== null }, repriced);
}

/** A record went into the recycle bin: its clocks stand still there. */
export const binServiceLevels = (ctx: Where, r: Tracked) => refollow(ctx, r, { state: r.state, inBin: true, responded: false }, false);

/** A record came back from the recycle bin: its open clocks run again (unless it waits on the customer). */
export const restoreServiceLevels = (ctx: Where, r: Tracked) => refollow(ctx, r, { state: r.state, inBin: false, responded: false }, false);

/** A person mailed from the record, inside the write that queued the message: its first response is given. */
export async function respondedByMail(tx: Transaction, bundle: Bundle, tenantId: string, recordId: string, now: number): Promise<void> {
  const r = await automationRow(tx, tenantId, recordId);
  if (!r || !bundle.entities[r.entity]?.serviceLevels) return;
  await refollow({ tx, tenantId, bundle, configVersion: 0, now }, r, { state: r.state, inBin: false, responded: true }, false);
}

/** Moves a record's kept clocks to where `at` says, re-priced from its data when asked, and keeps their marks and its status. */
async function refollow(ctx: Where, r: Tracked, at: Situation, repriced: boolean): Promise<void> {
  const sl = ctx.bundle.entities[r.entity]?.serviceLevels;
  const stored = sl && (await readSla(ctx.tx, ctx.tenantId, r.id));
  if (!sl || !stored) return;
  const cal = await calendarOf(ctx.tx, ctx.tenantId);
  const priority = repriced ? priorityOf(r.data, sl.priorityField) : stored.priority;
  // Targets come from the version the record was opened under; a later publish applies to records opened after it.
  const clocks = follow(cal, sl, repriced ? reprice(stored.clocks, stored.targets, priority) : stored.clocks, at, ctx.now);
  const { kept, status } = settle(cal, clocks, ctx.now);
  for (const [c, extras] of kept) await saveClock(ctx.tx, ctx.tenantId, r.id, c, extras);
  await saveStatus(ctx.tx, ctx.tenantId, r.id, status, priority);
}
