// Prints the gzip size of each front-end entry's initial JavaScript (what loads before the first page shows),
// and of its lazy chunks, from Vite's manifest. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const dist = join(import.meta.dirname, '..', '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const BUDGET = 250 * 1024;

/** The entry chunk and every chunk it imports statically, transitively. */
function initial(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]!.imports ?? []) initial(dep, seen);
  return seen;
}

/** Every chunk the entry may ever load: static and dynamic imports, transitively. */
function reachable(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of [...(manifest[key]!.imports ?? []), ...(manifest[key]!.dynamicImports ?? [])]) reachable(dep, seen);
  return seen;
}

let over = false;
for (const key of Object.keys(manifest).filter((k) => manifest[k]!.isEntry)) {
  const keys = initial(key);
  const js = [...keys].reduce((sum, k) => sum + gz(manifest[k]!.file), 0);
  const css = [...keys].flatMap((k) => manifest[k]!.css ?? []).reduce((sum, f) => sum + gz(f), 0);
  const lazy = [...reachable(key)].filter((k) => !keys.has(k));
  const lazyJs = lazy.reduce((sum, k) => sum + gz(manifest[k]!.file), 0);
  over ||= js > BUDGET;
  console.log(
    `${key.padEnd(26)} initial JS ${kB(js).padStart(9)} gzip (budget ${kB(BUDGET)})  CSS ${kB(css)}  lazy chunks: ${lazy.length}, ${kB(lazyJs)} gzip  ${js > BUDGET ? 'OVER BUDGET' : ''}`,
  );
}
process.exitCode = over ? 1 : 0;
