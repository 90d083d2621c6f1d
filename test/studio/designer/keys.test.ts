import { describe, expect, it } from 'vitest';
import { fieldKeyFrom, isFieldKey, isOptionValue, optionValueFrom } from '../../../studio/designer/index.ts';

describe('fieldKeyFrom', () => {
  it.each([
    ['First name', [], 'firstName'],
    ['  VAT   ID ', [], 'vatId'],
    ['Straße Nr.', [], 'strasseNr'],
    ['Fête de la Musique', [], 'feteDeLaMusique'],
    ['Øresund Brücke', [], 'oresundBrucke'],
    ['Ærø Łódź', [], 'aeroLodz'],
    ['2nd phone', [], 'field2ndPhone'],
    ['!!!', [], 'field'],
    ['日本語', [], 'field'],
    ['', [], 'field'],
    ['e-mail_address', [], 'eMailAddress'],
    ['First name', ['firstName'], 'firstName2'],
    ['First name', ['firstName', 'firstName2'], 'firstName3'],
    ['!!!', ['field'], 'field2'],
    ['Entity', [], 'entity2'],
    ['Group', [], 'group2'],
    ['Constructor', [], 'constructor2'],
    ['to string', [], 'toString2'],
    ['And', [], 'and2'],
    ['Value of', [], 'valueOf2'],
    ['Order', [], 'order'],
  ])('%j with %j taken → %s', (label, taken, key) => {
    const got = fieldKeyFrom(label, new Set(taken));
    expect(got).toBe(key);
    expect(isFieldKey(got)).toBe(true);
  });

  it('keeps long keys within 64 characters, with and without a suffix', () => {
    const label = 'word '.repeat(40);
    const first = fieldKeyFrom(label, new Set());
    expect(first).toHaveLength(64);
    const second = fieldKeyFrom(label, new Set([first]));
    expect(second).toHaveLength(64);
    expect(second.endsWith('2')).toBe(true);
    expect([first, second].every(isFieldKey)).toBe(true);
  });
});

describe('optionValueFrom', () => {
  it.each([
    ['Cold call', [], 'cold_call'],
    ['Heiß', [], 'heiss'],
    ['Très   Chaud!', [], 'tres_chaud'],
    ['100 %', [], '100'],
    ['—', [], 'option'],
    ['Label', [], 'label_2'],
    ['Description', [], 'description_2'],
    ['Hot', ['hot'], 'hot_2'],
    ['Hot', ['hot', 'hot_2'], 'hot_3'],
  ])('%j with %j taken → %s', (label, taken, value) => {
    const got = optionValueFrom(label, new Set(taken));
    expect(got).toBe(value);
    expect(isOptionValue(got)).toBe(true);
  });
});

describe('isFieldKey / isOptionValue', () => {
  it.each([
    ['firstName', true, false],
    ['first_name', true, true],
    ['Name', false, false],
    ['9lives', false, true],
    ['hasOwnProperty', false, false],
    ['label', true, false],
    ['a'.repeat(64), true, true],
    ['a'.repeat(65), false, false],
  ])('%s: field key %s, option value %s', (key, field, option) => {
    expect(isFieldKey(key)).toBe(field);
    expect(isOptionValue(key)).toBe(option);
  });
});
