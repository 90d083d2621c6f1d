import { describe, expect, it } from 'vitest';
import defaultBundle from '../../../runtime/config/default-bundle.json' with { type: 'json' };
import { bundleErrors } from '../../../runtime/config/validate.ts';
import type { RoleDef } from '../../../runtime/browser-safe/bundle.ts';
import type { Bundle } from '../../../studio/designer/draft-store.ts';
import { addFeedbackForm, type FeedbackTexts } from '../../../studio/public-forms/feedback.ts';
import messages from '../../../studio/public-forms/public-forms-messages.ts';

const texts = Object.fromEntries((['en', 'de', 'fr', 'es'] as const).map((l) => [l, messages[l].publicForms.feedback as FeedbackTexts])) as Record<
  'en' | 'de' | 'fr' | 'es',
  FeedbackTexts
>;
const start = () => structuredClone(defaultBundle) as unknown as Bundle;

describe('a customer feedback form made in one step', () => {
  it('adds a feedback type about cases and an active form about it that the server accepts', () => {
    const { bundle, key } = addFeedbackForm(start(), 'case', texts, { types: [], forms: [] });
    expect(bundleErrors(bundle)).toEqual([]);
    const form = (bundle.publicForms as Record<string, { entity: string; about: string; fields: string[] }>)[key]!;
    expect(form).toMatchObject({ entity: 'feedback_case', about: 'case', fields: ['nps', 'satisfaction', 'comment'] });
    const type = bundle.entities.feedback_case!;
    expect(type.form.schema.properties.nps).toMatchObject({ type: 'integer', minimum: 0, maximum: 10 });
    expect(type.i18n.de!['entity.pluralLabel']).toBe('Rückmeldungen');
    // Whoever reads cases reads their feedback the same way.
    const roles = bundle.roles as Record<string, RoleDef>;
    expect(roles.sales_rep!.entities.feedback_case!.read).toBe(roles.sales_rep!.entities.case!.read);
  });

  it('takes new keys when the draft or the published version has them', () => {
    const { bundle, key } = addFeedbackForm(start(), 'account', texts, { types: ['feedback_account'], forms: ['how_did_we_do'] });
    expect(Object.keys(bundle.entities)).toContain('feedback_account_2');
    expect(key).toBe('how_did_we_do_2');
  });
});
