import { Hono, type Context } from 'hono';
import { hasTask, type Actor } from '../access/policy.ts';
import { authenticate } from '../auth/sessions.ts';
import { DEFAULT_BODY_LIMIT, isJson, readLimited } from '../http/body.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { applyImport } from './apply-import.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { privilegesFor, type Change } from '../browser-safe/diff.ts';
import { exportDocument, exportFileName, exportText } from './export-document.ts';
import { grantErrors } from './grants.ts';
import { importDocumentFromText, planImport, planReport, type ImportDocument } from './import-plan.ts';
import { STRATEGIES, type Strategy } from '../browser-safe/transfer.ts';

/** Imports may carry a whole configuration: larger than ordinary bodies, still bounded. */
export const IMPORT_BODY_LIMIT = 4 * DEFAULT_BODY_LIMIT;

/** The body of an import: JSON only (415), bounded (413, chunked or not), parsed strictly. */
async function readImportBody(c: Context<AppEnv>): Promise<ImportDocument> {
  if (!isJson(c)) throw new Problem(415, 'Send the body as application/json.');
  return importDocumentFromText(await readLimited(c.req.raw, IMPORT_BODY_LIMIT));
}

function query<T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = c.req.query(name) ?? fallback;
  if (!allowed.includes(value as T))
    throw new Problem(400, `${name} must be ${allowed.join(' or ')}.`, [{ path: `/${name}`, message: `is not ${allowed.join(' or ')}` }]);
  return value as T;
}

/** The same refusal as publishing: 403 for parts whose privilege the actor lacks, or grants beyond their own. */
function checkPrivileges(actor: Actor, changes: Change[], before: Bundle, after: Bundle): void {
  const missing = [...privilegesFor(changes)].filter((t) => !hasTask(actor, t));
  if (missing.length) throw new Problem(403, `These changes need privileges your role lacks: ${missing.join(', ')}.`);
  const errors = grantErrors(actor, before, after);
  if (errors.length) throw new Problem(403, 'You cannot grant more than you hold.', errors);
}

/** Export of the published configuration, and import (dry run or apply, merge or replace) of one. */
export function transferRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const auth = authenticate(deps);
  // Mounted beside the other /config routes, whose middleware may have authenticated the request already.
  app.use('*', (c, next) => (c.get('actor') ? next() : auth(c, next)));

  app.get('/export', async (c) => {
    const actor = c.get('actor');
    if (!hasTask(actor, 'config.export')) throw new Problem(403, 'Your role may not export the configuration.');
    const slug = (await db.client.execute({ sql: 'SELECT slug FROM tenants WHERE id = ?', args: [actor.tenantId] })).rows[0]!.slug;
    const doc = await exportDocument(db.client, { tenantId: actor.tenantId, slug: String(slug), configVersion: actor.configVersion }, deps.now());
    return c.body(exportText(doc), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(doc.meta)}"`,
    });
  });

  app.post('/import', async (c) => {
    const actor = c.get('actor');
    if (!hasTask(actor, 'config.import')) throw new Problem(403, 'Your role may not import configurations.');
    const mode = query(c, 'mode', ['dry-run', 'apply'] as const, 'dry-run');
    const strategy = query<Strategy>(c, 'strategy', STRATEGIES, 'merge');
    const doc = await readImportBody(c);
    const target = { tenantId: actor.tenantId, configVersion: actor.configVersion, bundle: actor.bundle };
    const plan = await planImport(db.client, target, doc, strategy);
    checkPrivileges(actor, plan.changes, target.bundle, plan.result);
    if (mode === 'dry-run') return c.json(planReport(plan));
    const version = await applyImport(db, plan, actor.userId, deps.now());
    return c.json({ version, changes: plan.changes, impact: plan.impact, removedByReplace: plan.removedByReplace }, 201);
  });

  return app;
}
