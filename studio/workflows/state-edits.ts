/** Pure edits of a workflow's states, each returning a new workflow; a refused edit throws a WorkflowError. */
import { keyFrom } from '../pipelines/model.ts';
import { isFinal, stateAt, stateLabel, targetState, withState, WorkflowError, type CatalogRef, type StateConfig, type Workflow } from './model.ts';
import { compact, listsOf, transitionsOf, type TransitionKind } from './transitions.ts';
import { renameTranslations } from './translations.ts';

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
/** True when `key` may name a state (the key pattern of workflow.schema.json). */
export const isStateKey = (key: string) => KEY.test(key) && key !== 'constructor' && key !== 'prototype';

/** Adds a state named `label` with a key from it; returns the workflow and the new key. */
export function addState(wf: Workflow, label: string): { workflow: Workflow; key: string } {
  const key = keyFrom(label, new Set(Object.keys(wf.states)), 'state');
  return { workflow: withState(wf, key, { meta: { label } }), key };
}

/**
 * Renames state `key`. A state that is not published yet, whose key still follows its name, gets a key
 * from the new name (and everything that names it follows); returns the workflow and the state's key now.
 */
export function renameState(wf: Workflow, key: string, label: string, published: ReadonlySet<string>): { workflow: Workflow; key: string } {
  const state = stateAt(wf, key);
  const taken = new Set(Object.keys(wf.states).filter((k) => k !== key));
  const follows = !published.has(key) && key === keyFrom(stateLabel(wf, key), taken, 'state');
  const meta = { ...state.meta, label };
  const named = withState(wf, key, { ...state, meta });
  if (!follows || !label.trim()) return { workflow: named, key };
  const next = keyFrom(label, taken, 'state');
  return { workflow: setStateKey(named, key, next, published), key: next };
}

/** Changes the key of state `from` to `to`, with the initial state and every transition target that names it. */
export function setStateKey(wf: Workflow, from: string, to: string, published: ReadonlySet<string>): Workflow {
  stateAt(wf, from);
  if (from === to) return wf;
  if (published.has(from)) throw new WorkflowError('published-key', `"${from}" is published; records are in it`);
  if (!isStateKey(to)) throw new WorkflowError('invalid-key', `"${to}" is not a valid key`);
  if (Object.hasOwn(wf.states, to)) throw new WorkflowError('key-taken', `"${to}" is taken`);
  const states = Object.fromEntries(Object.entries(wf.states).map(([k, s]) => [k === from ? to : k, retarget(wf, s, (t) => (t === from ? to : t))]));
  return renameTranslations({ ...wf, initial: wf.initial === from ? to : wf.initial, states }, from, to);
}

/** A state with each transition's target passed through `map` (null drops the transition). */
function retarget(wf: Workflow, state: StateConfig, map: (target: string) => string | null): StateConfig {
  let next: StateConfig = state;
  for (const { kind, key, list } of listsOf(state)) {
    const mapped = list.flatMap((t) => {
      const target = targetState(wf, t.target);
      if (target === null) return [t];
      const to = map(target);
      return to === null ? [] : [{ ...t, target: to }];
    });
    next = writeList(next, kind, key, mapped);
  }
  return next;
}

/** A state with the list at kind/key replaced; an empty list is removed, and so is an emptied `on` or `after`. */
export function writeList(state: StateConfig, kind: TransitionKind, key: string, list: Parameters<typeof compact>[0]): StateConfig {
  const config = compact(list);
  if (kind === 'always') {
    const { always: _, ...rest } = state;
    return config === undefined ? rest : { ...rest, always: config };
  }
  const map = { ...(state[kind] ?? {}) };
  if (config === undefined) delete map[key];
  else map[key] = config;
  const { [kind]: _, ...rest } = state;
  return Object.keys(map).length ? { ...rest, [kind]: map } : rest;
}

/** How many transitions of other states lead into `key`. */
export const incomingCount = (wf: Workflow, key: string) => transitionsOf(wf).filter((t) => t.target === key && t.state !== key).length;

/** Removes state `key` and every transition that leads into it. The initial state and the last state stay. */
export function removeState(wf: Workflow, key: string): Workflow {
  stateAt(wf, key);
  if (wf.initial === key) throw new WorkflowError('initial-state', 'the initial state cannot be removed');
  if (Object.keys(wf.states).length === 1) throw new WorkflowError('last-state', 'a workflow needs a state');
  const rest = Object.entries(wf.states).filter(([k]) => k !== key);
  return { ...wf, states: Object.fromEntries(rest.map(([k, s]) => [k, retarget(wf, s, (t) => (t === key ? null : t))])) };
}

/** Makes `key` the state new records start in. */
export function setInitial(wf: Workflow, key: string): Workflow {
  stateAt(wf, key);
  return wf.initial === key ? wf : { ...wf, initial: key };
}

/** Marks state `key` final (its outgoing transitions and exit actions go, as nothing leaves a final state) or not final. */
export function setFinal(wf: Workflow, key: string, final: boolean): Workflow {
  const state = stateAt(wf, key);
  if (final === isFinal(state)) return wf;
  if (!final) {
    const { type: _, ...rest } = state;
    return withState(wf, key, rest);
  }
  const { on: _on, after: _after, always: _always, exit: _exit, ...rest } = state;
  return withState(wf, key, { ...rest, type: 'final' });
}

/** Sets the entry or exit actions of state `key` (an empty list removes them). */
export function setStateActions(wf: Workflow, key: string, when: 'entry' | 'exit', actions: CatalogRef[]): Workflow {
  const { [when]: _, ...rest } = stateAt(wf, key);
  return withState(wf, key, actions.length ? { ...rest, [when]: actions } : rest);
}

/** Sets the description of state `key` (empty removes it). */
export function setStateDescription(wf: Workflow, key: string, text: string): Workflow {
  const state = stateAt(wf, key);
  const { description: _, ...meta } = state.meta ?? {};
  return withState(wf, key, { ...state, meta: text ? { ...meta, description: text } : meta });
}
