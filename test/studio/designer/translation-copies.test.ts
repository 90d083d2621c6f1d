import { describe, expect, it } from 'vitest';
import { setTranslation } from '../../../studio/designer/index.ts';
import { setFieldLabel } from '../../../studio/designer/element-edits.ts';
import { addFromPalette } from '../../../studio/designer/palette.ts';
import { untranslatedCopies } from '../../../studio/designer/translation-copies.ts';
import { FIELD_TYPES as REGISTRY } from '../../../runtime/web/kit/forms/fields/index.ts';
import { entity } from './support.ts';

const currency = REGISTRY.find((t) => t.key === 'currency')!;

describe('untranslatedCopies', () => {
  it('reports a new label in the languages it was copied to, not in the one it was written in', () => {
    const published = entity();
    const draft = setFieldLabel(addFromPalette(published, currency, 'New field').entity, 'newField', 'Budget', 'en').entity;
    expect(untranslatedCopies(draft, published, 'en')).toEqual([
      { key: 'budget.label', locale: 'de' },
      { key: 'budget.label', locale: 'fr' },
      { key: 'budget.label', locale: 'es' },
    ]);
    const translated = setTranslation(draft, 'de', 'budget.label', 'Budget (DE)');
    expect(untranslatedCopies(translated, published, 'en').map((c) => c.locale)).toEqual(['fr', 'es']);
  });

  it('leaves texts alone that were published the same in two languages', () => {
    const published = entity();
    expect(published.i18n.de['source.partner']).toBe(published.i18n.en['source.partner']);
    expect(untranslatedCopies(published, published, 'en')).toEqual([]);
  });

  it('treats everything as new when nothing is published', () => {
    const e = entity();
    expect(untranslatedCopies(e, undefined, 'en').length).toBeGreaterThan(0);
  });
});
