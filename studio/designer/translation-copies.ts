/** Texts that are most likely not translated yet: new labels start out as the same text in every language. */
import { translationRows } from './translations.ts';
import { type EntityConfig } from './types.ts';
import { LOCALES, type Locale } from '../../runtime/browser-safe/bundle.ts';

/**
 * Texts of `draft` that read exactly like another language's text and were not published that way, outside
 * `writtenIn` (the language the person writes in). Words that are the same in two languages ("Partner")
 * and were published so are not reported again.
 */
export function untranslatedCopies(draft: EntityConfig, published: EntityConfig | undefined, writtenIn: Locale): { key: string; locale: Locale }[] {
  return translationRows(draft).flatMap((row) =>
    LOCALES.filter((l) => {
      const text = row[l]?.trim();
      if (l === writtenIn || !text || published?.i18n[l]?.[row.key] === row[l]) return false;
      return LOCALES.some((other) => other !== l && row[other]?.trim() === text);
    }).map((locale) => ({ key: row.key, locale })),
  );
}
