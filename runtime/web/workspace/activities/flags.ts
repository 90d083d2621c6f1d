import { reportFields } from '../../../browser-safe/report-fields.ts';
import type { useConfigStore } from '../../kit/config/store.ts';
import type { RecordItem } from '../../kit/records/store.ts';

/**
 * Whether a deal is past its close date: its close date (the pipeline report's field) lies before `today`
 * (YYYY-MM-DD) while its stage is still open.
 */
export function pastClose(config: ReturnType<typeof useConfigStore>, entity: string, r: RecordItem, today: string): boolean {
  const view = config.entity(entity);
  if (!view?.pipeline || !r.stage) return false;
  const { closeDateField } = reportFields(view.form.schema, new Set());
  const close = closeDateField === null ? undefined : r.data[closeDateField];
  if (typeof close !== 'string' || close.slice(0, 10) >= today) return false;
  const stage = config.pipeline(r.pipeline ?? view.pipeline)?.stages.find((s) => s.key === r.stage);
  return stage?.kind === 'open';
}

/** Today in the person's time, as YYYY-MM-DD. */
export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
