/** Undo and redo over immutable values: each edit is a new value, so history is a list of them. */

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The tag of the last edit: a further edit with the same tag replaces it (one undo step per typed text). */
  tag?: string;
}

const LIMIT = 100;

/** A history with `present` and nothing to undo or redo. */
export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** `next` as the present; an edit tagged like the one before merges into it. Clears what could be redone. */
export function record<T>(h: History<T>, next: T, tag?: string): History<T> {
  if (next === h.present) return h;
  if (tag !== undefined && tag === h.tag && h.future.length === 0) return { ...h, present: next };
  return { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [], ...(tag === undefined ? {} : { tag }) };
}

/** The step before, or `h` itself when there is nothing to undo. */
export function undo<T>(h: History<T>): History<T> {
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
}

/** The step undone last, or `h` itself when there is nothing to redo. */
export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}
