/** The service level editor's model: pure edits of one entity's `serviceLevels`, and what changes between two versions of them. */
import type { ServiceClock, ServiceLevelAction, ServiceLevels } from '../../runtime/browser-safe/bundle.ts';
import type { EntityConfig } from '../designer/types.ts';

/** The kinds of action the editor offers, each one catalog action with fixed or chosen params. */
export const ACTION_CHOICES = ['notifyOwner', 'notifyManagers', 'notifyRole', 'assignRole', 'raisePriority', 'setField'] as const;
export type ActionChoice = (typeof ACTION_CHOICES)[number];

/** Which offered kind an action is. */
export function choiceOf(a: ServiceLevelAction): ActionChoice {
  const p = a.params ?? {};
  if (a.type === 'notify') return p.to === 'owner' ? 'notifyOwner' : p.to === 'teamManagers' ? 'notifyManagers' : 'notifyRole';
  if (a.type === 'assign') return 'assignRole';
  return a.type === 'setField' ? 'setField' : 'raisePriority';
}

/** A new action of a kind; roles and fields start with the first one offered. */
export function actionOf(choice: ActionChoice, firstRole: string, firstField: string): ServiceLevelAction {
  switch (choice) {
    case 'notifyOwner':
      return { type: 'notify', params: { to: 'owner' } };
    case 'notifyManagers':
      return { type: 'notify', params: { to: 'teamManagers' } };
    case 'notifyRole':
      return { type: 'notify', params: { role: firstRole } };
    case 'assignRole':
      return { type: 'assign', params: { role: firstRole } };
    case 'setField':
      return { type: 'setField', params: { field: firstField, value: '' } };
    default:
      return { type: 'raisePriority' };
  }
}

/** The entity's service levels (undefined when it has none). */
export const levelsOf = (e: EntityConfig | undefined) => e?.serviceLevels as ServiceLevels | undefined;

/** Fields holding a choice of values: what targets can be set by. */
export const choiceFields = (e: EntityConfig) => Object.keys(e.form.schema.properties).filter((k) => (e.form.schema.properties[k]!.enum ?? []).length > 0);

/** Service levels to start from: targets by the first choice field, resolved in the workflow's final states, the owner told at 80 %. */
export function startLevels(e: EntityConfig, finalStates: string[]): ServiceLevels {
  return {
    priorityField: choiceFields(e)[0]!,
    targets: {},
    pauseStates: [],
    resolvedStates: finalStates,
    warning: [{ type: 'notify', params: { to: 'owner' } }],
    breach: [],
  };
}

/** One target set (minutes) or cleared (null); a priority left without targets is dropped. */
export function withTarget(sl: ServiceLevels, priority: string, clock: ServiceClock, minutes: number | null): ServiceLevels {
  const row = { ...sl.targets[priority] };
  if (minutes === null) delete row[clock];
  else row[clock] = minutes;
  const targets = { ...sl.targets };
  if (Object.keys(row).length) targets[priority] = row;
  else delete targets[priority];
  return { ...sl, targets };
}

/** A state put into or taken out of the pause or resolved list, in the workflow's order. */
export function withState(sl: ServiceLevels, part: 'pauseStates' | 'resolvedStates', state: string, on: boolean, order: string[]): ServiceLevels {
  const now = new Set(sl[part] ?? []);
  if (on) now.add(state);
  else now.delete(state);
  return { ...sl, [part]: order.filter((s) => now.has(s)) };
}

/** What publishing changes in one entity's service levels, as data for the review to put in words. */
export type LevelChange =
  | { kind: 'added' | 'removed' }
  | { kind: 'pauseStates' | 'resolvedStates'; states: string[] }
  | { kind: 'marks'; mark: 'warning' | 'breach' }
  | { kind: 'priorityField'; field: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The changes besides targets (those are listed with their values by `targetChanges`). */
export function levelChanges(before: ServiceLevels | undefined, after: ServiceLevels | undefined): LevelChange[] {
  if (!before && !after) return [];
  if (!before) return [{ kind: 'added' }];
  if (!after) return [{ kind: 'removed' }];
  const changes: LevelChange[] = [];
  if (before.priorityField !== after.priorityField) changes.push({ kind: 'priorityField', field: after.priorityField });
  for (const part of ['pauseStates', 'resolvedStates'] as const) if (!same(before[part], after[part])) changes.push({ kind: part, states: after[part] ?? [] });
  for (const mark of ['warning', 'breach'] as const) if (!same(before[mark], after[mark])) changes.push({ kind: 'marks', mark });
  return changes;
}
