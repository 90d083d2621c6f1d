import type { Workflow } from '../../../studio/workflows/model.ts';

/** A small support workflow in the shapes the shipped ones use: strings, objects, `after`, entry actions. */
export const support: Workflow = {
  id: 'case',
  initial: 'new',
  states: {
    new: {
      meta: { label: 'New' },
      on: { START: 'working', ESCALATE: { target: 'escalated', guard: { type: 'fieldIn', params: { field: 'priority', values: ['high'] } } } },
    },
    working: { meta: { label: 'Working' }, on: { WAIT: 'waiting', RESOLVE: '#case.done' } },
    waiting: {
      meta: { label: 'Waiting' },
      after: { P3D: { target: 'working', actions: [{ type: 'createFollowUp', params: { title: 'Call', due: 'PT0S' } }] } },
      on: { REPLIED: 'working' },
    },
    escalated: { meta: { label: 'Escalated' }, entry: [{ type: 'notify', params: { role: 'manager', message: 'Escalated' } }], on: { RESOLVE: 'done' } },
    done: { type: 'final', meta: { label: 'Done' } },
  },
};
