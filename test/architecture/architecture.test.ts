import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, ROOT, sourceFiles } from './imports.ts';

describe('the code’s shape', () => {
  it('has no import cycles in the runtime, the front ends or the tests', () => {
    const files = sourceFiles('runtime', 'studio', 'schemas', 'test').filter((f) => !f.startsWith('test/architecture/fixtures/'));
    expect(importCycles(files)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const cycles = importCycles(sourceFiles('test/architecture/fixtures'));
    expect(cycles).toEqual([['test/architecture/fixtures/a.ts', 'test/architecture/fixtures/b.ts']]);
  });

  it('writes records only under runtime/records (one write path)', () => {
    const writers = sourceFiles('runtime').filter((f) => /\b(?:INSERT INTO|UPDATE|DELETE FROM) records\b/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(writers.filter((f) => !f.startsWith('runtime/records/'))).toEqual([]);
  });
});
