/** What a new version of a workflow changes, as items a review puts into words (pure; the studio's publish and import reviews share it). */
import type { WorkflowDef } from './bundle.ts';
import { resolveTarget, stateLabel, statesOf, transitionsOf, type TransitionInfo } from './workflow-definition.ts';

/** A transition's trigger: an event by name, a delay, or automatic (`always`). */
export interface Trigger {
  kind: TransitionInfo['kind'];
  key: string;
}

export type WorkflowChange =
  | { kind: 'workflowAdded' | 'workflowRemoved' }
  | { kind: 'stateAdded' | 'stateRemoved'; state: string; label: string }
  | { kind: 'stateRenamed'; state: string; from: string; to: string }
  | { kind: 'finalChanged'; state: string; label: string; final: boolean }
  | { kind: 'stateActionsChanged'; state: string; label: string }
  | { kind: 'initialChanged'; from: string; to: string }
  | { kind: 'transitionAdded' | 'transitionRemoved'; from: string; trigger: Trigger; to: string | null }
  | { kind: 'transitionRetargeted'; from: string; trigger: Trigger; was: string | null; now: string | null }
  | { kind: 'conditionChanged' | 'actionsChanged'; from: string; trigger: Trigger }
  | { kind: 'translationsChanged' };

type Side = { def: WorkflowDef; label: (path: string) => string };

/** Transitions by their place (`state|kind|key`), each with its targets in order (by path, and as named). */
function transitionsByPlace({ def, label }: Side) {
  const out = new Map<string, { from: string; trigger: Trigger; targets: string; names: string | null; guards: string; actions: string }>();
  for (const state of statesOf(def)) {
    for (const t of transitionsOf(state)) {
      const place = `${state.path}|${t.kind}|${t.trigger}`;
      const entry = out.get(place) ?? { from: label(state.path), trigger: { kind: t.kind, key: t.trigger }, targets: '', names: null, guards: '', actions: '' };
      const target = t.transition.target;
      const to = target === undefined ? undefined : resolveTarget(def, state, target);
      // A transition without a target stays where it is: it names no state.
      entry.targets += `${to?.path ?? target ?? ''}|`;
      if (target !== undefined) entry.names = [entry.names, to ? label(to.path) : target].filter((n) => n !== null).join(' / ');
      entry.guards += JSON.stringify(t.transition.guard ?? null);
      entry.actions += JSON.stringify(t.transition.actions ?? null);
      out.set(place, entry);
    }
  }
  return out;
}

/** Every change from `before` to `after` (either absent: the workflow is added or removed), states first, then transitions. */
export function workflowChanges(before: WorkflowDef | undefined, after: WorkflowDef | undefined): WorkflowChange[] {
  if (!before && !after) return [];
  if (!before) return [{ kind: 'workflowAdded' }];
  if (!after) return [{ kind: 'workflowRemoved' }];
  const sides = [before, after].map((def) => ({ def, label: (path: string) => stateLabel(def, path) })) as [Side, Side];
  const [old, next] = sides.map((s) => new Map(statesOf(s.def).map((st) => [st.path, st.node])));
  const out: WorkflowChange[] = [];
  for (const [path, node] of next!) {
    const was = old!.get(path);
    const label = sides[1].label(path);
    if (!was) {
      out.push({ kind: 'stateAdded', state: path, label });
      continue;
    }
    const from = sides[0].label(path);
    if (from !== label) out.push({ kind: 'stateRenamed', state: path, from, to: label });
    if ((was.type === 'final') !== (node.type === 'final')) out.push({ kind: 'finalChanged', state: path, label, final: node.type === 'final' });
    if (JSON.stringify([was.entry, was.exit]) !== JSON.stringify([node.entry, node.exit])) out.push({ kind: 'stateActionsChanged', state: path, label });
  }
  for (const path of old!.keys()) if (!next!.has(path)) out.push({ kind: 'stateRemoved', state: path, label: sides[0].label(path) });
  if (before.initial !== after.initial) out.push({ kind: 'initialChanged', from: sides[0].label(before.initial), to: sides[1].label(after.initial) });

  const [tOld, tNext] = sides.map(transitionsByPlace);
  for (const [place, t] of tNext!) {
    const was = tOld!.get(place);
    if (!was) out.push({ kind: 'transitionAdded', from: t.from, trigger: t.trigger, to: t.names });
    else {
      if (was.targets !== t.targets) out.push({ kind: 'transitionRetargeted', from: t.from, trigger: t.trigger, was: was.names, now: t.names });
      if (was.guards !== t.guards) out.push({ kind: 'conditionChanged', from: t.from, trigger: t.trigger });
      if (was.actions !== t.actions) out.push({ kind: 'actionsChanged', from: t.from, trigger: t.trigger });
    }
  }
  for (const [place, t] of tOld!) if (!tNext!.has(place)) out.push({ kind: 'transitionRemoved', from: t.from, trigger: t.trigger, to: t.names });
  if (JSON.stringify(before.i18n ?? {}) !== JSON.stringify(after.i18n ?? {})) out.push({ kind: 'translationsChanged' });
  return out;
}
