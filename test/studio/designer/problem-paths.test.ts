import { describe, expect, it } from 'vitest';
import { fieldProblems, problemPlace } from '../../../studio/designer/problem-paths.ts';

describe('problemPlace', () => {
  it.each([
    ['/entities/lead/form/schema/properties/budget/pattern', { entity: 'lead', field: 'budget', setting: 'pattern' }],
    ['/entities/lead/form/schema/properties/tags/items/enum', { entity: 'lead', field: 'tags', setting: 'items/enum' }],
    ['/bundle/entities/case/form/schema/properties/x', { entity: 'case', field: 'x' }],
    ['/entities/lead/i18n/de/budget.label', { entity: 'lead', field: 'budget' }],
    ['/entities/lead/i18n/de/group.contact.label', { entity: 'lead' }],
    ['/entities/lead/form/uischema/elements/3', { entity: 'lead' }],
    ['/entities/a~1b/label', { entity: 'a/b' }],
    ['/roles/member', null],
    ['/entities', null],
    ['', null],
  ])('%s', (path, place) => {
    expect(problemPlace(path)).toEqual(place);
  });
});

describe('fieldProblems', () => {
  it('keeps the errors of one field, with the setting they name', () => {
    const errors = [
      { path: '/entities/lead/form/schema/properties/budget/maximum', message: 'too small' },
      { path: '/entities/lead/i18n/de/budget.label', message: 'too long' },
      { path: '/entities/case/form/schema/properties/budget', message: 'other form' },
      { path: '/entities/lead/form/schema/properties/rating', message: 'other field' },
    ];
    expect(fieldProblems(errors, 'lead', 'budget')).toEqual([{ message: 'too small', setting: 'maximum' }, { message: 'too long' }]);
    expect(fieldProblems([], 'lead', 'budget')).toEqual([]);
  });
});
