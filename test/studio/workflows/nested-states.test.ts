import { describe, expect, it } from 'vitest';
import { statePaths, WorkflowError, type Workflow } from '../../../studio/workflows/model.ts';
import { problemPlace } from '../../../studio/workflows/problems.ts';
import { addState, incomingCount, isInitial, removeState, renameState, setFinal, setInitial, setStateKey } from '../../../studio/workflows/state-edits.ts';
import { addTransition, updateTransition } from '../../../studio/workflows/transition-edits.ts';
import { transitionPointer, transitionsOf } from '../../../studio/workflows/transitions.ts';
import { support } from './support.ts';

/** Support with "Working" split in two: records start in Triage, then Fixing; Fixing can wait; a way out from Fixing straight to Done. */
function nested(): Workflow {
  let wf = addState(support, 'Triage', 'working').workflow;
  wf = addState(wf, 'Fixing', 'working').workflow;
  wf = addTransition(wf, 'working.triage', { kind: 'on', key: 'DIAGNOSE' }, 'working.fixing').workflow;
  wf = addTransition(wf, 'working.fixing', { kind: 'on', key: 'PARK' }, 'waiting').workflow;
  return addTransition(wf, 'working.fixing', { kind: 'on', key: 'FIXED' }, 'done').workflow;
}

describe('states inside states', () => {
  it('are added inside a state, the first one being where records entering it start', () => {
    const wf = nested();
    expect(wf.states.working).toMatchObject({ initial: 'triage', states: { triage: { meta: { label: 'Triage' } }, fixing: { meta: { label: 'Fixing' } } } });
    expect(statePaths(wf)).toEqual(['new', 'working', 'working.triage', 'working.fixing', 'waiting', 'escalated', 'done']);
    expect(isInitial(wf, 'working.triage')).toBe(true);
    expect(isInitial(wf, 'working.fixing')).toBe(false);
    // Nothing is inside an end state.
    expect(() => addState(wf, 'After', 'done')).toThrow(WorkflowError);
  });

  it('have transitions written as XState reads them: siblings by key, others by the id path; all are listed with their pointers', () => {
    const wf = nested();
    const fixing = wf.states.working!.states!.fixing!;
    expect(fixing.on).toEqual({ PARK: '#case.waiting', FIXED: '#case.done' });
    expect(wf.states.working!.states!.triage!.on).toEqual({ DIAGNOSE: 'fixing' });
    const flat = transitionsOf(wf).filter((t) => t.state.startsWith('working.'));
    expect(flat.map((t) => `${t.state} ${t.key} → ${t.target}`)).toEqual([
      'working.triage DIAGNOSE → working.fixing',
      'working.fixing PARK → waiting',
      'working.fixing FIXED → done',
    ]);
    expect(transitionPointer(flat[1]!)).toBe('/states/working/states/fixing/on/PARK/0');
    // Retargeted to a state inside another: written by its path.
    const moved = updateTransition(wf, { state: 'new', kind: 'on', key: 'START', index: 0 }, { target: 'working.fixing' });
    expect(moved.states.new!.on!.START).toBe('#case.working.fixing');
  });

  it('are renamed with everything that names them, their parent’s start included', () => {
    const renamed = renameState(nested(), 'working.triage', 'Sorting', new Set());
    expect(renamed.key).toBe('working.sorting');
    expect(renamed.workflow.states.working!.initial).toBe('sorting');
    expect(Object.keys(renamed.workflow.states.working!.states!)).toEqual(['sorting', 'fixing']);
    // The parent renamed: the id paths into it follow, sibling keys inside it stay.
    const busy = setStateKey(nested(), 'working', 'busy', new Set());
    expect(busy.states.busy!.states!.triage!.on).toEqual({ DIAGNOSE: 'fixing' });
    expect(busy.states.new!.on!.START).toBe('busy');
    expect(
      setStateKey(updateTransition(nested(), { state: 'new', kind: 'on', key: 'START', index: 0 }, { target: 'working.fixing' }), 'working', 'busy', new Set())
        .states.new!.on!.START,
    ).toBe('#case.busy.fixing');
    expect(() => setStateKey(nested(), 'working.triage', 'fixing', new Set())).toThrow(WorkflowError);
    expect(() => setStateKey(nested(), 'working.triage', 'sorting', new Set(['working.triage']))).toThrow(WorkflowError);
  });

  it('are removed with the transitions into them; the parent starts in the next one, and with none left is a plain state again', () => {
    const wf = setInitial(nested(), 'working.fixing');
    expect(wf.states.working!.initial).toBe('fixing');
    const without = removeState(wf, 'working.fixing');
    expect(without.states.working).toMatchObject({ initial: 'triage', states: { triage: { meta: { label: 'Triage' } } } });
    expect(without.states.working!.states!.triage!.on).toBeUndefined();
    const plain = removeState(without, 'working.triage');
    expect(plain.states.working).toEqual(support.states.working);
    // Removing the parent takes what is inside it and every transition into any of them.
    const gone = removeState(updateTransition(nested(), { state: 'new', kind: 'on', key: 'START', index: 0 }, { target: 'working.fixing' }), 'working');
    expect(statePaths(gone)).toEqual(['new', 'waiting', 'escalated', 'done']);
    expect(gone.states.new!.on!.START).toBeUndefined();
  });

  it('keep the state around them well formed: one written as atomic or compound is written so no longer when that changes', () => {
    const atomic = { ...support, states: { ...support.states, working: { ...support.states.working, type: 'atomic' as const } } };
    const split = addState(atomic, 'Triage', 'working').workflow;
    expect(split.states.working!.type).toBeUndefined();
    const compound = { ...nested(), states: { ...nested().states, working: { ...nested().states.working, type: 'compound' as const } } };
    expect(removeState(compound, 'working.fixing').states.working!.type).toBe('compound');
    expect(removeState(removeState(compound, 'working.fixing'), 'working.triage').states.working!.type).toBeUndefined();
    // Transitions into a state or any state inside it, from outside it, go when it goes.
    const into = updateTransition(nested(), { state: 'new', kind: 'on', key: 'START', index: 0 }, { target: 'working.fixing' });
    // Into Working: START (to Fixing), REPLIED and the wait of Waiting; DIAGNOSE is inside it.
    expect(incomingCount(into, 'working')).toBe(3);
    expect(incomingCount(into, 'working.fixing')).toBe(2);
  });

  it('a state with states inside cannot be an end state', () => {
    expect(() => setFinal(nested(), 'working', true)).toThrow(WorkflowError);
    expect(setFinal(nested(), 'working.fixing', true).states.working!.states!.fixing).toEqual({ meta: { label: 'Fixing' }, type: 'final' });
  });

  it('problems inside them are placed on them', () => {
    expect(problemPlace('/states/working/states/fixing/on/PARK/0/target')).toMatchObject({
      state: 'working.fixing',
      transition: { state: 'working.fixing', kind: 'on', key: 'PARK', index: 0 },
    });
    expect(problemPlace('/states/working/states/triage')).toMatchObject({ state: 'working.triage' });
    expect(problemPlace('/states/working/initial')).toMatchObject({ state: 'working' });
  });
});
