/** Verification problems (JSON Pointers inside the workflow) placed on states and transitions, and named in words. */
import { transitionId, type TransitionKind, type TransitionRef } from './transitions.ts';

/** One problem the server's verifier reported. */
export interface Problem {
  path: string;
  message: string;
}
/** What of a state or transition a problem concerns, as the interface names it. */
export interface Setting {
  what: 'none' | 'target' | 'guard' | 'action' | 'entry' | 'exit' | 'initial' | 'label' | 'other';
  /** The 1-based position among guards or actions. */
  n?: number;
  /** The parameter named, when the pointer goes that deep. */
  param?: string;
  raw: string;
}
/** Where a problem is: the workflow itself, a state, or a transition of a state. */
export interface ProblemPlace {
  state?: string;
  transition?: TransitionRef;
  setting: Setting;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);

/** What the rest of a pointer names: `guard/guards/1/params/field` → the 2nd guard's "field". */
export function settingOf(parts: readonly string[]): Setting {
  const raw = parts.join('/');
  const [head, ...rest] = parts;
  if (head === undefined) return { what: 'none', raw };
  if (head === 'target' || head === 'initial') return { what: head, raw };
  if (head === 'meta') return { what: 'label', raw };
  const param = (from: readonly string[]) => (from[0] === 'params' && from[1] ? { param: from[1] } : {});
  if (head === 'guard') {
    if (rest[0] === 'guards' && isIndex(rest[1])) return { what: 'guard', n: Number(rest[1]) + 1, ...param(rest.slice(2)), raw };
    return { what: 'guard', ...param(rest), raw };
  }
  if ((head === 'actions' || head === 'entry' || head === 'exit') && isIndex(rest[0])) {
    return { what: head === 'actions' ? 'action' : head, n: Number(rest[0]) + 1, ...param(rest.slice(1)), raw };
  }
  return { what: 'other', raw };
}

/** The state and transition a pointer into the workflow names (`/states/new/on/START/0/target`, `/states/working/states/waiting/after/P3D`). */
export function problemPlace(path: string): ProblemPlace {
  const parts = path.split('/').slice(1).map(unescape);
  if (parts[0] !== 'states' || !parts[1]) return { setting: settingOf(parts) };
  // Down through nested states: `states/<key>` pairs make the state's path.
  let at = 0;
  const keys: string[] = [];
  while (parts[at] === 'states' && parts[at + 1] !== undefined) {
    keys.push(parts[at + 1]!);
    at += 2;
  }
  const state = keys.join('.');
  const [kind, ...rest] = parts.slice(at);
  if ((kind === 'on' || kind === 'after') && rest[0] !== undefined) return inTransition(state, kind, rest[0], rest.slice(1));
  if (kind === 'always') return inTransition(state, 'always', '', rest);
  return { state, setting: settingOf(parts.slice(at)) };
}

function inTransition(state: string, kind: TransitionKind, key: string, rest: string[]): ProblemPlace {
  const indexed = isIndex(rest[0]);
  const index = indexed ? Number(rest[0]) : 0;
  return { state, transition: { state, kind, key, index }, setting: settingOf(indexed ? rest.slice(1) : rest) };
}

/** The states and transitions (by id) that have problems, for the canvas and tables to mark. */
export function problemMarks(problems: readonly Problem[]): { states: Map<string, string[]>; transitions: Map<string, string[]> } {
  const states = new Map<string, string[]>();
  const transitions = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
  for (const p of problems) {
    const place = problemPlace(p.path);
    if (place.transition) add(transitions, transitionId(place.transition), p.message);
    else if (place.state) add(states, place.state, p.message);
  }
  return { states, transitions };
}
