import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import defaultBundle from '../../../runtime/config/default-bundle.json' with { type: 'json' };
import { bundleErrors } from '../../../runtime/config/validate.ts';
import { ExpressionError, parseExpression } from '../../../runtime/browser-safe/expressions/index.ts';
import { rollupFields, rollupSources, setFormula, setRollup } from '../../../studio/designer/calculation-edits.ts';
import type { Bundle } from '../../../studio/designer/draft-store.ts';
import formula from '../../../studio/designer/formula-messages.ts';
import { formulaProblemText } from '../../../studio/designer/formula-text.ts';
import { DesignerError, type EntityConfig } from '../../../studio/designer/types.ts';

const bundle = () => structuredClone(defaultBundle) as unknown as Bundle;
const withField = (e: EntityConfig, key: string, field: object, required = false): EntityConfig => ({
  ...e,
  form: {
    ...e.form,
    schema: {
      ...e.form.schema,
      properties: { ...e.form.schema.properties, [key]: field as never },
      required: [...(e.form.schema.required ?? []), ...(required ? [key] : [])],
    },
  },
});

describe('making a field calculated in the designer', () => {
  it('sets a working formula, drops required and default, and the server accepts the result', () => {
    const b = bundle();
    const deal = withField(b.entities.opportunity!, 'weighted', { type: 'number', 'x-field': 'currency', default: 3 }, true);
    const next = setFormula(deal, 'weighted', ' amount * _probability / 100 ');
    expect(next.form.schema.properties.weighted).toEqual({ type: 'number', 'x-field': 'currency', 'x-formula': 'amount * _probability / 100' });
    expect(next.form.schema.required).not.toContain('weighted');
    expect(bundleErrors({ ...b, entities: { ...b.entities, opportunity: next } })).toEqual([]);
    // Entered by people again: the formula goes, the field stays.
    expect(setFormula(next, 'weighted', undefined).form.schema.properties.weighted).toEqual({ type: 'number', 'x-field': 'currency' });
  });

  it('refuses a formula that does not work or gives the wrong kind of value, and fields that cannot hold one', () => {
    const deal = withField(bundle().entities.opportunity!, 'weighted', { type: 'number', 'x-field': 'currency' });
    expect(() => setFormula(deal, 'weighted', 'amout * 2')).toThrow(DesignerError);
    expect(() => setFormula(deal, 'weighted', 'name')).toThrow(/gives a string/);
    expect(() => setFormula(deal, 'description', 'name')).toThrow(/cannot be calculated/);
  });

  it('offers as roll-up sources every type that refers here, and the fields each calculation can use', () => {
    const b = bundle();
    expect(rollupSources(b, 'account')).toEqual(
      expect.arrayContaining([
        { entity: 'opportunity', via: 'account' },
        { entity: 'case', via: 'account' },
        { entity: 'contact', via: 'account' },
      ]),
    );
    expect(rollupFields(b.entities.opportunity!)).toEqual(['amount']);
    const account = withField(b.entities.account!, 'openAmount', { type: 'number', 'x-field': 'currency' });
    const next = setRollup(account, 'openAmount', { entity: 'opportunity', via: 'account', op: 'sum', field: 'amount' });
    expect(bundleErrors({ ...b, entities: { ...b.entities, account: next } })).toEqual([]);
    expect(() => setRollup(account, 'name', { entity: 'opportunity', via: 'account', op: 'count' })).toThrow(/cannot hold a roll-up/);
  });
});

describe('a formula’s problem in words', () => {
  const problem = (text: string, locale: 'en' | 'de') => {
    const { global } = createI18n({ legacy: false, locale, messages: formula, missingWarn: false, fallbackWarn: false });
    try {
      parseExpression(text);
    } catch (e) {
      return formulaProblemText(global.t, e as ExpressionError);
    }
    throw new Error('parsed');
  };

  it('is in the person’s language, with positions counted from one', () => {
    expect(problem('amount * (2', 'en')).toMatch(/12/);
    expect(problem('amount * (2', 'de')).not.toBe(problem('amount * (2', 'en'));
    expect(problem('"open', 'de')).not.toMatch(/formula\./);
  });
});
