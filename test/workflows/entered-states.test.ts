import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { enteredStates, fire, pendingTimers, start } from '../../runtime/workflows/machine.ts';

// A parent state with its own delay and two children, one with a delay of its own.
const def = {
  id: 'job',
  initial: 'idle',
  states: {
    idle: { on: { GO: 'working' } },
    working: {
      initial: 'busy',
      after: { P3D: 'idle' },
      states: { busy: { after: { PT1H: 'paused' }, on: { PAUSE: 'paused' } }, paused: { on: { RESUME: 'busy' } } },
      on: { STOP: 'idle' },
    },
  },
} as unknown as WorkflowDef;
const input = { data: {}, ownerId: 'u', createdBy: 'u', actor: { userId: 'u', roles: ['owner'] } };

describe('which states a step enters (their timers count from now)', () => {
  it.each([
    ['idle', 'GO', ['working', 'working.busy']],
    ['working.busy', 'PAUSE', ['working.paused']],
    ['working.paused', 'RESUME', ['working.busy']],
    ['working.paused', 'STOP', ['idle']],
  ])('from %s on %s', (from, event, entered) => {
    expect(enteredStates(def, from, fire(def, from, input, event)!)).toEqual(entered);
  });

  it('a new record enters its initial state', () => {
    expect(enteredStates(def, null, start(def, input))).toEqual(['idle']);
  });

  it('a record resting in a child waits on its own timers and its parent’s', () => {
    expect(pendingTimers(def, 'working.busy')).toEqual([
      { event: 'xstate.after.P3D.job.working', delayMs: 3 * 864e5, state: 'working' },
      { event: 'xstate.after.PT1H.job.working.busy', delayMs: 36e5, state: 'working.busy' },
    ]);
    expect(pendingTimers(def, 'idle')).toEqual([]);
  });
});
