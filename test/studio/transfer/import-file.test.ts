import { describe, expect, it } from 'vitest';
import { lineAndColumn, readImportFile } from '../../../studio/transfer/import-file.ts';

describe('readImportFile', () => {
  it('reads an export, keeping its text as it is for the server', () => {
    const text = '{"meta": {"sourceTenant": "acme", "sourceVersion": 3, "exportedAt": "2026-11-23T10:00:00.000Z"}, "bundle": {"format": "crm-studio/config"}}';
    const read = readImportFile('acme.json', text);
    expect(read).toEqual({
      file: {
        name: 'acme.json',
        text,
        bundle: { format: 'crm-studio/config' },
        meta: { sourceTenant: 'acme', sourceVersion: 3, exportedAt: '2026-11-23T10:00:00.000Z' },
      },
    });
  });

  it('reads a bare {bundle} without meta', () =>
    expect(readImportFile('b.json', '{"bundle": {}}')).toEqual({ file: { name: 'b.json', text: '{"bundle": {}}', bundle: {} } }));

  it.each([
    ['an empty file', '  \n', { kind: 'empty' }],
    ['an array', '[1, 2]', { kind: 'shape' }],
    ['an object without bundle', '{"entities": {}}', { kind: 'shape' }],
    ['a bundle that is not an object', '{"bundle": "x"}', { kind: 'shape' }],
  ])('refuses %s', (_, text, problem) => expect(readImportFile('f.json', text)).toEqual({ problem }));

  it('says where broken JSON breaks', () => {
    const read = readImportFile('f.json', '{\n  "bundle": {\n    "a": 1,\n  }\n}');
    expect(read).toMatchObject({ problem: { kind: 'json', line: 4, column: 3 } });
  });
});

describe('lineAndColumn', () => {
  it.each([
    [0, { line: 1, column: 1 }],
    [3, { line: 2, column: 1 }],
    [5, { line: 2, column: 3 }],
  ])('index %i', (index, at) => expect(lineAndColumn('ab\ncde', index)).toEqual(at));
});
