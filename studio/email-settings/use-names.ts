import { useI18n } from 'vue-i18n';
import type { EmailTemplate, Locale } from '../../runtime/browser-safe/bundle.ts';
import { templateLabel } from '../../runtime/browser-safe/email-template.ts';
import { nounInSentence } from '../../runtime/web/kit/i18n/format.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { entityName, fieldName } from '../draft/names.ts';

/** Record types, fields and templates of the draft named in the interface language (else English, else as configured). */
export function useNames() {
  const { t, locale } = useI18n();
  const draft = useDraftStore();
  const loc = () => locale.value as Locale;
  const entityOf = (key: string) => draft.bundle?.entities[key] ?? draft.published?.entities[key];

  /** "Contact", or with `many` "Contacts". */
  const entity = (key: string, many = false) => entityName(entityOf(key), key, loc(), many);
  /** The record type's name inside a sentence: "cases" (German keeps its capitals). */
  const noun = (key: string, many = false) => nounInSentence(entity(key, many), loc());
  /** Field `field` of record type `key` by its label. */
  const field = (key: string, field: string) => fieldName(entityOf(key), field, loc());
  /** A template by its name in the interface language; "(no name yet)" while it has none. */
  const template = (tpl: EmailTemplate | undefined, key: string) => (tpl ? templateLabel(tpl, loc()).trim() : '') || t('mailFiling.templates.unnamed', { key });

  /** The record a reference field points to, in plain words: "its Account", or "its Parent company (Account)" when the field says more. */
  function reference(key: string, ref: string, target: string): string {
    const name = field(key, ref);
    const targetName = entity(target);
    return name.toLocaleLowerCase() === targetName.toLocaleLowerCase()
      ? t('mailFiling.filing.its', { target: targetName })
      : t('mailFiling.filing.itsField', { field: name, target: targetName });
  }

  return { loc, entity, noun, field, template, reference };
}
