import type { GuardRef } from '../browser-safe/workflow-definition.ts';

/**
 * Whether a guard can pass for someone holding `role`, judged without a record: `hasRole` is decided by the role,
 * every other named guard depends on data ('maybe'); `and` / `or` / `not` combine in three-valued logic.
 */
export function guardPossible(guard: GuardRef, role: string): 'yes' | 'no' | 'maybe' {
  switch (guard.type) {
    case 'hasRole':
      return ((guard.params?.roles as string[] | undefined) ?? []).includes(role) ? 'yes' : 'no';
    case 'and': {
      const parts = (guard.guards ?? []).map((g) => guardPossible(g, role));
      return parts.includes('no') ? 'no' : parts.every((p) => p === 'yes') ? 'yes' : 'maybe';
    }
    case 'or': {
      const parts = (guard.guards ?? []).map((g) => guardPossible(g, role));
      return parts.includes('yes') ? 'yes' : parts.every((p) => p === 'no') ? 'no' : 'maybe';
    }
    case 'not': {
      const inner = guardPossible(guard.guard!, role);
      return inner === 'yes' ? 'no' : inner === 'no' ? 'yes' : 'maybe';
    }
    default:
      return 'maybe';
  }
}
