import { useI18n } from 'vue-i18n';
import type { Locale, PublicFormDef } from '../../runtime/browser-safe/bundle.ts';
import { embedSnippet, publicFormUrl, textIn } from '../../runtime/browser-safe/public-forms.ts';
import { useSessionStore } from '../../runtime/web/kit/session/store.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { entityName, fieldName } from '../draft/names.ts';

/** Names on the Web forms page in the person's language: record types, fields, forms; and where a form is found. */
export function useFormNames() {
  const { locale } = useI18n();
  const draft = useDraftStore();
  const session = useSessionStore();
  const loc = () => locale.value as Locale;
  const company = () => session.me?.tenant.settings.defaultLocale ?? 'en';
  const entityOf = (key: string) => draft.bundle?.entities[key] ?? draft.published?.entities[key];

  /** "Lead" or "Leads". */
  const entity = (key: string, many = false) => entityName(entityOf(key), key, loc(), many);
  /** A field's name in the record type's own words. */
  const field = (entityKey: string, key: string) => fieldName(entityOf(entityKey), key, loc());
  /** A form's title in the person's language, else the company's, else any; its key when it has none. */
  const title = (form: PublicFormDef | undefined, key: string) => textIn(form?.title, loc(), company()) || key;
  /** The form's public address. */
  const url = (key: string) => publicFormUrl(window.location.origin, session.me?.tenant.slug ?? '', key);
  /** The iframe a site pastes to show the form. */
  const embed = (key: string, form: PublicFormDef | undefined) => embedSnippet(url(key), title(form, key));
  /** A list in words: "A, B and C". */
  const list = (items: string[]) => new Intl.ListFormat(loc(), { type: 'conjunction' }).format(items);

  return { loc, company, entityOf, entity, field, title, url, embed, list };
}
