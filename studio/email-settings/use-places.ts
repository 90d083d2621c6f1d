import { useI18n } from 'vue-i18n';
import { LOCALE_NAMES } from '../../runtime/web/kit/i18n/index.ts';
import { useDraftStore } from '../designer/draft-store.ts';
import { templatesOf } from './model.ts';
import { emailProblem, type EmailProblem } from './problems.ts';
import { useNames } from './use-names.ts';

const FILING_LEGENDS = { addressFields: 'address', alsoFileOn: 'alsoOn', filedThrough: 'through' } as const;

/** Server problems about mail settings named in words: "Case › Template “We have your request” › Subject (Deutsch)". */
export function usePlaces() {
  const { t } = useI18n();
  const draft = useDraftStore();
  const names = useNames();

  /** Where problem `p` is, from its record type down to the text it names. */
  function of(p: EmailProblem): string {
    const where = [names.entity(p.entity)];
    if (p.part && p.part !== 'templates') where.push(t(`mailFiling.filing.${FILING_LEGENDS[p.part]}.legend`));
    if (p.template !== undefined) {
      const tpl = templatesOf(draft.bundle?.entities[p.entity])[p.template];
      where.push(t('mailFiling.editor.title', { name: names.template(tpl, p.template) }));
    }
    if (p.text) {
      const text = t(`mailFiling.editor.${p.text}`);
      where.push(p.locale ? t('mailFiling.editor.translated', { part: text, language: LOCALE_NAMES[p.locale] ?? p.locale }) : text);
    }
    return where.join(' › ');
  }

  /** A bundle path in words when it is about mail settings, else null (the path is shown as it is). */
  const ofPath = (path: string) => {
    const p = emailProblem({ path, message: '' });
    return p ? of(p) : null;
  };

  return { of, ofPath };
}
