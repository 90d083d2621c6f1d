import { describe, expect, it } from 'vitest';
import { WorkflowError } from '../../../studio/workflows/model.ts';
import { addTransition, eventName, removeTransition, setTrigger, updateTransition } from '../../../studio/workflows/transition-edits.ts';
import { support } from './support.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof WorkflowError ? e.code : 'other';
  }
  return null;
};
const start = { state: 'new', kind: 'on' as const, key: 'START', index: 0 };

describe('eventName', () => {
  it.each([
    ['Send quote', 'SEND_QUOTE'],
    ['  réouvrir ', 'REOUVRIR'],
    ['on-hold!', 'ON-HOLD'],
    // One way, however it was typed.
    ['accept', 'ACCEPT'],
    ['send proposal', 'SEND_PROPOSAL'],
    ['sendProposal', 'SEND_PROPOSAL'],
    ['SEND_PROPOSAL', 'SEND_PROPOSAL'],
    ['', ''],
  ])('%j → %j', (text, name) => expect(eventName(text)).toBe(name));
});

describe('adding transitions', () => {
  it('adds an event, delayed and automatic transition, each at the end of its list', () => {
    const a = addTransition(support, 'new', { kind: 'on', key: 'START' }, 'escalated');
    expect(a.ref).toEqual({ state: 'new', kind: 'on', key: 'START', index: 1 });
    expect(a.workflow.states.new?.on?.START).toEqual(['working', 'escalated']);
    const b = addTransition(support, 'waiting', { kind: 'after', key: 'PT4H' }, 'escalated');
    expect(b.workflow.states.waiting?.after?.PT4H).toBe('escalated');
    const c = addTransition(support, 'working', { kind: 'always', key: 'ignored' }, 'done');
    expect(c.ref).toEqual({ state: 'working', kind: 'always', key: '', index: 0 });
    expect(c.workflow.states.working?.always).toBe('done');
  });

  it.each([
    ['from a final state', 'done', { kind: 'on' as const, key: 'X' }, 'new', 'final-state'],
    ['to an unknown state', 'new', { kind: 'on' as const, key: 'X' }, 'nope', 'unknown-state'],
    ['with a bad event', 'new', { kind: 'on' as const, key: 'xstate.init' }, 'working', 'invalid-event'],
    ['with an empty event', 'new', { kind: 'on' as const, key: '' }, 'working', 'invalid-event'],
    ['with a bad delay', 'new', { kind: 'after' as const, key: '3 days' }, 'working', 'invalid-delay'],
  ])('refuses one %s', (_, source, trigger, target, expected) => expect(code(() => addTransition(support, source, trigger, target))).toBe(expected));
});

describe('changing transitions', () => {
  it('sets target, guard and actions, and removes them again', () => {
    const guard = { type: 'hasRole', params: { roles: ['manager'] } };
    const wf = updateTransition(support, start, { target: 'waiting', guard, actions: [{ type: 'notify', params: { message: 'hi', to: 'owner' } }] });
    expect(wf.states.new?.on?.START).toEqual({ target: 'waiting', guard, actions: [{ type: 'notify', params: { message: 'hi', to: 'owner' } }] });
    expect(updateTransition(wf, start, { guard: null, actions: [] }).states.new?.on?.START).toBe('waiting');
  });

  it('gives a transition another trigger', () => {
    const { workflow, ref } = setTrigger(support, start, { kind: 'on', key: 'BEGIN' });
    expect(Object.keys(workflow.states.new?.on ?? {})).toEqual(['ESCALATE', 'BEGIN']);
    expect(ref).toEqual({ state: 'new', kind: 'on', key: 'BEGIN', index: 0 });
    const later = setTrigger(support, start, { kind: 'after', key: 'P1D' });
    expect(later.workflow.states.new?.after).toEqual({ P1D: 'working' });
  });

  it('removes a transition, and the emptied list with it', () => {
    const wf = removeTransition(support, { state: 'waiting', kind: 'after', key: 'P3D', index: 0 });
    expect(wf.states.waiting).toEqual({ meta: { label: 'Waiting' }, on: { REPLIED: 'working' } });
    expect(code(() => removeTransition(support, { ...start, index: 3 }))).toBe('unknown-transition');
  });
});
