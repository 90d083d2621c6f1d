import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../runtime/browser-safe/bundle.ts';
import { indexTexts, matchQuery, words } from '../../runtime/records/search-text.ts';

const schema: FormSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', 'x-field': 'text' },
    secret: { type: 'string', 'x-field': 'text' },
    tags: { type: 'array', 'x-field': 'multiselect', items: { type: 'string' } },
    amount: { type: 'number', 'x-field': 'number' },
  },
};

const where = { tenantId: 't1', entity: 'lead', ownerId: 'u1', createdBy: 'u2', team: null };

describe('search text', () => {
  it.each([
    ['Étienne  Dupont-Smith', ['etienne', 'dupont', 'smith']],
    ['  ', []],
    ['MÜLLER & Söhne GmbH', ['muller', 'sohne', 'gmbh']],
    ['3D-printer_x', ['3d', 'printer', 'x']],
  ])('splits %j into %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('tags every word with its field, so fields can be searched apart', () => {
    const text = indexTexts(schema, { name: 'Ada', secret: 'Ada', tags: ['vip'], amount: 5 }, where).text;
    const tokens = text.split(' ').filter((t) => t.startsWith('k'));
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens.every((t) => /^k[0-9a-f]{8}[a-z]+$/.test(t))).toBe(true);
  });

  it('builds a query over the readable fields only', () => {
    const q = matchQuery('ada lov', ['name'])!;
    const text = indexTexts(schema, { name: 'x', secret: 'ada' }, where).text;
    expect(q).not.toContain(
      text
        .split(' ')
        .filter((t) => t.startsWith('k'))[1]!
        .slice(0, 9),
    );
    expect(q.split(' AND ')).toHaveLength(2);
    expect(matchQuery('  ', ['name'])).toBeUndefined();
    expect(matchQuery('ada', [])).toBe('"knomatch"');
  });
});
