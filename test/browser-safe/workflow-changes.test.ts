import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { workflowChanges } from '../../runtime/browser-safe/workflow-changes.ts';
import { defaultBundle } from '../../runtime/config/store.ts';

const base = () => structuredClone(defaultBundle().workflows.case!) as any;
type Edit = (d: any) => void;

describe('what a new version of a workflow changes, item by item', () => {
  it.each<[string, Edit, unknown[]]>([
    ['nothing', () => undefined, []],
    [
      'a state added with a transition into it',
      (d) => {
        d.states.on_hold = { meta: { label: 'On hold' }, on: { RESUME: 'in_progress' } };
        d.states.in_progress.on.HOLD = 'on_hold';
      },
      [
        { kind: 'stateAdded', state: 'on_hold', label: 'On hold' },
        { kind: 'transitionAdded', from: 'In progress', trigger: { kind: 'on', key: 'HOLD' }, to: 'On hold' },
        { kind: 'transitionAdded', from: 'On hold', trigger: { kind: 'on', key: 'RESUME' }, to: 'In progress' },
      ],
    ],
    [
      'a state removed with the transitions into it',
      (d) => {
        delete d.states.escalated;
        delete d.states.new.always;
        delete d.states.in_progress.on.ESCALATE;
      },
      [
        { kind: 'stateRemoved', state: 'escalated', label: 'Escalated' },
        { kind: 'transitionRemoved', from: 'New', trigger: { kind: 'always', key: '' }, to: 'Escalated' },
        { kind: 'transitionRemoved', from: 'In progress', trigger: { kind: 'on', key: 'ESCALATE' }, to: 'Escalated' },
        { kind: 'transitionRemoved', from: 'Escalated', trigger: { kind: 'on', key: 'START' }, to: 'In progress' },
        { kind: 'transitionRemoved', from: 'Escalated', trigger: { kind: 'on', key: 'RESOLVE' }, to: 'Resolved' },
      ],
    ],
    [
      'renamed, retargeted, a new entry state, a changed condition, a changed delay, final',
      (d) => {
        d.states.resolved.meta.label = 'Solved';
        d.states.closed.on.REOPEN = 'new';
        d.initial = 'in_progress';
        d.states.in_progress.on.ESCALATE.guard.params.values = ['urgent'];
        d.states.waiting_on_customer.after = { P5D: d.states.waiting_on_customer.after.P3D };
        d.states.closed.type = 'final';
        delete d.states.closed.on;
      },
      [
        { kind: 'stateRenamed', state: 'resolved', from: 'Resolved', to: 'Solved' },
        { kind: 'finalChanged', state: 'closed', label: 'Closed', final: true },
        { kind: 'initialChanged', from: 'New', to: 'In progress' },
        { kind: 'conditionChanged', from: 'In progress', trigger: { kind: 'on', key: 'ESCALATE' } },
        { kind: 'transitionAdded', from: 'Waiting on customer', trigger: { kind: 'after', key: 'P5D' }, to: 'In progress' },
        { kind: 'transitionRemoved', from: 'Waiting on customer', trigger: { kind: 'after', key: 'P3D' }, to: 'In progress' },
        { kind: 'transitionRemoved', from: 'Closed', trigger: { kind: 'on', key: 'REOPEN' }, to: 'In progress' },
      ],
    ],
    [
      'retargeted, actions and translations',
      (d) => {
        d.states.resolved.on.REOPEN = 'new';
        d.states.escalated.entry[0].params.message = 'Escalated!';
        d.i18n.de['state.new'] = 'Frisch';
      },
      [
        { kind: 'stateActionsChanged', state: 'escalated', label: 'Escalated' },
        { kind: 'transitionRetargeted', from: 'Resolved', trigger: { kind: 'on', key: 'REOPEN' }, was: 'In progress', now: 'New' },
        { kind: 'translationsChanged' },
      ],
    ],
  ])('%s', (_what, edit, expected) => {
    const after = base();
    edit(after);
    expect(workflowChanges(base() as WorkflowDef, after)).toEqual(expected);
  });

  it('a workflow added or removed as a whole', () => {
    expect(workflowChanges(undefined, base())).toEqual([{ kind: 'workflowAdded' }]);
    expect(workflowChanges(base(), undefined)).toEqual([{ kind: 'workflowRemoved' }]);
  });
});
