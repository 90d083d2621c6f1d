/** A new workflow in the draft: the smallest one that can be published, optionally followed by a record type without one. */
import type { Bundle } from '../designer/draft-store.ts';
import { keyFrom } from '../pipelines/model.ts';
import { workflowsOf, type Workflow } from './model.ts';

/** Names of the two states a new workflow starts with, in the owner's language. */
export interface StarterNames {
  open: string;
  done: string;
}

/** The record types a new workflow can be attached to: those that follow none yet. */
export const entitiesWithoutWorkflow = (bundle: Bundle): string[] =>
  Object.keys(bundle.entities).filter((e) => (bundle.entities[e] as { workflow?: unknown }).workflow === undefined);

/** `bundle` with a new workflow named `label` (an open state that FINISH leads to a final one), attached to `entity` when given; and its key. */
export function addWorkflow(bundle: Bundle, label: string, names: StarterNames, entity: string | null): { bundle: Bundle; key: string } {
  const workflows = workflowsOf(bundle);
  const key = keyFrom(label, new Set(Object.keys(workflows)), 'workflow');
  const workflow: Workflow = {
    id: key,
    initial: 'open',
    description: label.trim(),
    states: { open: { meta: { label: names.open }, on: { FINISH: 'done' } }, done: { type: 'final', meta: { label: names.done } } },
  };
  const entities = entity ? { ...bundle.entities, [entity]: { ...bundle.entities[entity]!, workflow: key } } : bundle.entities;
  return { bundle: { ...bundle, workflows: { ...workflows, [key]: workflow }, entities }, key };
}
