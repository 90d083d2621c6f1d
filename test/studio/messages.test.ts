import { describe, expect, it } from 'vitest';
import account from '../../runtime/web/workspace/account/account-messages.ts';
import access from '../../runtime/web/workspace/records/access-messages.ts';
import related from '../../runtime/web/workspace/records/related-messages.ts';
import share from '../../runtime/web/workspace/records/share-messages.ts';
import forms from '../../runtime/web/kit/forms/form-messages.ts';
import mailboxes from '../../runtime/web/kit/mailboxes/mailbox-messages.ts';
import search from '../../runtime/web/workspace/search/search-messages.ts';
import bin from '../../runtime/web/workspace/bin/bin-messages.ts';
import bulk from '../../runtime/web/workspace/bulk/bulk-messages.ts';
import views from '../../runtime/web/workspace/views/views-messages.ts';
import activities from '../../runtime/web/workspace/activities/activities-messages.ts';
import imports from '../../runtime/web/workspace/imports/imports-messages.ts';
import email from '../../runtime/web/workspace/email/email-messages.ts';
import audit from '../../studio/audit/audit-messages.ts';
import designer from '../../studio/designer/designer-messages.ts';
import formula from '../../studio/designer/formula-messages.ts';
import studioEmail from '../../studio/email/email-messages.ts';
import emailSettings from '../../studio/email-settings/email-settings-messages.ts';
import pipelines from '../../studio/pipelines/pipeline-messages.ts';
import roles from '../../studio/roles/roles-messages.ts';
import settings from '../../studio/settings/settings-messages.ts';
import fileLimits from '../../studio/settings/file-limits-messages.ts';
import attachments from '../../runtime/web/kit/attachments/attachment-messages.ts';
import studio from '../../studio/studio-messages.ts';
import teams from '../../studio/teams/teams-messages.ts';
import tokens from '../../studio/tokens/tokens-messages.ts';
import users from '../../studio/users/users-messages.ts';
import sla from '../../runtime/web/workspace/service-levels/sla-messages.ts';
import serviceLevels from '../../studio/service-levels/service-levels-messages.ts';
import businessHours from '../../studio/settings/business-hours-messages.ts';
import publicForms from '../../studio/public-forms/public-forms-messages.ts';
import publicFormPages from '../../runtime/public-forms/page-texts.ts';
import recordTypes from '../../studio/record-types/record-types-messages.ts';
import feedback from '../../runtime/web/workspace/feedback/feedback-messages.ts';

type Messages = Record<'en' | 'de' | 'fr' | 'es', unknown>;

/** Every key path of a nested message object, with the number of plural forms of each text. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}:${value.split(' | ').length}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (value: unknown) => (JSON.stringify(value).match(/\{\w+\}/g) ?? []).sort();

// The studio's message modules (transfer and workflows have tests of their own), the workspace's, and the public form pages' texts.
describe.each([
  ['studio', studio],
  ['designer', designer],
  ['formula', formula],
  ['studioEmail', studioEmail],
  ['emailSettings', emailSettings],
  ['pipelines', pipelines],
  ['settings', settings],
  ['fileLimits', fileLimits],
  ['attachments', attachments],
  ['users', users],
  ['tokens', tokens],
  ['teams', teams],
  ['roles', roles],
  ['audit', audit],
  ['account', account],
  ['access', access],
  ['related', related],
  ['share', share],
  ['forms', forms],
  ['mailboxes', mailboxes],
  ['search', search],
  ['bin', bin],
  ['bulk', bulk],
  ['views', views],
  ['activities', activities],
  ['imports', imports],
  ['email', email],
  ['publicForms', publicForms],
  ['publicFormPages', publicFormPages],
  ['sla', sla],
  ['serviceLevels', serviceLevels],
  ['businessHours', businessHours],
  ['recordTypes', recordTypes],
  ['feedback', feedback],
] as [string, Messages][])('%s messages', (_name, messages) => {
  it.each(['de', 'fr', 'es'] as const)('%s has every English text, with as many plural forms and the same placeholders', (locale) => {
    expect(shape(messages[locale])).toEqual(shape(messages.en));
    expect(placeholders(messages[locale])).toEqual(placeholders(messages.en));
  });
});
