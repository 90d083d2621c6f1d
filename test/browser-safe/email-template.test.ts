import { describe, expect, it } from 'vitest';
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import { fillTemplate, type TemplateFields } from '../../runtime/browser-safe/email-template.ts';

const entity: TemplateFields = {
  form: {
    schema: {
      properties: {
        name: { type: 'string', 'x-field': 'text' },
        rating: { type: 'string', 'x-field': 'select', enum: ['hot', 'cold'] },
        closeDate: { type: 'string', 'x-field': 'date', format: 'date' },
        amount: { type: 'number', 'x-field': 'currency' },
      },
    },
  },
  i18n: { en: { 'rating.hot': 'Hot' }, de: { 'rating.hot': 'Heiß' } },
};
const template = {
  label: 'T',
  subject: 'About {{name}}',
  text: '{{rating}} · {{ closeDate }} · {{amount}} · {{missing}}',
  i18n: { de: { subject: 'Zu {{name}}' } },
};
const data = { name: 'Quarry', rating: 'hot', closeDate: '2027-03-05', amount: 12500.5 };

describe('a template filled with a record', () => {
  it.each<[Locale, string, string]>([
    ['en', 'About Quarry', 'Hot · March 5, 2027 · 12,500.5 · '],
    ['de', 'Zu Quarry', 'Heiß · 5. März 2027 · 12.500,5 · '],
    ['fr', 'About Quarry', 'Hot · 5 mars 2027 · 12 500,5 · '],
  ])('in %s: choices by their label, dates and numbers as the language writes them, the rest empty', (locale, subject, text) => {
    const filled = fillTemplate(template, locale, data, entity);
    expect(filled.subject).toBe(subject);
    expect(filled.text.replace(/\u202f|\u00a0/g, ' ')).toBe(text);
  });

  it('without the record type, puts choices and dates in as they are kept', () => {
    expect(fillTemplate(template, 'en', data).text).toBe('hot · 2027-03-05 · 12,500.5 · ');
  });
});
