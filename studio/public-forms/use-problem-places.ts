import { useI18n } from 'vue-i18n';
import { usePublicForms } from './forms-store.ts';
import { useFormNames } from './use-form-names.ts';

// The setting a problem's path names under a form, by its first key below the form.
const SETTINGS: Record<string, string> = {
  entity: 'recordType',
  fields: 'fields',
  labels: 'labels',
  title: 'titleText',
  intro: 'intro',
  thankYou: 'thankYou',
  allowedSites: 'sites',
  proofOfWork: 'proofOfWork',
  active: 'active',
};

/** Where a refusal of the server points, in words: "Contact us › Fields › 3" for `/publicForms/contact/fields/2`; null elsewhere. */
export function useProblemPlaces() {
  const { t } = useI18n();
  const store = usePublicForms();
  const names = useFormNames();

  function of(path: string): string | null {
    const parts = path
      .replace(/^\/bundle/, '')
      .split('/')
      .slice(1);
    if (parts[0] !== 'publicForms' || parts[1] === undefined) return null;
    const key = parts[1];
    const form = store.forms[key] ?? store.published[key];
    const place = [names.title(form, key)];
    const setting = parts[2] === undefined ? undefined : SETTINGS[parts[2]];
    if (setting) place.push(t(`publicForms.editor.${setting}`));
    const below = parts[3];
    const index = Number(below);
    if (below === undefined) return place.join(' › ');
    // A field by its name, a site as written; anything else (a language of a text) by its key.
    if (parts[2] === 'fields' && form?.fields[index]) place.push(names.field(form.entity, form.fields[index]!));
    else if (parts[2] === 'allowedSites' && form?.allowedSites[index]) place.push(form.allowedSites[index]!);
    else if (parts[2] === 'labels' && form) place.push(names.field(form.entity, below));
    else place.push(below);
    return place.join(' › ');
  }
  return { of };
}
