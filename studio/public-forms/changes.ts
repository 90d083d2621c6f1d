/** What publishing changes in the public forms, as data for the review to put in words. */
import type { PublicFormDef } from '../../runtime/browser-safe/bundle.ts';

/** An aspect of a form that changed, each said in its own words. */
export type FormAspect = 'entity' | 'fields' | 'order' | 'labels' | 'title' | 'intro' | 'thankYou' | 'sites' | 'proofOfWork';

export type FormChange =
  | { key: string; change: 'added' | 'removed' }
  | { key: string; change: 'activated' | 'deactivated' }
  | { key: string; change: 'changed'; aspects: FormAspect[]; addedFields: string[]; removedFields: string[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changes from `before` (published) to `after` (draft), form by form; one form may both change and be switched on or off. */
export function formChanges(before: Record<string, PublicFormDef>, after: Record<string, PublicFormDef>): FormChange[] {
  const changes: FormChange[] = [];
  for (const [key, form] of Object.entries(after)) {
    const old = Object.hasOwn(before, key) ? before[key] : undefined;
    if (!old) {
      changes.push({ key, change: 'added' });
      continue;
    }
    if (old.active !== form.active) changes.push({ key, change: form.active ? 'activated' : 'deactivated' });
    const addedFields = form.fields.filter((f) => !old.fields.includes(f));
    const removedFields = old.fields.filter((f) => !form.fields.includes(f));
    const kept = form.fields.filter((f) => old.fields.includes(f));
    const aspects: FormAspect[] = [];
    if (old.entity !== form.entity) aspects.push('entity');
    else {
      if (addedFields.length || removedFields.length) aspects.push('fields');
      if (
        !same(
          kept,
          old.fields.filter((f) => form.fields.includes(f)),
        )
      )
        aspects.push('order');
    }
    if (!same(old.labels, form.labels)) aspects.push('labels');
    for (const text of ['title', 'intro', 'thankYou'] as const) if (!same(old[text], form[text])) aspects.push(text);
    if (!same(old.allowedSites, form.allowedSites)) aspects.push('sites');
    if (Boolean(old.proofOfWork) !== Boolean(form.proofOfWork)) aspects.push('proofOfWork');
    if (aspects.length)
      changes.push({
        key,
        change: 'changed',
        aspects,
        addedFields: old.entity === form.entity ? addedFields : [],
        removedFields: old.entity === form.entity ? removedFields : [],
      });
  }
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) changes.push({ key, change: 'removed' });
  return changes;
}
