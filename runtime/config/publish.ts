import type { Transaction } from '@libsql/client';
import type { FieldError } from '../http/problem.ts';
import { Problem } from '../http/problem.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { migrateRecords } from '../records/remap.ts';
import type { Impact, Mappings } from '../browser-safe/impact.ts';
import { impactOf, mappingErrors } from './impact.ts';
import { publishVersion } from './store.ts';
import { recalculateChanged } from '../records/recalculate.ts';
import { ensureReferenceIndexes } from '../records/reference-index.ts';
import { relink } from '../records/links.ts';
import { automationRow } from '../records/store.ts';
import type { WriteContext } from '../records/write.ts';
import { enterMapped } from '../workflows/advance.ts';
import { retime } from '../workflows/retime.ts';

/** What a publish (from the draft, an import or a rollback) freezes, and what it was reviewed against. */
export interface PublishStep {
  tenantId: string;
  /** The version the change was reviewed against; another publish meanwhile → 409. */
  fromVersion: number;
  current: Bundle;
  next: Bundle;
  mappings: Mappings;
  actorId: string | null;
  now: number;
  /** Further reasons to refuse, checked inside the transaction (e.g. people holding a removed role). */
  extraProblems?: (tx: Transaction) => Promise<FieldError[]>;
}

/**
 * Inside the caller's write transaction: checks again what the review saw (no publish meanwhile, no records in removed
 * entities, every orphaned record mapped), moves records to their mapped states and stages, freezes `next` as the
 * next version, runs the entry actions of the states records were mapped into, derives every waiting record's
 * timers again from the new version, and computes calculated fields and roll-ups whose definitions changed. Checked inside the write, so no record can move into a removed state, stage or entity meanwhile.
 */
export async function publishChecked(tx: Transaction, p: PublishStep): Promise<{ version: number; impact: Impact }> {
  const at = (await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [p.tenantId] })).rows[0]!;
  if (Number(at.config_version) !== p.fromVersion) throw new Problem(409, 'The configuration changed since you reviewed it; review it again.');
  const impact = await impactOf(tx, p.tenantId, p.current, p.next, { validate: false });
  if (Object.keys(impact.removedEntities).length) throw new Problem(409, 'The new version removes entities that still have records.', undefined, { impact });
  const late = [...mappingErrors(impact, p.mappings, p.next), ...((await p.extraProblems?.(tx)) ?? [])];
  if (late.length) throw new Problem(422, 'Records or people still depend on what the new version removes.', late, { impact });
  const moves = await migrateRecords(tx, p.tenantId, p.current, p.next, impact, p.mappings, p.actorId, p.now);
  const version = await publishVersion(tx, p.tenantId, p.next, p.actorId, p.now);
  await ensureReferenceIndexes(tx, p.next);
  await relink(tx, p.tenantId, p.current, p.next);
  const ctx: WriteContext = { tx, tenantId: p.tenantId, bundle: p.next, configVersion: version, actorId: p.actorId, now: p.now };
  // Records mapped out of a removed state run the entry actions of the states they enter; records that merely get a
  // workflow for the first time start in its initial state without them (nobody decided anything about them).
  for (const move of moves.filter((m) => m.from !== null)) {
    const def = p.next.workflows[p.next.entities[move.entity]!.workflow!]!;
    for (const id of move.ids) await enterMapped(ctx, def, (await automationRow(tx, p.tenantId, id))!, move.from!);
  }
  const ids: Record<string, Record<string, string[]>> = {};
  for (const m of moves) ((ids[m.entity] ??= {})[m.to] ??= []).push(...m.ids);
  impact.timers = await retime(tx, p.tenantId, p.current, p.next, { ids }, p.now, true);
  await recalculateChanged(ctx, p.current, new Set(moves.map((m) => m.entity)));
  return { version, impact };
}
