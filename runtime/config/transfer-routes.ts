import { Hono, type Context } from 'hono';
import { hasTask, type Actor } from '../access/policy.ts';
import { DEFAULT_BODY_LIMIT, isJson, readLimited } from '../http/body.ts';
import { integer, json, listOf, mapOf, moment, object, problem, ref, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { applyImport } from './apply-import.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { privilegesFor, type Change } from '../browser-safe/diff.ts';
import { exportDocument, exportFileName, exportText } from './export-document.ts';
import { grantErrors } from './grants.ts';
import { importDocumentFromText, planImport, planReport, type ImportDocument } from './import-plan.ts';
import type { Strategy } from '../browser-safe/transfer.ts';

const BUNDLE = ref('Bundle');
const CHANGE = ref('Change');
const IMPACT = ref('Impact');
const FIELD_PROBLEM = ref('FieldProblem');
const META = object({ sourceTenant: string, sourceVersion: integer, exportedAt: moment });
const MAPPINGS = object({ states: mapOf(mapOf(string)), stages: mapOf(mapOf(string)) }, ['states', 'stages']);
const REMOVAL = object({ part: string, key: string });

/** Imports may carry a whole configuration: larger than ordinary bodies, still bounded. */
export const IMPORT_BODY_LIMIT = 4 * DEFAULT_BODY_LIMIT;

/** The body of an import: JSON only (415), bounded (413, chunked or not), parsed strictly. */
async function readImportBody(c: Context<AppEnv>): Promise<ImportDocument> {
  if (!isJson(c)) throw new Problem(415, 'Send the body as application/json.');
  return importDocumentFromText(await readLimited(c.req.raw, IMPORT_BODY_LIMIT));
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
  const route = contract(deps);

  app.get(
    '/export',
    route({
      summary: 'Export the configuration',
      description:
        'The published version as one canonical JSON document (sorted keys, stable keys only): two exports of one configuration differ only in `meta`.',
      access: anyTask(['config.export'], 'Your role may not export the configuration.'),
      responses: { 200: { description: 'A download: `{meta, bundle}`.', schema: object({ meta: META, bundle: BUNDLE }) } },
    }),
    async (c) => {
      const actor = c.get('actor');
      const slug = (await db.client.execute({ sql: 'SELECT slug FROM tenants WHERE id = ?', args: [actor.tenantId] })).rows[0]!.slug;
      const doc = await exportDocument(db.client, { tenantId: actor.tenantId, slug: String(slug), configVersion: actor.configVersion }, deps.now());
      return c.body(exportText(doc), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(doc.meta)}"`,
      });
    },
  );

  app.post(
    '/import',
    route({
      summary: 'Import a configuration',
      description:
        'The body is an export as it is (plus `mappings` for records in removed states or stages), parsed strictly: duplicate keys, nesting deeper than 64 and `__proto__`/`constructor`/`prototype` keys are refused. `dry-run` (default) reports the diff, the impact and the problems; `apply` publishes the result as the next version. `merge` keeps what the company has and the file lacks; `replace` removes it. Needs config.import and the privileges of the parts it changes.',
      access: anyTask(['config.import'], 'Your role may not import configurations.'),
      query: {
        mode: { schema: { enum: ['dry-run', 'apply'] }, description: '`dry-run` (default) or `apply`.' },
        strategy: { schema: { enum: ['merge', 'replace'] }, description: '`merge` (default) or `replace`.' },
      },
      body: { schema: object({ meta: META, bundle: BUNDLE, mappings: MAPPINGS }, ['meta', 'mappings']), description: 'An export, at most 4 MiB.' },
      responses: {
        200: json(
          'The dry run.',
          object({
            strategy: string,
            changes: listOf(CHANGE),
            removedByReplace: listOf(REMOVAL),
            impact: IMPACT,
            problems: listOf(FIELD_PROBLEM),
            fromVersion: integer,
          }),
        ),
        201: json('Published.', object({ version: integer, changes: listOf(CHANGE), impact: IMPACT, removedByReplace: listOf(REMOVAL) })),
        400: problem('The file is not strict JSON, or not a configuration export (each problem at its JSON path).'),
        403: problem('A change needs a privilege you lack.'),
        409: problem('Nothing to import, or the configuration changed meanwhile.'),
        413: problem('Larger than 4 MiB.'),
        422: problem('The bundle is not valid, or records and people depend on what it removes.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const mode = c.req.query('mode') ?? 'dry-run';
      const strategy = (c.req.query('strategy') ?? 'merge') as Strategy;
      const doc = await readImportBody(c);
      const target = { tenantId: actor.tenantId, configVersion: actor.configVersion, bundle: actor.bundle };
      const now = deps.now();
      const plan = await planImport(db.client, target, doc, strategy, now);
      checkPrivileges(actor, plan.changes, target.bundle, plan.result);
      if (mode === 'dry-run') return c.json(planReport(plan));
      const version = await applyImport(db, plan, actor.userId, now);
      return c.json({ version, changes: plan.changes, impact: plan.impact, removedByReplace: plan.removedByReplace }, 201);
    },
  );

  return app;
}
