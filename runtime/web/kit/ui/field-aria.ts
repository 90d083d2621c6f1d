import { nextTick } from 'vue';

/** An input's `aria-describedby`: the ids given that are set (its error, its help), or none at all. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** Moves focus to the first field marked invalid inside `container` (a CSS selector), once the page shows it. */
export function focusFirstInvalid(container: string): void {
  void nextTick(() => document.querySelector<HTMLElement>(`${container} [aria-invalid="true"]`)?.focus());
}
