import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT } from '../../runtime/browser-safe/bundle.ts';
import { FormatError, upgradeFormat } from '../../runtime/config/format-version.ts';
import { backtrackingPatternErrors, hasNestedRepetition, idShapedStrings } from '../../runtime/config/import-checks.ts';
import { defaultBundle } from '../../runtime/config/store.ts';
import { canonicalJson, mergeBundles } from '../../runtime/browser-safe/transfer.ts';

describe('hasNestedRepetition', () => {
  it.each([
    ['(a+)+$', true],
    ['^(a*)*$', true],
    ['(\\w+\\s?)+', true],
    ['((ab)+c)*', true],
    ['(a{1,9}){2,}', true],
    ['([a-z]+)*@', true],
    ['^[a-z]+$', false],
    ['^(\\d{3}-)?\\d{4}$', false],
    ['^(\\d{3}-){2}\\d{4}$', false],
    ['^(?:[A-Z]{2})+$', false],
    ['^[(+)]+$', false],
    ['^\\(a+\\)+$', false],
    ['^(a|b)+$', false],
  ])('%s → %s', (pattern, nested) => {
    expect(hasNestedRepetition(pattern)).toBe(nested);
  });

  it('reports form patterns at their paths, in schemas and rule conditions', () => {
    const b = defaultBundle();
    b.entities.lead!.form.schema.properties.company!.pattern = '(a+)+$';
    (b.entities.case!.form.uischema as any).rule = { effect: 'SHOW', condition: { scope: '#/properties/subject', schema: { pattern: '^(x*)*$' } } };
    expect(backtrackingPatternErrors(b, '/bundle').map((e) => e.path)).toEqual([
      '/bundle/entities/lead/form/schema/properties/company/pattern',
      '/bundle/entities/case/form/uischema/rule/condition/schema/pattern',
    ]);
  });
});

describe('idShapedStrings', () => {
  it('finds values and keys shaped like database ids, with their pointers', () => {
    const found = idShapedStrings({ a: ['0123456789abcdef', 'short'], '0123456789abcdeg': 1, label: 'Olive' }, '/bundle');
    expect(found).toEqual([
      { path: '/bundle/a/0', value: '0123456789abcdef' },
      { path: '/bundle/0123456789abcdeg', value: '0123456789abcdeg' },
    ]);
  });
});

describe('upgradeFormat', () => {
  const v1 = { format: BUNDLE_FORMAT, formatVersion: 1, entities: {} };

  it('passes the current version through unchanged', () => {
    expect(upgradeFormat(v1, '/bundle')).toBe(v1);
  });

  it('refuses newer, unknown and foreign formats with a clear message at the path', () => {
    const refused = (value: unknown) => {
      try {
        upgradeFormat(value, '/bundle');
      } catch (e) {
        return { path: (e as FormatError).path, message: (e as FormatError).message };
      }
      throw new Error('accepted');
    };
    expect(refused({ ...v1, formatVersion: 2 })).toEqual({
      path: '/bundle/formatVersion',
      message: expect.stringContaining('newer than this crm-studio understands'),
    });
    expect(refused({ ...v1, formatVersion: 0 })).toEqual({ path: '/bundle/formatVersion', message: expect.stringContaining('reads versions 1 to 1') });
    expect(refused({ ...v1, formatVersion: '1' })).toEqual({ path: '/bundle/formatVersion', message: 'must be a whole number' });
    expect(refused({ ...v1, format: 'other/config' }).path).toBe('/bundle/format');
  });

  it('runs a chain of steps one version at a time, without changing its input', () => {
    // A chain supplied to the pure function (the product's chain starts at version 1 and is empty today).
    const steps = { 1: (b: any) => ({ ...b, renamed: b.old, old: undefined }), 2: (b: any) => ({ ...b, added: true }) };
    const input = { format: BUNDLE_FORMAT, formatVersion: 1, old: 'x' };
    expect(upgradeFormat(input, '', steps, 3)).toEqual({ format: BUNDLE_FORMAT, formatVersion: 3, renamed: 'x', old: undefined, added: true });
    expect(input).toEqual({ format: BUNDLE_FORMAT, formatVersion: 1, old: 'x' });
    expect(() => upgradeFormat({ ...input, formatVersion: 0 }, '', steps, 3)).toThrow('reads versions 1 to 3');
  });
});

describe('mergeBundles', () => {
  it('keeps the target’s extra keys with merge and lists them with replace', () => {
    const target = defaultBundle();
    target.roles.auditor = { label: 'Auditor', entities: {}, tasks: ['audit.view'] };
    const incoming = defaultBundle();
    delete incoming.roles.manager;
    incoming.entities.lead!.label = 'Prospect';
    const merged = mergeBundles(target, incoming, 'merge');
    expect(Object.keys(merged.result.roles)).toEqual(expect.arrayContaining(['auditor', 'manager']));
    expect(merged.result.entities.lead!.label).toBe('Prospect');
    expect(merged.removed).toEqual([]);
    const replaced = mergeBundles(target, incoming, 'replace');
    expect(replaced.removed).toEqual([
      { part: 'roles', key: 'auditor' },
      { part: 'roles', key: 'manager' },
    ]);
    expect(replaced.result.roles.auditor).toBeUndefined();
  });

  it('writes canonical JSON: sorted keys, arrays in order', () => {
    expect(canonicalJson({ b: [3, 1, { z: 1, a: 2 }], a: null })).toBe(
      '{\n  "a": null,\n  "b": [\n    3,\n    1,\n    {\n      "a": 2,\n      "z": 1\n    }\n  ]\n}\n',
    );
  });
});
