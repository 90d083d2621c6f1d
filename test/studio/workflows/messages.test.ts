import { describe, expect, it } from 'vitest';
import { ACTIONS, GUARDS } from '../../../runtime/workflows/catalog.ts';
import { paramProperties } from '../../../studio/workflows/params.ts';
import messages from '../../../studio/workflows/workflow-messages.ts';

const LOCALES = ['en', 'de', 'fr', 'es'] as const;
type Locale = (typeof LOCALES)[number];

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
const english = new Map(flat(messages.en as Tree));
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
const forms = (text: string) => text.split('|').length;

describe('the workflow designer texts', () => {
  it.each(['de', 'fr', 'es'] as const)('%s has every English text, with the same placeholders and plural forms', (locale) => {
    const texts = new Map(flat(messages[locale] as Tree));
    expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, en] of english) {
      const text = texts.get(key)!;
      expect([key, placeholders(text)]).toEqual([key, placeholders(en)]);
      expect([key, forms(text)]).toEqual([key, forms(en)]);
    }
  });
});

describe('the runtime catalog’s texts', () => {
  const entries = { ...GUARDS, ...ACTIONS };
  // Every parameter of every schema (oneOf branches too), once per name: the same name may recur across entries.
  const params = Object.values(entries).flatMap((e) => Object.entries(paramProperties(e.params)));
  const names = [...new Set(params.map(([name]) => name))];
  const explained = (name: string) => params.some(([n, schema]) => n === name && typeof schema.description === 'string');
  const textOf = (locale: Locale, key: string) => new Map(flat(messages[locale] as Tree)).get(`workflows.catalog.${key}`);

  it('names no entry like the key that holds the parameters', () => expect(Object.keys(entries)).not.toContain('param'));

  it.each(LOCALES.flatMap((l) => Object.keys(entries).map((name) => [l, name] as const)))('%s names and describes %s', (locale, name) => {
    expect(textOf(locale, `${name}.label`)).toMatch(/\S/);
    expect(textOf(locale, `${name}.description`)).toMatch(/\S/);
  });

  it.each(LOCALES.flatMap((l) => names.map((name) => [l, name] as const)))(
    '%s titles the parameter %s (and explains it where the server does)',
    (locale, name) => {
      expect(textOf(locale, `param.${name}.title`)).toMatch(/\S/);
      if (explained(name)) expect(textOf(locale, `param.${name}.description`)).toMatch(/\S/);
    },
  );

  it('repeats the server’s English word for word', () => {
    for (const [name, e] of Object.entries(entries))
      expect([textOf('en', `${name}.label`), textOf('en', `${name}.description`)]).toEqual([e.label, e.description]);
    for (const [name, schema] of params) {
      expect([name, textOf('en', `param.${name}.title`)]).toEqual([name, schema.title]);
      if (typeof schema.description === 'string') expect(textOf('en', `param.${name}.description`)).toBe(schema.description);
    }
  });

  it.each(LOCALES)('%s catalog texts are plain text to vue-i18n (no placeholders, plurals or links)', (locale) => {
    const syntax = flat(messages[locale] as Tree).filter(([key, text]) => key.startsWith('workflows.catalog.') && /[{}@|]/.test(text));
    expect(syntax).toEqual([]);
  });
});
