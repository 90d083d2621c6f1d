import type { RecordScope } from '../access/scope.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import type { Db } from '../db/client.ts';
import { ensureFigures } from '../records/report-figures.ts';
import { round2 } from '../reports/figures.ts';
import { readDealGroups } from '../reports/read.ts';

/** Per stage of a pipeline: how many records the reader may see there, and the sum of their amounts. */
export interface StageTotal {
  count: number;
  amount: number;
}

/**
 * Exact per-stage counts and amount sums over the records of `pipeline` inside `scope` — the board's column totals,
 * whatever number of cards it loads — from the pipeline report's figures kept at write time.
 */
export async function stageTotals(db: Db, scope: RecordScope, bundle: Bundle, pipeline: string): Promise<Map<string, StageTotal>> {
  await ensureFigures(db, scope.tenantId, scope.entity, bundle);
  const totals = new Map<string, StageTotal>();
  for (const group of await readDealGroups(db.client, scope, pipeline)) {
    const total = totals.get(group.stage) ?? { count: 0, amount: 0 };
    totals.set(group.stage, { count: total.count + group.count, amount: round2(total.amount + group.amount) });
  }
  return totals;
}
