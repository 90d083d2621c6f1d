/** Pure edits of a workflow's states, each returning a new workflow; a refused edit throws a WorkflowError. */
import { keyFrom } from '../pipelines/model.ts';
import {
  childrenOf,
  findState,
  isFinal,
  keyOf,
  parentOf,
  stateAt,
  stateLabel,
  statePaths,
  targetState,
  targetText,
  withChildren,
  withState,
  WorkflowError,
  type CatalogRef,
  type StateConfig,
  type Workflow,
} from './model.ts';
import { compact, listsOf, transitionsOf, type TransitionKind } from './transitions.ts';
import { renameTranslations } from './translations.ts';

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
/** True when `key` may name a state (the key pattern of workflow.schema.json). */
export const isStateKey = (key: string) => KEY.test(key) && key !== 'constructor' && key !== 'prototype';

/**
 * Adds a state named `label` with a key from it, at the top level or inside state `parent`; returns the workflow and the
 * new state's path. The first state inside another is where records entering that one start.
 */
export function addState(wf: Workflow, label: string, parent = ''): { workflow: Workflow; key: string } {
  const around = parent ? stateAt(wf, parent) : undefined;
  if (isFinal(around)) throw new WorkflowError('final-state', `"${parent}" is final: nothing can be inside it`);
  const siblings = childrenOf(wf, parent);
  const key = keyFrom(label, new Set(Object.keys(siblings)), 'state');
  const states = { ...siblings, [key]: { meta: { label } } };
  // A state written as atomic is one no longer.
  const { type: _, ...rest } = around ?? {};
  const workflow = around ? withState(wf, parent, { ...rest, initial: around.initial ?? key, states }) : { ...wf, states };
  return { workflow, key: parent ? `${parent}.${key}` : key };
}

/**
 * Renames the state at `path`. A state that is not published yet, whose key still follows its name, gets a key
 * from the new name (and everything that names it follows); returns the workflow and the state's path now.
 */
export function renameState(wf: Workflow, path: string, label: string, published: ReadonlySet<string>): { workflow: Workflow; key: string } {
  const state = stateAt(wf, path);
  const taken = new Set(Object.keys(childrenOf(wf, parentOf(path))).filter((k) => k !== keyOf(path)));
  const follows = !published.has(path) && keyOf(path) === keyFrom(stateLabel(wf, path), taken, 'state');
  const meta = { ...state.meta, label };
  const named = withState(wf, path, { ...state, meta });
  if (!follows || !label.trim()) return { workflow: named, key: path };
  const next = keyFrom(label, taken, 'state');
  const parent = parentOf(path);
  return { workflow: setStateKey(named, path, next, published), key: parent ? `${parent}.${next}` : next };
}

/** Gives the state at `from` the key `to` (among its siblings), with the initial states and every transition target that name it or a state inside it. */
export function setStateKey(wf: Workflow, from: string, to: string, published: ReadonlySet<string>): Workflow {
  stateAt(wf, from);
  if (keyOf(from) === to) return wf;
  if (published.has(from)) throw new WorkflowError('published-key', `"${from}" is published; records are in it`);
  if (!isStateKey(to)) throw new WorkflowError('invalid-key', `"${to}" is not a valid key`);
  const parent = parentOf(from);
  const siblings = childrenOf(wf, parent);
  if (Object.hasOwn(siblings, to)) throw new WorkflowError('key-taken', `"${to}" is taken`);
  const toPath = parent ? `${parent}.${to}` : to;
  const moved = (path: string) => (path === from ? toPath : path.startsWith(`${from}.`) ? toPath + path.slice(from.length) : path);
  // Targets are read with the old paths, then the state takes its new key, then its parent's `initial` follows it.
  let next = retarget(wf, moved);
  next = withChildren(next, parent, Object.fromEntries(Object.entries(childrenOf(next, parent)).map(([k, s]) => [k === keyOf(from) ? to : k, s])));
  if (!parent && wf.initial === from) next = { ...next, initial: to };
  const around = parent ? stateAt(next, parent) : undefined;
  if (around?.initial === keyOf(from)) next = withState(next, parent, { ...around, initial: to });
  return renameTranslations(next, from, toPath);
}

/**
 * Every transition's target passed through `map` (path to path; null drops the transition), each written again as
 * its state names it, only where its target changes.
 */
function retarget(wf: Workflow, map: (path: string) => string | null): Workflow {
  let next = wf;
  for (const path of statePaths(wf)) {
    let state = stateAt(next, path);
    let changed = false;
    for (const { kind, key, list } of listsOf(state)) {
      const mapped = list.flatMap((t) => {
        const target = targetState(wf, t.target, path);
        const to = target === null ? target : map(target);
        if (to === target) return [t];
        changed = true;
        return to === null ? [] : [{ ...t, target: targetText(wf, map(path) ?? path, to) }];
      });
      state = writeList(state, kind, key, mapped);
    }
    if (changed) next = withState(next, path, state);
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

const within = (path: string, state: string) => state === path || state.startsWith(`${path}.`);
/** How many transitions of other states lead into the state at `path` or a state inside it (those go when it goes). */
export const incomingCount = (wf: Workflow, path: string) =>
  transitionsOf(wf).filter((t) => t.target !== null && within(path, t.target) && !within(path, t.state)).length;

/**
 * Removes the state at `path`, the states inside it and every transition that leads into them. The initial state and
 * the last state stay. The state after it becomes its parent's first when it was; the last state inside another
 * leaves that one a plain state.
 */
export function removeState(wf: Workflow, path: string): Workflow {
  stateAt(wf, path);
  if (wf.initial === path) throw new WorkflowError('initial-state', 'the initial state cannot be removed');
  if (Object.keys(wf.states).length === 1 && !path.includes('.')) throw new WorkflowError('last-state', 'a workflow needs a state');
  const cut = retarget(wf, (p) => (within(path, p) ? null : p));
  const parent = parentOf(path);
  const rest = Object.entries(childrenOf(cut, parent)).filter(([k]) => k !== keyOf(path));
  if (!parent) return { ...cut, states: Object.fromEntries(rest) };
  const { states: _states, initial, type, ...around } = stateAt(cut, parent);
  // With none left inside, it is a plain state again (no longer written as compound).
  if (!rest.length) return withState(cut, parent, around);
  const first = initial === keyOf(path) ? rest[0]![0] : initial;
  return withState(cut, parent, { ...around, ...(type ? { type } : {}), initial: first, states: Object.fromEntries(rest) });
}

/** Makes the state at `path` the one new records start in (top level), or the one records entering its parent start in. */
export function setInitial(wf: Workflow, path: string): Workflow {
  stateAt(wf, path);
  const parent = parentOf(path);
  if (!parent) return wf.initial === path ? wf : { ...wf, initial: path };
  const around = stateAt(wf, parent);
  return around.initial === keyOf(path) ? wf : withState(wf, parent, { ...around, initial: keyOf(path) });
}

/** True when records start in the state at `path`: the workflow's initial state, or the one its parent starts in. */
export function isInitial(wf: Workflow, path: string): boolean {
  const parent = parentOf(path);
  return parent ? findState(wf, parent)?.initial === keyOf(path) : wf.initial === path;
}

/** Marks state `key` final (its outgoing transitions and exit actions go, as nothing leaves a final state) or not final. */
export function setFinal(wf: Workflow, key: string, final: boolean): Workflow {
  const state = stateAt(wf, key);
  if (final === isFinal(state)) return wf;
  if (final && state.states) throw new WorkflowError('has-states', `"${key}" has states inside: it cannot end the life cycle`);
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
