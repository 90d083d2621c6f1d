/** Server problems (JSON Pointers into the import body) sorted to where the page shows them. */
import { PARTS, type Part } from '../../runtime/browser-safe/diff.ts';
import type { FieldError } from '../../runtime/web/kit/api/client.ts';
import { segments } from './pointer.ts';

/** A problem at a key of a part (`where` below it), at a mapping (`choice`), or about the file as a whole. */
export interface PlacedProblem {
  message: string;
  path: string;
  part?: Part;
  key?: string;
  where: string[];
  choice?: string;
}

/** Where a problem belongs: `/bundle/<part>/<key>/…` at that key, `/mappings/<kind>/<entity>/<old>` at that choice, else the file. */
export function placeProblem(problem: FieldError): PlacedProblem {
  const keys = segments(problem.path);
  const base = { message: problem.message, path: problem.path, where: [] as string[] };
  if (keys[0] === 'bundle' && PARTS.includes(keys[1] as Part) && keys[2] !== undefined) {
    return { ...base, part: keys[1] as Part, key: keys[2], where: keys.slice(3) };
  }
  if (keys[0] === 'mappings' && keys.length === 4) return { ...base, choice: keys.slice(1).join('/') };
  return base;
}

/** The problems of one key of one part. */
export const problemsAt = (problems: readonly PlacedProblem[], part: Part, key: string) => problems.filter((p) => p.part === part && p.key === key);

/** Problems that are neither at a part's key nor at a mapping: shown above the diff. */
export const generalProblems = (problems: readonly PlacedProblem[]) => problems.filter((p) => !p.part && !p.choice);
