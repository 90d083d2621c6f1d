import { describe, expect, it } from 'vitest';
import { WorkflowError, type Workflow } from '../../../studio/workflows/model.ts';
import {
  addState,
  incomingCount,
  removeState,
  renameState,
  setFinal,
  setInitial,
  setStateActions,
  setStateDescription,
  setStateKey,
} from '../../../studio/workflows/state-edits.ts';
import { transitionsOf } from '../../../studio/workflows/transitions.ts';
import { support } from './support.ts';

const none = new Set<string>();
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof WorkflowError ? e.code : 'other';
  }
  return null;
};
const targets = (wf: Workflow) => transitionsOf(wf).map((t) => `${t.state}>${t.target}`);

describe('adding and renaming states', () => {
  it.each([
    ['On hold', 'on_hold'],
    ['Working', 'working_2'],
    ['2nd line', 'state_2nd_line'],
    ['', 'state'],
  ])('adds %j with key %s', (label, key) => {
    const { workflow, key: got } = addState(support, label);
    expect(got).toBe(key);
    expect(workflow.states[key]).toEqual({ meta: { label } });
  });

  it('moves the key along with the label until the state is published, retargeting transitions', () => {
    const { workflow, key } = renameState(support, 'waiting', 'On hold', none);
    expect(key).toBe('on_hold');
    expect(Object.keys(workflow.states)).toEqual(['new', 'working', 'on_hold', 'escalated', 'done']);
    expect(targets(workflow)).toContain('working>on_hold');
    expect(workflow.states.on_hold?.meta?.label).toBe('On hold');
  });

  it.each([
    ['published', 'On hold', new Set(['waiting'])],
    ['the label is emptied', '', none],
  ])('keeps the key when %s', (_, label, published) => expect(renameState(support, 'waiting', label, published).key).toBe('waiting'));

  it('keeps a key the owner chose', () => {
    const custom = setStateKey(support, 'waiting', 'pending', none);
    expect(renameState(custom, 'pending', 'On hold', none).key).toBe('pending');
  });

  it('renames the initial state too', () => {
    const wf = setStateKey(support, 'new', 'open', none);
    expect(wf.initial).toBe('open');
    expect(code(() => setStateKey(support, 'new', 'open', new Set(['new'])))).toBe('published-key');
  });

  it.each([
    ['Bad', 'invalid-key'],
    ['constructor', 'invalid-key'],
    ['working', 'key-taken'],
  ])('refuses key %s (%s)', (key, expected) => expect(code(() => setStateKey(support, 'waiting', key, none))).toBe(expected));
});

describe('removing, initial and final', () => {
  it('removes a state with every transition into it', () => {
    expect(incomingCount(support, 'working')).toBe(3);
    const wf = removeState(support, 'working');
    expect(Object.keys(wf.states)).toEqual(['new', 'waiting', 'escalated', 'done']);
    expect(targets(wf)).toEqual(['new>escalated', 'escalated>done']);
    expect(wf.states.waiting).toEqual({ meta: { label: 'Waiting' } });
  });

  it.each([
    ['the initial state', support, 'new', 'initial-state'],
    ['an unknown state', support, 'nope', 'unknown-state'],
    ['another state of two', { id: 'x', initial: 'a', states: { a: {}, b: {} } }, 'b', null],
  ])('%s', (_, wf, key, expected) => expect(code(() => removeState(wf as Workflow, key))).toBe(expected));

  it('makes a state initial', () => expect(setInitial(support, 'working').initial).toBe('working'));

  it('marks a state final, dropping what would leave it, and back', () => {
    const wf = setFinal(support, 'waiting', true);
    expect(wf.states.waiting).toEqual({ meta: { label: 'Waiting' }, type: 'final' });
    expect(setFinal(wf, 'waiting', false).states.waiting).toEqual({ meta: { label: 'Waiting' } });
    expect(setFinal(support, 'done', true)).toBe(support);
  });

  it('sets and clears a description', () => {
    const wf = setStateDescription(support, 'new', 'Just arrived');
    expect(wf.states.new?.meta).toEqual({ label: 'New', description: 'Just arrived' });
    expect(setStateDescription(wf, 'new', '').states.new?.meta).toEqual({ label: 'New' });
  });

  it('sets and clears entry actions', () => {
    const wf = setStateActions(support, 'new', 'entry', [{ type: 'assign', params: { role: 'service_rep' } }]);
    expect(wf.states.new?.entry).toEqual([{ type: 'assign', params: { role: 'service_rep' } }]);
    expect(setStateActions(wf, 'new', 'entry', []).states.new?.entry).toBeUndefined();
  });
});
