import type { WorkflowDef } from '../browser-safe/bundle.ts';
import { activeIn, entryLeaf, resolveTarget, statesOf, transitionsOf, type GuardRef, type Need } from '../browser-safe/workflow-definition.ts';
import { GUARDS, isFilled, type GuardInput } from './catalog.ts';
import { guardPossible } from './guard-logic.ts';
import { evaluateGuard } from './guards.ts';

/**
 * What a guard still needs for this record and person: nothing when it passes, null when the person's role can never
 * pass it (the event is not theirs to fire, and is not shown to them at all).
 */
export function needsOf(guard: GuardRef, input: GuardInput): Need[] | null {
  if (evaluateGuard(guard, input).passed) return [];
  const p = guard.params ?? {};
  switch (guard.type) {
    case 'and': {
      const parts = (guard.guards ?? []).map((g) => needsOf(g, input));
      return parts.some((n) => n === null) ? null : parts.flatMap((n) => n!);
    }
    case 'or':
    case 'not':
      return input.actor.roles.every((role) => guardPossible(guard, role) === 'no') ? null : [{ kind: 'other' }];
    case 'hasRole':
      return null;
    case 'isOwner':
      return [{ kind: 'owner' }];
    case 'fieldsPresent':
      return [{ kind: 'filled', fields: (p.fields as string[]).filter((f) => !isFilled(input.data[f])) }];
    case 'fieldEquals':
      return [{ kind: 'value', field: String(p.field), values: [p.value] }];
    case 'fieldIn':
      return [{ kind: 'value', field: String(p.field), values: p.values as unknown[] }];
    default:
      return Object.hasOwn(GUARDS, guard.type) ? [{ kind: 'other' }] : null;
  }
}

/**
 * The events of a record's state that the person's role could fire but whose conditions do not hold now (`allowed`
 * are the ones that do), each with the state it leads to and what it needs — from its first transition the role could take.
 */
export function blockedEvents(def: WorkflowDef, state: string, input: GuardInput, allowed: Set<string>) {
  const all = statesOf(def);
  const active = activeIn(all, state).reverse();
  const out: { type: string; target: string; needs: Need[] }[] = [];
  // Innermost state first, as XState looks for a transition: a child's event hides its parent's of the same name.
  for (const t of active.flatMap((s) => transitionsOf(s).filter((t) => t.kind === 'on'))) {
    if (allowed.has(t.trigger) || out.some((b) => b.type === t.trigger) || !t.transition.guard) continue;
    const needs = needsOf(t.transition.guard, input);
    if (needs === null) continue;
    const to = t.transition.target === undefined ? undefined : resolveTarget(def, t.from, t.transition.target);
    out.push({ type: t.trigger, target: (to && entryLeaf(to, all)?.path) ?? state, needs });
  }
  return out;
}
