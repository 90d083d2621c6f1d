import { describe, expect, it } from 'vitest';
import { delayOf, delayParts, msParts, simpleDelay } from '../../../studio/workflows/delays.ts';
import { guardFrom, guardList, guardNames } from '../../../studio/workflows/guards.ts';

describe('delays', () => {
  it.each([
    ['P3D', [{ n: 3, unit: 'day' }]],
    [
      'PT4H30M',
      [
        { n: 4, unit: 'hour' },
        { n: 30, unit: 'minute' },
      ],
    ],
    ['P1W', [{ n: 1, unit: 'week' }]],
    ['PT0S', []],
    ['5000', [{ n: 5000, unit: 'millisecond' }]],
    ['3 days', null],
    ['P', null],
  ])('%s → %j', (delay, parts) => expect(delayParts(delay)).toEqual(parts));

  it.each([
    ['P3D', { n: 3, unit: 'day' }],
    ['PT15M', { n: 15, unit: 'minute' }],
    ['PT4H30M', null],
    ['P1Y', null],
  ])('simple %s → %j', (delay, simple) => expect(simpleDelay(delay)).toEqual(simple));

  it.each([
    [3, 'day', 'P3D'],
    [4, 'hour', 'PT4H'],
    [0, 'minute', 'PT1M'],
    [2, 'week', 'P2W'],
  ] as const)('%d %s → %s', (n, unit, delay) => expect(delayOf(n, unit)).toBe(delay));
});

describe('milliseconds in words', () => {
  it.each([
    [259_200_000, [{ n: 3, unit: 'day' }]],
    [5_400_000, [{ n: 90, unit: 'minute' }]],
    [1500, [{ n: 1500, unit: 'millisecond' }]],
    [0, []],
  ])('%d → %j', (ms, parts) => expect(msParts(ms)).toEqual(parts));
});

describe('guards as a list', () => {
  const role = { type: 'hasRole', params: { roles: ['manager'] } };
  const owner = { type: 'isOwner' };
  it.each([
    [undefined, []],
    [role, [role]],
    [{ type: 'and', guards: [role, owner] }, [role, owner]],
    [{ type: 'or', guards: [role, owner] }, null],
    [{ type: 'not', guard: role }, null],
    [{ type: 'and', guards: [role, { type: 'not', guard: owner }] }, null],
  ])('%j → %j', (guard, list) => expect(guardList(guard)).toEqual(list));

  it.each([
    [[], null],
    [[role], role],
    [[role, owner], { type: 'and', guards: [role, owner] }],
  ])('from %j → %j', (list, guard) => expect(guardFrom(list)).toEqual(guard));

  it('names every catalog guard used', () => expect(guardNames({ type: 'or', guards: [role, { type: 'not', guard: owner }] })).toEqual(['hasRole', 'isOwner']));
});
