import { LOCALES, type Locale } from '../browser-safe/bundle.ts';
import PAGE_TEXTS from './page-texts.ts';

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The visitor's language: `?lang=` when it is one of ours, else the first of theirs (Accept-Language, by weight) that
 * is, else the company's.
 */
export function visitorLocale(lang: string | undefined, acceptLanguage: string | undefined, company: Locale): Locale {
  if (isLocale(lang)) return lang;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim().slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return wanted.map((w) => w.tag).find(isLocale) ?? company;
}

type Tree = { [key: string]: string | Tree };

/** The page texts in `locale`: `say('errors.maxLength', {n: 100})`. */
export function pageTexts(locale: Locale) {
  const tree = PAGE_TEXTS[locale].publicForm as Tree;
  return (key: string, values: Record<string, string | number> = {}): string => {
    let at: string | Tree | undefined = tree;
    for (const part of key.split('.')) at = typeof at === 'object' ? at[part] : undefined;
    const text = typeof at === 'string' ? at : key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
  };
}

/** A function that says page texts in one language. */
export type Say = ReturnType<typeof pageTexts>;
