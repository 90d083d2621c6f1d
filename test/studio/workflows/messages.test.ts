import { describe, expect, it } from 'vitest';
import messages from '../../../studio/workflows/workflow-messages.ts';

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
