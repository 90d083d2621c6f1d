import { createPinia } from 'pinia';
import { createApp } from 'vue';
import commonMessages from '../runtime/web/kit/i18n/common-messages.ts';
import { makeI18n } from '../runtime/web/kit/i18n/index.ts';
import formMessages from '../runtime/web/kit/forms/form-messages.ts';
import invitationMessages from '../runtime/web/kit/invitations/invitation-messages.ts';
import mailboxMessages from '../runtime/web/kit/mailboxes/mailbox-messages.ts';
import attachmentMessages from '../runtime/web/kit/attachments/attachment-messages.ts';
import '../runtime/web/kit/ui/base.css';
import './studio.css';
import App from './App.vue';
import { makeRouter } from './router.ts';
import studioMessages from './studio-messages.ts';
import designerMessages from './designer/designer-messages.ts';
import formulaMessages from './designer/formula-messages.ts';
import settingsMessages from './settings/settings-messages.ts';
import fileLimitsMessages from './settings/file-limits-messages.ts';
import usersMessages from './users/users-messages.ts';
import tokensMessages from './tokens/tokens-messages.ts';
import teamsMessages from './teams/teams-messages.ts';
import rolesMessages from './roles/roles-messages.ts';
import auditMessages from './audit/audit-messages.ts';
import pipelineMessages from './pipelines/pipeline-messages.ts';
import transferMessages from './transfer/transfer-messages.ts';
import workflowMessages from './workflows/workflow-messages.ts';
import emailMessages from './email/email-messages.ts';
import emailSettingsMessages from './email-settings/email-settings-messages.ts';
import serviceLevelMessages from './service-levels/service-levels-messages.ts';
import businessHoursMessages from './settings/business-hours-messages.ts';
import publicFormsMessages from './public-forms/public-forms-messages.ts';
import recordTypesMessages from './record-types/record-types-messages.ts';

const i18n = makeI18n([
  emailMessages,
  emailSettingsMessages,
  mailboxMessages,
  commonMessages,
  formMessages,
  invitationMessages,
  studioMessages,
  usersMessages,
  tokensMessages,
  teamsMessages,
  rolesMessages,
  auditMessages,
  settingsMessages,
  designerMessages,
  formulaMessages,
  pipelineMessages,
  transferMessages,
  workflowMessages,
  attachmentMessages,
  fileLimitsMessages,
  serviceLevelMessages,
  businessHoursMessages,
  publicFormsMessages,
  recordTypesMessages,
]);
createApp(App).use(createPinia()).use(i18n).use(makeRouter()).mount('#app');
