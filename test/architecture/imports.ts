import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Every .ts and .vue source file under `dirs` (relative to the repository), as repository paths. */
export function sourceFiles(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

// Static imports and re-exports of relative paths; `import type` is left out (it vanishes at build time), dynamic
// `import()` too (a lazily loaded page may import the router that loads it).
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\bfrom\s+)?['"](\.[^'"]+)['"]/gm;

/** The repository paths a file imports at run time. */
export function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1]!)));
}

// Every relative import, type-only and dynamic ones included: what a file depends on at all.
const ANY_IMPORT = /(?:^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\bfrom\s+)?|\bimport\s*\(\s*)['"](\.[^'"]+)['"]/gm;

/** The repository paths a file refers to in any import (type-only and lazy ones too; stylesheets included). */
export function allImportsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(ANY_IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1]!)));
}

/** The import cycles among `files`: each a list of files, each importing the next and the last the first. */
export function importCycles(files: string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((to) => known.has(to))]));
  // Tarjan's strongly connected components: every component of more than one file holds a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(component.reverse());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}
