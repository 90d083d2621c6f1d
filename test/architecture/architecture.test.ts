import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allImportsOf, importCycles, ROOT, sourceFiles } from './imports.ts';

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

  it('lets the front ends import from the server only its browser-safe modules', () => {
    const reaching = sourceFiles('runtime/web', 'studio').flatMap((f) =>
      allImportsOf(f)
        .filter((to) => to.startsWith('runtime/') && !to.startsWith('runtime/web/') && !to.startsWith('runtime/browser-safe/'))
        .map((to) => `${f} → ${to}`),
    );
    expect(reaching).toEqual([]);
  });

  it('keeps the front-end kit free of the workspace and the studio, and the browser-safe modules free of everything else', () => {
    const kit = sourceFiles('runtime/web/kit').flatMap((f) =>
      allImportsOf(f)
        .filter((to) => !to.startsWith('runtime/web/kit/') && !to.startsWith('runtime/browser-safe/'))
        .map((to) => `${f} → ${to}`),
    );
    const safe = sourceFiles('runtime/browser-safe').flatMap((f) =>
      allImportsOf(f)
        .filter((to) => !to.startsWith('runtime/browser-safe/'))
        .map((to) => `${f} → ${to}`),
    );
    expect([...kit, ...safe]).toEqual([]);
  });
});
