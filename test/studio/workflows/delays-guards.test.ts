import { describe, expect, it } from 'vitest';
import { delayOf, delayParts, msParts, simpleDelay } from '../../../studio/workflows/delays.ts';
import { guardFrom, guardList, guardText } from '../../../studio/workflows/guards.ts';
import type { Guard } from '../../../studio/workflows/model.ts';

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

describe('guards as a set', () => {
  const role = { type: 'hasRole', params: { roles: ['manager'] } };
  const owner = { type: 'isOwner' };
  const not = (guard: Guard): Guard => ({ type: 'not', guard });
  const set = (any: boolean, items: object[], negated: boolean[]) => ({ any, items, negated });
  it.each([
    [undefined, set(false, [], [])],
    [role, set(false, [role], [false])],
    [not(role), set(false, [role], [true])],
    [{ type: 'and', guards: [role, owner] }, set(false, [role, owner], [false, false])],
    [{ type: 'or', guards: [role, not(owner)] }, set(true, [role, owner], [false, true])],
    [not({ type: 'and', guards: [role, owner] }), null],
    [{ type: 'or', guards: [role, { type: 'and', guards: [owner, role] }] }, null],
    [{ type: 'and', guards: [not(not(role))] }, null],
  ])('%j → %j', (guard, expected) => expect(guardList(guard as never)).toEqual(expected));

  it.each([
    [set(false, [], []), null],
    [set(true, [role], [false]), role],
    [set(false, [role], [true]), not(role)],
    [set(false, [role, owner], [false, false]), { type: 'and', guards: [role, owner] }],
    [set(true, [role, owner], [true, false]), { type: 'or', guards: [not(role), owner] }],
  ])('from %j → %j', (given, guard) => expect(guardFrom(given as never)).toEqual(guard));

  it('says a guard in words, brackets around groups inside others', () => {
    const words = { and: 'and', or: 'or', not: (c: string) => `not ${c}` };
    const name = (type: string) => ({ hasRole: 'Role', isOwner: 'Owner', fieldsPresent: 'Filled' })[type] ?? type;
    expect(guardText({ type: 'or', guards: [role, not(owner)] }, name, words)).toBe('Role or not Owner');
    expect(guardText({ type: 'and', guards: [role, { type: 'or', guards: [owner, { type: 'fieldsPresent' }] }] }, name, words)).toBe(
      'Role and (Owner or Filled)',
    );
    expect(guardText(not({ type: 'and', guards: [role, owner] }) as never, name, words)).toBe('not (Role and Owner)');
    expect(guardText(undefined, name, words)).toBe('');
  });
});
