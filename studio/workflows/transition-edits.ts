/** Pure edits of a workflow's transitions, each returning a new workflow; a refused edit throws a WorkflowError. */
import { isFinal, stateAt, targetText, withState, WorkflowError, type CatalogRef, type Guard, type TransitionObject, type Workflow } from './model.ts';
import { writeList } from './state-edits.ts';
import { normalize, type TransitionKind, type TransitionRef } from './transitions.ts';

/** What fires a transition: an event by name, a delay (ISO duration or milliseconds), or nothing. */
export interface Trigger {
  kind: TransitionKind;
  key: string;
}

const EVENT = /^(?!xstate\.)[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const DELAY = /^(P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|\d{1,12})$/;

/**
 * An event name as people type it, always in the CONSTANT_CASE the shipped workflows use, however it was typed:
 * "Send quote" → "SEND_QUOTE", "accept" → "ACCEPT", "sendQuote" → "SEND_QUOTE".
 */
export const eventName = (text: string) =>
  text
    .trim()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_.:-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();

function checkTrigger(trigger: Trigger): Trigger {
  if (trigger.kind === 'on' && !EVENT.test(trigger.key)) throw new WorkflowError('invalid-event', `"${trigger.key}" is not an event name`);
  if (trigger.kind === 'after' && !DELAY.test(trigger.key)) throw new WorkflowError('invalid-delay', `"${trigger.key}" is not a delay`);
  return trigger.kind === 'always' ? { kind: 'always', key: '' } : trigger;
}

function listAt(wf: Workflow, source: string, { kind, key }: Trigger): TransitionObject[] {
  const state = stateAt(wf, source);
  return normalize(kind === 'always' ? state.always : state[kind]?.[key]);
}

/** The transition at `ref` with its list, or a WorkflowError when there is none. */
function located(wf: Workflow, ref: TransitionRef): { list: TransitionObject[]; transition: TransitionObject } {
  const list = listAt(wf, ref.state, ref);
  const transition = list[ref.index];
  if (!transition) throw new WorkflowError('unknown-transition', `no transition at ${ref.state}/${ref.kind}/${ref.key}/${ref.index}`);
  return { list, transition };
}

/** Adds a transition from state `source` to state `target` (paths) fired by `trigger` (after any of the same trigger); returns where it went. */
export function addTransition(wf: Workflow, source: string, trigger: Trigger, target: string): { workflow: Workflow; ref: TransitionRef } {
  const state = stateAt(wf, source);
  stateAt(wf, target);
  if (isFinal(state)) throw new WorkflowError('final-state', `"${source}" is final: nothing leaves it`);
  const { kind, key } = checkTrigger(trigger);
  const list = listAt(wf, source, { kind, key });
  const workflow = withState(wf, source, writeList(state, kind, key, [...list, { target: targetText(wf, source, target) }]));
  return { workflow, ref: { state: source, kind, key, index: list.length } };
}

/** What of a transition may change in place: its target, guard (null removes it) and actions. */
export interface TransitionPatch {
  target?: string;
  guard?: Guard | null;
  actions?: CatalogRef[];
}

/** Changes the transition at `ref`. */
export function updateTransition(wf: Workflow, ref: TransitionRef, patch: TransitionPatch): Workflow {
  const { list, transition } = located(wf, ref);
  if (patch.target !== undefined) stateAt(wf, patch.target);
  let next: TransitionObject = { ...transition, ...(patch.target === undefined ? {} : { target: targetText(wf, ref.state, patch.target) }) };
  if (patch.guard !== undefined) {
    const { guard: _, ...rest } = next;
    next = patch.guard === null ? rest : { ...rest, guard: patch.guard };
  }
  if (patch.actions !== undefined) {
    const { actions: _, ...rest } = next;
    next = patch.actions.length ? { ...rest, actions: patch.actions } : rest;
  }
  const state = stateAt(wf, ref.state);
  return withState(
    wf,
    ref.state,
    writeList(
      state,
      ref.kind,
      ref.key,
      list.map((t, i) => (i === ref.index ? next : t)),
    ),
  );
}

/** Removes the transition at `ref`. */
export function removeTransition(wf: Workflow, ref: TransitionRef): Workflow {
  const { list } = located(wf, ref);
  const state = stateAt(wf, ref.state);
  return withState(
    wf,
    ref.state,
    writeList(
      state,
      ref.kind,
      ref.key,
      list.filter((_, i) => i !== ref.index),
    ),
  );
}

/** Gives the transition at `ref` another trigger (event name, delay, or automatic); it moves to the end of that list. */
export function setTrigger(wf: Workflow, ref: TransitionRef, trigger: Trigger): { workflow: Workflow; ref: TransitionRef } {
  const { transition } = located(wf, ref);
  const { kind, key } = checkTrigger(trigger);
  if (kind === ref.kind && key === ref.key) return { workflow: wf, ref };
  const without = removeTransition(wf, ref);
  const state = stateAt(without, ref.state);
  const list = listAt(without, ref.state, { kind, key });
  const workflow = withState(without, ref.state, writeList(state, kind, key, [...list, transition]));
  return { workflow, ref: { state: ref.state, kind, key, index: list.length } };
}
