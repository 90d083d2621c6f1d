import { describe, expect, it } from 'vitest';
import messages from '../../../studio/transfer/transfer-messages.ts';

/** Every key path of a nested message object, with the number of plural forms of each text. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}:${value.split(' | ').length}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
}

describe('transfer messages', () => {
  it.each(['de', 'fr', 'es'] as const)('%s has every English text, with as many plural forms', (locale) => {
    expect(shape(messages[locale])).toEqual(shape(messages.en));
  });

  it('uses only its own top-level key, so merging with other modules replaces nothing', () => {
    for (const locale of ['en', 'de', 'fr', 'es'] as const) expect(Object.keys(messages[locale])).toEqual(['transfer']);
  });

  it('fills the same placeholders in every language', () => {
    const placeholders = (locale: 'en' | 'de' | 'fr' | 'es') =>
      shape(messages[locale]).length &&
      JSON.stringify(messages[locale])
        .match(/\{\w+\}/g)
        ?.sort();
    for (const locale of ['de', 'fr', 'es'] as const) expect(placeholders(locale)).toEqual(placeholders('en'));
  });
});
