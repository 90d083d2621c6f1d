/** What publishing changes in one entity's mail settings, as data for the review to put in words. */
import type { EmailTemplate, EntityEmail, Locale } from '../../runtime/browser-safe/bundle.ts';
import { FILING_PARTS, TEMPLATE_TEXTS, TRANSLATED, type FilingPart, type TemplateText } from './model.ts';

export type EmailChange =
  | { kind: 'filing'; part: FilingPart; field: string; on: boolean }
  | { kind: 'template'; key: string; change: 'added' | 'removed' }
  | { kind: 'template'; key: string; change: 'changed'; texts: TemplateText[]; locales: Locale[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which own texts and which translations differ between two versions of a template. */
function templateDiff(a: EmailTemplate, b: EmailTemplate): { texts: TemplateText[]; locales: Locale[] } {
  const locales = [...new Set([...TRANSLATED, ...(Object.keys({ ...a.i18n, ...b.i18n }) as Locale[])])];
  return { texts: TEMPLATE_TEXTS.filter((t) => a[t] !== b[t]), locales: locales.filter((l) => !same(a.i18n?.[l], b.i18n?.[l])) };
}

/** The differences from `before` to `after`: fields ticked or unticked per filing list, templates added, removed or changed. */
export function emailChanges(before: EntityEmail | undefined, after: EntityEmail | undefined): EmailChange[] {
  const changes: EmailChange[] = [];
  for (const part of FILING_PARTS) {
    const a = before?.[part] ?? [];
    const b = after?.[part] ?? [];
    for (const field of b) if (!a.includes(field)) changes.push({ kind: 'filing', part, field, on: true });
    for (const field of a) if (!b.includes(field)) changes.push({ kind: 'filing', part, field, on: false });
  }
  const a = before?.templates ?? {};
  const b = after?.templates ?? {};
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) changes.push({ kind: 'template', key, change: 'added' });
    else if (!same(a[key], b[key])) changes.push({ kind: 'template', key, change: 'changed', ...templateDiff(a[key]!, b[key]!) });
  }
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) changes.push({ kind: 'template', key, change: 'removed' });
  return changes;
}
