import { describe, expect, it } from 'vitest';
import type { GuardRef } from '../../runtime/browser-safe/workflow-definition.ts';
import { needsOf } from '../../runtime/workflows/explain.ts';

const input = (data: Record<string, unknown>, roleKey = 'member', userId = 'mia') => ({
  data,
  ownerId: 'mia',
  createdBy: 'mia',
  actor: { userId, roles: [roleKey] },
});
const filled: GuardRef = { type: 'fieldsPresent', params: { fields: ['email', 'company'] } };
const hot: GuardRef = { type: 'fieldEquals', params: { field: 'rating', value: 'hot' } };
const managers: GuardRef = { type: 'hasRole', params: { roles: ['manager'] } };

describe('what an event still needs, in terms a person can act on', () => {
  it.each<[string, GuardRef, ReturnType<typeof input>, unknown]>([
    ['nothing when the guard passes', filled, input({ email: 'a@b.c', company: 'Acme' }), []],
    ['the fields still empty', filled, input({ email: 'a@b.c', company: '' }), [{ kind: 'filled', fields: ['company'] }]],
    ['the value a field must hold', hot, input({ rating: 'cold' }), [{ kind: 'value', field: 'rating', values: ['hot'] }]],
    [
      'one of several values',
      { type: 'fieldIn', params: { field: 'priority', values: ['high', 'urgent'] } },
      input({}),
      [{ kind: 'value', field: 'priority', values: ['high', 'urgent'] }],
    ],
    ['being the owner', { type: 'isOwner' }, input({}, 'member', 'max'), [{ kind: 'owner' }]],
    [
      'every failing part of an and',
      { type: 'and', guards: [filled, hot] },
      input({ email: 'a@b.c' }),
      [
        { kind: 'filled', fields: ['company'] },
        { kind: 'value', field: 'rating', values: ['hot'] },
      ],
    ],
    ['nothing to show for a role the guard never lets through', managers, input({}), null],
    ['nor when an and needs another role', { type: 'and', guards: [managers, hot] }, input({}), null],
    ['an or as the workflow’s conditions', { type: 'or', guards: [hot, filled] }, input({}), [{ kind: 'other' }]],
    ['an or of other roles only: nothing', { type: 'or', guards: [managers, { type: 'hasRole', params: { roles: ['owner'] } }] }, input({}), null],
  ])('%s', (_what, guard, given, expected) => {
    expect(needsOf(guard, given)).toEqual(expected);
  });
});
