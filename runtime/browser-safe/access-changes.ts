import type { Action, Scope } from './bundle.ts';

/**
 * One person's changed scope for one action on one record type, as a publish review reports it: `gained`/`lost` are
 * how many records enter or leave that scope for them (null when the reviewer may not count that record type's
 * records, and for `create`, which concerns no existing record).
 */
export interface AccessChange {
  userId: string;
  name: string;
  role: string;
  entity: string;
  action: Action;
  from: Scope;
  to: Scope;
  gained: number | null;
  lost: number | null;
}
