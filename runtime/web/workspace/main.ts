import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { makeI18n } from '../kit/i18n/index.ts';
import commonMessages from '../kit/i18n/common-messages.ts';
import formMessages from '../kit/forms/form-messages.ts';
import workspaceMessages from './workspace-messages.ts';
import reportsMessages from './reports/reports-messages.ts';
import workflowMessages from './workflows/workflow-messages.ts';
import inboxMessages from './inbox/inbox-messages.ts';
import invitationMessages from '../kit/invitations/invitation-messages.ts';
import mailboxMessages from '../kit/mailboxes/mailbox-messages.ts';
import accountMessages from './account/account-messages.ts';
import accessMessages from './records/access-messages.ts';
import relatedMessages from './records/related-messages.ts';
import shareMessages from './records/share-messages.ts';
import searchMessages from './search/search-messages.ts';
import binMessages from './bin/bin-messages.ts';
import bulkMessages from './bulk/bulk-messages.ts';
import viewsMessages from './views/views-messages.ts';
import activitiesMessages from './activities/activities-messages.ts';
import importsMessages from './imports/imports-messages.ts';
import emailMessages from './email/email-messages.ts';
import attachmentMessages from '../kit/attachments/attachment-messages.ts';
import slaMessages from './service-levels/sla-messages.ts';
import feedbackMessages from './feedback/feedback-messages.ts';
import { makeRouter } from './router.ts';
import '../kit/ui/base.css';
import './records/records.css';

const i18n = makeI18n([
  commonMessages,
  formMessages,
  workspaceMessages,
  reportsMessages,
  workflowMessages,
  inboxMessages,
  invitationMessages,
  accountMessages,
  mailboxMessages,
  accessMessages,
  relatedMessages,
  shareMessages,
  searchMessages,
  binMessages,
  bulkMessages,
  viewsMessages,
  activitiesMessages,
  importsMessages,
  emailMessages,
  attachmentMessages,
  slaMessages,
  feedbackMessages,
]);
createApp(App).use(createPinia()).use(i18n).use(makeRouter()).mount('#app');
