/** A customer feedback form in one step: a Feedback record type about another type, and a web form about it. */
import { LOCALES, type Locale, type LocalizedText, type PublicFormDef } from '../../runtime/browser-safe/bundle.ts';
import type { Bundle } from '../designer/draft-store.ts';
import type { EntityConfig } from '../designer/types.ts';
import { accessLike, keyForType, relationField } from '../record-types/model.ts';
import { formsOf, keyFrom } from './model.ts';

/** The texts a feedback type and form are made with, in every language. */
export interface FeedbackTexts {
  singular: string;
  plural: string;
  nps: string;
  satisfaction: string;
  comment: string;
  title: string;
  thankYou: string;
}

const RATINGS = ['nps', 'satisfaction'] as const;

/**
 * The draft with a feedback record type about `about` (a reference to it, a 0–10 recommendation, a 1–5 satisfaction,
 * a comment; readable by the roles that read `about`) and a web form of it, active, opened through links made for
 * records of `about`. Returns the form's key.
 */
export function addFeedbackForm(b: Bundle, about: string, texts: Record<Locale, FeedbackTexts>, taken: { types: string[]; forms: string[] }) {
  const type = keyForType(`feedback ${about}`, taken.types);
  const link = relationField(about);
  const label = (key: keyof FeedbackTexts) => texts.en[key];
  const entity: EntityConfig = {
    label: label('singular'),
    pluralLabel: label('plural'),
    icon: 'star',
    titleField: 'comment',
    form: {
      schema: {
        type: 'object',
        properties: {
          [link]: { type: 'string', maxLength: 64, 'x-field': 'reference', 'x-ref': about, title: b.entities[about]?.label ?? about, 'x-onDelete': 'clear' },
          nps: { type: 'integer', 'x-field': 'number', minimum: 0, maximum: 10, title: label('nps') },
          satisfaction: { type: 'integer', 'x-field': 'number', minimum: 1, maximum: 5, title: label('satisfaction') },
          comment: { type: 'string', 'x-field': 'textarea', maxLength: 5000, title: label('comment') },
        },
        // The link sets the record it is about; not required, since deleting that record clears it.
        required: ['nps'],
      },
      uischema: { type: 'VerticalLayout', elements: [link, ...RATINGS, 'comment'].map((f) => ({ type: 'Control', scope: `#/properties/${f}` })) },
    },
    i18n: Object.fromEntries(
      LOCALES.map((l): [Locale, Record<string, string>] => {
        const aboutName = b.entities[about]?.i18n[l]?.['entity.label'];
        return [
          l,
          {
            'entity.label': texts[l].singular,
            'entity.pluralLabel': texts[l].plural,
            'nps.label': texts[l].nps,
            'satisfaction.label': texts[l].satisfaction,
            'comment.label': texts[l].comment,
            ...(aboutName ? { [`${link}.label`]: aboutName } : {}),
          },
        ];
      }),
    ) as EntityConfig['i18n'],
  };
  const each = (key: 'title' | 'thankYou'): LocalizedText => Object.fromEntries(LOCALES.map((l) => [l, texts[l][key]]));
  const form: PublicFormDef = {
    entity: type,
    about: link,
    fields: [...RATINGS, 'comment'],
    title: each('title'),
    thankYou: each('thankYou'),
    allowedSites: [],
    active: true,
  };
  const key = keyFrom(texts.en.title, taken.forms);
  const bundle: Bundle = {
    ...b,
    entities: { ...b.entities, [type]: entity },
    roles: accessLike(b, type, about),
    publicForms: { ...formsOf(b), [key]: form },
  };
  return { bundle, key };
}
