import { describe, expect, it } from 'vitest';
import { targetState } from '../../../studio/workflows/model.ts';
import { compact, normalize, parseTransitionId, transitionPointer, transitionsOf, valueAt } from '../../../studio/workflows/transitions.ts';
import { support } from './support.ts';

describe('transitionsOf', () => {
  it('lists every transition with its place, target and guard', () => {
    const rows = transitionsOf(support).map((t) => [t.id, t.target, t.guard?.type ?? null, t.actions.length]);
    expect(rows).toEqual([
      ['new|on|START|0', 'working', null, 0],
      ['new|on|ESCALATE|0', 'escalated', 'fieldIn', 0],
      ['working|on|WAIT|0', 'waiting', null, 0],
      ['working|on|RESOLVE|0', 'done', null, 0],
      ['waiting|on|REPLIED|0', 'working', null, 0],
      ['waiting|after|P3D|0', 'working', null, 1],
      ['escalated|on|RESOLVE|0', 'done', null, 0],
    ]);
  });
});

describe('targets, ids and pointers', () => {
  it.each([
    ['done', '', 'done'],
    ['#case.done', '', 'done'],
    ['#case.working.deep', 'new', 'working.deep'],
    ['#other.done', '', null],
    ['.child', 'working', 'working.child'],
    ['a.b', '', 'a.b'],
    ['waiting', 'working.deep', 'working.waiting'],
    [undefined, '', null],
  ])('target %s of state “%s” → %s', (target, from, state) => expect(targetState(support, target, from)).toBe(state));

  it.each([
    ['new|on|START|0', { state: 'new', kind: 'on', key: 'START', index: 0 }],
    ['waiting|after|P3D|2', { state: 'waiting', kind: 'after', key: 'P3D', index: 2 }],
    ['x|always||0', { state: 'x', kind: 'always', key: '', index: 0 }],
    ['x|sometimes|A|0', null],
    ['x|on|A|first', null],
  ])('id %s → %j', (id, ref) => expect(parseTransitionId(id)).toEqual(ref));

  it.each([
    [{ state: 'new', kind: 'on' as const, key: 'a/b', index: 1 }, '/states/new/on/a~1b/1'],
    [{ state: 'x', kind: 'always' as const, key: '', index: 0 }, '/states/x/always/0'],
  ])('pointer of %j → %s', (ref, pointer) => expect(transitionPointer(ref)).toBe(pointer));
});

describe('normalize and compact', () => {
  it.each([
    [undefined, [], undefined],
    ['a', [{ target: 'a' }], 'a'],
    [{ target: 'a', guard: { type: 'isOwner' } }, [{ target: 'a', guard: { type: 'isOwner' } }], { target: 'a', guard: { type: 'isOwner' } }],
    [
      ['a', { target: 'b' }],
      [{ target: 'a' }, { target: 'b' }],
      ['a', 'b'],
    ],
  ])('%j → %j → %j', (config, list, short) => {
    expect(normalize(config)).toEqual(list);
    expect(compact(list)).toEqual(short);
  });
});

describe('valueAt', () => {
  it.each([
    ['/states/new/on/ESCALATE/0/guard/params/field', 'priority'],
    ['/states/new/on/ESCALATE/guard/type', 'fieldIn'],
    ['/states/waiting/after/P3D/0/actions/0/type', 'createFollowUp'],
    ['/states/nope/on/X', undefined],
    ['/initial', 'new'],
  ])('%s → %j', (pointer, value) => expect(valueAt(support, pointer)).toBe(value));
});
