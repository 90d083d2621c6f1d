import { GUARDS, type GuardInput } from './catalog.ts';
import type { GuardRef } from '../browser-safe/workflow-definition.ts';

/** One named guard's outcome, at its JSON Pointer below the transition's `guard`. */
export interface GuardOutcome {
  path: string;
  type: string;
  passed: boolean;
}

/**
 * Evaluates a guard (named, or combined with `and` / `or` / `not`) for a record and a person, and says how each named
 * guard inside it came out (all are evaluated, so the simulator can show every one). An unknown name fails.
 */
export function evaluateGuard(guard: GuardRef, input: GuardInput, path = ''): { passed: boolean; trace: GuardOutcome[] } {
  if (guard.type === 'and' || guard.type === 'or') {
    const parts = (guard.guards ?? []).map((g, i) => evaluateGuard(g, input, `${path}/guards/${i}`));
    const passed = guard.type === 'and' ? parts.every((p) => p.passed) : parts.some((p) => p.passed);
    return { passed, trace: parts.flatMap((p) => p.trace) };
  }
  if (guard.type === 'not') {
    const inner = evaluateGuard(guard.guard!, input, `${path}/guard`);
    return { passed: !inner.passed, trace: inner.trace };
  }
  const entry = Object.hasOwn(GUARDS, guard.type) ? GUARDS[guard.type]! : undefined;
  const passed = entry ? entry.test(input, guard.params ?? {}) : false;
  return { passed, trace: [{ path, type: guard.type, passed }] };
}
