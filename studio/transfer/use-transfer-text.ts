import { useI18n } from 'vue-i18n';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import type { Part } from '../../runtime/browser-safe/diff.ts';
import { fieldType } from '../../runtime/web/kit/forms/fields/index.ts';
import { formatDateTime } from '../../runtime/web/kit/i18n/format.ts';
import { useSessionStore } from '../../runtime/web/kit/session/store.ts';
import { displayValue } from './diff-rows.ts';
import { placeOf } from './path-names.ts';
import type { PlacedProblem } from './problem-places.ts';

/** The page's words for parts, places in a configuration, problems and dates, in the person's language. */
export function useTransferText() {
  const { t, te, locale } = useI18n();
  const session = useSessionStore();
  const loc = () => locale.value as Locale;

  const partName = (part: Part) => t(`transfer.parts.${part}`);

  /** "Field "budget" › type": the known place in words, then the keys below it. */
  function placeText(part: Part, where: readonly string[]): string {
    if (!where.length) return t('transfer.path.whole');
    const place = placeOf(part, where);
    const head = place.key ? [t(`transfer.path.${place.key}`, place.args)] : [];
    // Common setting names read as words; other keys stay as written in the file.
    const rest = place.rest.map((k) => (te(`transfer.keys.${k}`) ? t(`transfer.keys.${k}`) : k));
    return [...head, ...rest].join(' › ');
  }

  /** Where a server problem is, in words: "Pipelines › sales › Stage "won"", or the raw path when it is elsewhere. */
  function problemWhere(p: PlacedProblem): string {
    if (!p.part) return p.path || t('transfer.path.file');
    const below = p.where.length ? ` › ${placeText(p.part, p.where)}` : '';
    return `${partName(p.part)} › ${p.key}${below}`;
  }

  /** A value in a diff cell; a form field reads as its title and type ("Budget (Currency)"), absent as "(none)". */
  function valueText(value: unknown): string {
    const field = value as { title?: unknown; 'x-field'?: unknown } | undefined;
    if (field && typeof field === 'object' && typeof field['x-field'] === 'string') {
      const type = fieldType(field['x-field'])?.labels[loc()] ?? field['x-field'];
      return typeof field.title === 'string' ? `${field.title} (${type})` : type;
    }
    return displayValue(value) ?? t('transfer.diff.absent');
  }

  const dateTime = (iso: string | undefined) => (iso ? formatDateTime(iso, loc(), session.me?.tenant.settings.timezone ?? 'UTC') : '');

  return { t, loc, partName, placeText, problemWhere, valueText, dateTime };
}
