import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { compressJson } from './http/compress.ts';
import { explainRoutes } from './access/explain-routes.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { isUpload } from './attachments/upload.ts';
import { auditRefusal } from './audit/refusals.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { secondFactorRoutes } from './auth/second-factor-routes.ts';
import { sessionRoutes } from './auth/session-routes.ts';
import { configRoutes } from './config/routes.ts';
import { transferRoutes } from './config/transfer-routes.ts';
import { tokenRoutes } from './auth/token-routes.ts';
import { resetRoutes } from './auth/reset-routes.ts';
import { formRoutes } from './forms/routes.ts';
import { emailRoutes } from './email/email-routes.ts';
import { mailboxRoutes } from './email/mailbox-routes.ts';
import { sendRoutes } from './email/send-routes.ts';
import { isJson } from './http/body.ts';
import { CSV, XLSX } from './imports/parse-upload.ts';
import { crossOriginProtection } from './http/cross-origin.ts';
import type { AppEnv, Deps } from './http/env.ts';
import { openApiDocument } from './http/openapi.ts';
import { Problem, problemResponse } from './http/problem.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { apiDocsRoutes } from './pages/api-docs.ts';
import { pageHeaders, pageRoutes } from './pages/routes.ts';
import { publicFormRoutes } from './public-forms/routes.ts';
import { publicFormStatsRoutes } from './public-forms/stats-routes.ts';
import { feedbackRoutes } from './public-forms/feedback-routes.ts';
import { recordRoutes } from './records/routes.ts';
import { binRoutes } from './records/bin-routes.ts';
import { viewRoutes } from './views/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { searchRoutes } from './records/search-routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { serviceLevelRoutes } from './service-levels/routes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { teamRoutes } from './teams/routes.ts';
import { tenantRoutes } from './tenants/routes.ts';
import { userRoutes } from './users/routes.ts';
import { stuckTimerRoutes } from './workflows/stuck-routes.ts';
import { workflowStudioRoutes } from './workflows/studio-routes.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The whole HTTP application; all I/O comes in through `deps`. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  // A handler may set a stricter header of its own (a file download's sandbox policy): it is kept.
  const apiHeaders = secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, overwrite: false });
  // Pages (the front ends, the API reference) may run their own scripts and styles; API answers may run nothing.
  const isPage = (path: string) => path.startsWith('/api/docs') || (deps.webRoot !== undefined && !path.startsWith('/api/'));
  // Public forms set their own headers: their frame-ancestors come from each form's allowed sites.
  const isPublicForm = (path: string) => path.startsWith('/f/');
  app.use('*', (c, next) => (isPublicForm(c.req.path) ? next() : isPage(c.req.path) ? pageHeaders(c, next) : apiHeaders(c, next)));
  app.use('/api/*', compressJson());
  app.use(
    '/api/*',
    async (c, next) => {
      c.header('cache-control', 'no-store');
      await next();
    },
    crossOriginProtection(deps),
    async (c, next) => {
      // Only JSON may change state: a cross-site form (urlencoded, multipart, text/plain) never reaches a handler.
      const hasBody = c.req.header('content-length') !== undefined && c.req.header('content-length') !== '0';
      const declared = c.req.header('content-type') !== undefined || c.req.header('transfer-encoding') !== undefined || hasBody;
      // Files to import are sent as they are: neither type is one a cross-site form or a simple request can send.
      // Attachments are sent as they are, under any type; the origin check above has refused cross-site ones already.
      const upload =
        (c.req.method === 'POST' && c.req.path === '/api/imports' && [CSV, XLSX].includes(c.req.header('content-type')?.split(';')[0]?.trim() ?? '')) ||
        isUpload(c.req.method, c.req.path);
      if (STATE_CHANGING.has(c.req.method) && declared && !isJson(c) && !upload) throw new Problem(415, 'Send the body as application/json.');
      await next();
    },
  );

  const api = new Hono<AppEnv>();
  api.route('/', authRoutes(deps));
  api.route('/', secondFactorRoutes(deps));
  api.route('/', sessionRoutes(deps));
  api.route('/access', explainRoutes(deps));
  api.route('/', tenantRoutes(deps));
  api.route('/users', userRoutes(deps));
  api.route('/teams', teamRoutes(deps));
  api.route('/invitations', invitationRoutes(deps));
  api.route('/password-reset', resetRoutes(deps));
  api.route('/config', configRoutes(deps));
  api.route('/config', transferRoutes(deps));
  api.route('/tokens', tokenRoutes(deps));
  api.route('/forms', formRoutes(deps));
  api.route('/records', recordRoutes(deps));
  api.route('/', attachmentRoutes(deps));
  api.route('/search', searchRoutes(deps));
  api.route('/recycle-bin', binRoutes(deps));
  api.route('/views', viewRoutes(deps));
  api.route('/imports', importRoutes(deps));
  api.route('/audit', auditRoutes(deps));
  api.route('/reports', reportRoutes(deps));
  api.route('/', serviceLevelRoutes(deps));
  api.route('/workflows', workflowStudioRoutes(deps));
  api.route('/workflows', stuckTimerRoutes(deps));
  api.route('/mailboxes', mailboxRoutes(deps));
  api.route('/emails', sendRoutes(deps));
  api.route('/emails', emailRoutes(deps));
  api.route('/tasks', taskRoutes(deps));
  api.route('/notifications', notificationRoutes(deps));
  api.route('/public-forms', publicFormStatsRoutes(deps));
  api.route('/public-forms', feedbackRoutes(deps));
  let document: object | undefined;
  api.route(
    '/',
    apiDocsRoutes(deps, () => (document ??= openApiDocument(app))),
  );
  app.route('/api', api);
  app.route('/f', publicFormRoutes(deps));
  if (deps.webRoot) app.route('/', pageRoutes(deps.webRoot));

  app.notFound((c) => problemResponse(c, new Problem(404, 'There is nothing at this address.')));
  app.onError(async (err, c) => {
    if (err instanceof Problem) {
      if (err.status === 403) await auditRefusal(deps, c, err);
      return problemResponse(c, err);
    }
    console.error(err);
    return problemResponse(c, new Problem(500, 'Something went wrong on our side; nothing was changed. Try again.'));
  });
  return app;
}
