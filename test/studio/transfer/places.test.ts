import { describe, expect, it } from 'vitest';
import { placeOf } from '../../../studio/transfer/path-names.ts';
import { generalProblems, placeProblem, problemsAt } from '../../../studio/transfer/problem-places.ts';
import { segments, valueAt } from '../../../studio/transfer/pointer.ts';

describe('pointers', () => {
  it.each([
    ['', []],
    ['/', []],
    ['/a/b', ['a', 'b']],
    ['/a~1b/c~0d', ['a/b', 'c~d']],
  ])('%j → %j', (pointer, keys) => expect(segments(pointer)).toEqual(keys));

  it.each([
    ['/a/b', 1],
    ['/a/list/1', 'y'],
    ['/a/missing', undefined],
    ['/a/b/c', undefined],
    ['', { a: { b: 1, list: ['x', 'y'] } }],
  ])('valueAt %j', (pointer, value) => expect(valueAt({ a: { b: 1, list: ['x', 'y'] } }, pointer)).toEqual(value));
});

describe('placeOf', () => {
  it.each([
    ['entities', ['form', 'schema', 'properties', 'budget', 'x-field'], 'field', ['budget'], ['x-field']],
    ['entities', ['form', 'uischema', 'elements', '0'], 'layout', [], ['elements', '0']],
    ['entities', ['i18n', 'de', 'budget.label'], 'fieldLabel', ['budget', 'de'], []],
    ['entities', ['i18n', 'fr', 'budget.description'], 'fieldHelp', ['budget', 'fr'], []],
    ['entities', ['i18n', 'es', 'rating.hot'], 'optionText', ['rating', 'hot', 'es'], []],
    ['entities', ['i18n', 'en', 'entity.pluralLabel'], 'pluralIn', ['en'], []],
    ['entities', ['i18n', 'de', 'group.contact.label'], 'groupLabel', ['contact', 'de'], []],
    ['entities', ['i18n', 'de', 'odd'], 'text', ['de', 'odd'], []],
    ['pipelines', ['i18n', 'de', 'stage.won'], 'stageName', ['won', 'de'], []],
    ['pipelines', ['i18n', 'fr', 'label'], 'nameIn', ['fr'], []],
    ['pipelines', ['stages', 'won', 'probability'], 'stage', ['won'], ['probability']],
    ['pipelines', ['stages', '~order'], 'stageOrder', [], []],
    ['workflows', ['states', 'open', 'on', 'CLOSE'], 'state', ['open'], ['on', 'CLOSE']],
    ['roles', ['entities', 'lead', 'read'], 'privilege', ['lead', 'read'], []],
    ['roles', ['tasks'], 'tasks', [], []],
    ['roles', ['unknown', 'x'], null, [], ['unknown', 'x']],
    ['entities', ['serviceLevels', 'targets', 'urgent', 'resolution'], 'slaResolution', ['urgent'], []],
    ['entities', ['serviceLevels', 'targets', 'low', 'firstResponse'], 'slaFirstResponse', ['low'], []],
    ['entities', ['serviceLevels', 'targets'], 'slaAllTargets', [], []],
    ['entities', ['serviceLevels', 'breach', '0', 'params'], 'slaBreach', [], ['0', 'params']],
    ['entities', ['serviceLevels'], 'serviceLevels', [], []],
  ] as const)('%s %j', (part, where, key, args, rest) => expect(placeOf(part, where)).toEqual({ key, args, rest }));
});

describe('placeProblem', () => {
  const problems = [
    { path: '/bundle/pipelines/sales/stages/2/requiredFields/0', message: 'no such field' },
    { path: '/mappings/stages/opportunity/negotiation', message: 'choose' },
    { path: '/bundle', message: 'must have required property entities' },
    { path: '/meta/sourceVersion', message: 'must be integer' },
    { path: '/bundle/roles/service_rep', message: '2 people hold this role' },
  ];
  const placed = problems.map(placeProblem);

  it('puts problems in a part at their key, with the keys below', () => {
    expect(placed[0]).toMatchObject({ part: 'pipelines', key: 'sales', where: ['stages', '2', 'requiredFields', '0'] });
    expect(problemsAt(placed, 'roles', 'service_rep').map((p) => p.message)).toEqual(['2 people hold this role']);
  });

  it('puts mapping problems at their choice', () => expect(placed[1]).toMatchObject({ choice: 'stages/opportunity/negotiation' }));

  it('keeps the rest for the top of the review', () => expect(generalProblems(placed).map((p) => p.path)).toEqual(['/bundle', '/meta/sourceVersion']));
});
