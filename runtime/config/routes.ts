import { Hono } from 'hono';
import { hasTask, type Actor } from '../access/policy.ts';
import { audit } from '../audit/log.ts';
import { ACCESS_CHANGE, boolean, integer, items, json, listOf, mapOf, moment, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { anyTask, contract, SIGNED_IN, type JsonSchema } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { DEFAULT_BODY_LIMIT, readJson } from '../http/body.ts';
import { ifMatchVersion, matches } from '../http/if-match.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { TASKS, type Bundle } from '../browser-safe/bundle.ts';
import { callerView } from './caller-view.ts';
import { diffBundles, privilegesFor } from '../browser-safe/diff.ts';
import { targetChanges } from '../browser-safe/service-levels.ts';
import { grantErrors } from './grants.ts';
import type { Mappings } from '../browser-safe/impact.ts';
import { impactOf, mappingErrors } from './impact.ts';
import { accessImpact } from '../access/what-if.ts';
import { publishChecked } from './publish.ts';
import { publishedBundle } from './store.ts';
import { bundleErrors } from './validate.ts';

// Whoever configures part of the bundle: forms, workflows, pipelines, roles, or how mail is filed (`email.sync`).
const CONFIG_TASKS = TASKS.filter((t) => t.startsWith('configure.') || t === 'manage.users' || t === 'email.sync');
const CONFIGURERS = anyTask(CONFIG_TASKS, 'Your role may not configure this tenant.');
// Whoever may export or import a whole configuration may read the published versions too (rollback, the import's "now").
const VERSION_READERS = anyTask([...CONFIG_TASKS, 'config.export', 'config.import'], 'Your role may not configure this tenant.');
const BUNDLE = ref('Bundle');
const CHANGE = ref('Change');
const IMPACT = ref('Impact');
const FIELD_PROBLEM = ref('FieldProblem');
const DRAFT = object({ bundle: BUNDLE, revision: integer, updatedAt: moment, publishedVersion: integer });
const CALLER_VIEW = object({
  version: integer,
  entities: mapOf(object({ label: string, form: object({ schema: { type: 'object' }, uischema: { type: 'object' } }), validators: string }, [])),
  workflows: mapOf(object({ initial: string, states: mapOf(object({ label: string, final: boolean, events: listOf(string) })), i18n: mapOf(mapOf(string)) })),
  pipelines: mapOf(object({ label: string, stages: listOf({}) })),
  privileges: object({ entities: mapOf(mapOf(string)), tasks: listOf(string) }),
  role: object({ key: string, label: string }),
  feedbackForms: mapOf(object({ entity: string, about: string, title: mapOf(string) })),
});
const mapSchema = { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string', maxLength: 64 } } };
const publishBody = bodySchema<{ mappings?: Mappings }>({
  type: 'object',
  properties: { mappings: { type: 'object', properties: { states: mapSchema, stages: mapSchema }, additionalProperties: false } },
  additionalProperties: false,
});

/** The published configuration as the caller sees it, the draft, publishing and the version list. */
export function configRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  const readDraft = async (tenantId: string) => {
    const row = (await db.client.execute({ sql: 'SELECT bundle, revision, updated_at FROM config_drafts WHERE tenant_id = ?', args: [tenantId] })).rows[0]!;
    return { bundle: JSON.parse(String(row.bundle)) as Bundle, revision: Number(row.revision), updatedAt: new Date(Number(row.updated_at)).toISOString() };
  };
  /** 403 naming the parts whose privilege the actor lacks; 422 for grants above their own. */
  const checkPrivileges = (actor: Actor, before: Bundle, after: Bundle) => {
    const changes = diffBundles(before, after);
    const missing = [...privilegesFor(changes)].filter((t) => !hasTask(actor, t));
    if (missing.length) throw new Problem(403, `These changes need privileges your role lacks: ${missing.join(', ')}.`);
    const errors = grantErrors(actor, before, after);
    if (errors.length) throw new Problem(403, 'You cannot grant more than you hold.', errors);
    return changes;
  };

  app.get(
    '/',
    route({
      summary: 'The published configuration as you see it',
      description:
        'The entities your role may read or create (hidden fields gone, read-only ones marked), their workflows’ states and events, their pipelines, your privileges, and the feedback forms about records you may read (to send their links). Never other roles.',
      access: SIGNED_IN,
      responses: { 200: json('Your view of the current version.', CALLER_VIEW) },
    }),
    (c) => c.json(callerView(c.get('actor'))),
  );

  app.get(
    '/draft',
    route({
      summary: 'The company’s draft configuration',
      access: CONFIGURERS,
      responses: {
        200: { ...json('The draft, with its revision as ETag.', DRAFT), headers: { ETag: { description: 'The draft’s revision.', schema: string } } },
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const draft = await readDraft(actor.tenantId);
      c.header('ETag', `"${draft.revision}"`);
      return c.json({ ...draft, publishedVersion: actor.configVersion });
    },
  );

  app.put(
    '/draft',
    route({
      summary: 'Save the draft',
      description:
        'Each part that changes needs its privilege (forms and public forms: configure.forms, workflows and service levels: configure.workflows, pipelines: configure.pipelines, roles: manage.users, how mail is filed and its templates: email.sync); nobody grants more than they hold. A workflow still being built may be saved; the verifier blocks publishing, not saving.',
      access: CONFIGURERS,
      ifMatch: 'required',
      body: { schema: BUNDLE, description: 'The whole bundle (schemas/bundle.schema.json), at most 4 MiB.' },
      responses: {
        200: { ...json('Saved, as the next revision.', DRAFT), headers: { ETag: { description: 'The draft’s new revision.', schema: string } } },
        403: problem('A changed part needs a privilege you lack, or grants more than you hold.'),
        412: problem('Someone else saved the draft since you read it.'),
        422: problem('The bundle is not valid (each problem at its JSON path).'),
        428: problem('If-Match is missing.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const expected = ifMatchVersion(c, true);
      const candidate = await readJson(c, 4 * DEFAULT_BODY_LIMIT);
      // A draft may hold a workflow still being built: the verifier's problems block publishing, not saving.
      const errors = bundleErrors(candidate, '', { verify: false });
      if (errors.length) throw new Problem(422, 'The configuration is not valid.', errors);
      const next = candidate as Bundle;
      const now = deps.now();
      const revision = await db.write(async (tx) => {
        const row = (await tx.execute({ sql: 'SELECT bundle, revision FROM config_drafts WHERE tenant_id = ?', args: [actor.tenantId] })).rows[0]!;
        if (!matches(expected, Number(row.revision))) throw new Problem(412, 'Someone else saved the draft since you opened it; reload it first.');
        const changes = checkPrivileges(actor, JSON.parse(String(row.bundle)), next);
        const revision = Number(row.revision) + 1;
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'config.draft_saved',
            targetType: 'config',
            targetId: `draft-${revision}`,
            changes: { changes },
          },
          now,
        );
        await tx.execute({
          sql: 'UPDATE config_drafts SET bundle = ?, revision = ?, updated_at = ?, updated_by = ? WHERE tenant_id = ?',
          args: [JSON.stringify(next), revision, now, actor.userId, actor.tenantId],
        });
        return revision;
      });
      c.header('ETag', `"${revision}"`);
      return c.json({ bundle: next, revision, updatedAt: new Date(now).toISOString(), publishedVersion: actor.configVersion });
    },
  );

  app.post(
    '/publish',
    route({
      summary: 'Publish the draft',
      description:
        'Verifies it, and with `mode=dry-run` only reports the changes, the impact on records and what still needs a mapping. Applied, records in removed states or stages move as `mappings` say, and the draft becomes the next version. With If-Match, exactly the reviewed revision is published.',
      access: CONFIGURERS,
      ifMatch: 'optional',
      query: { mode: { schema: { enum: ['apply', 'dry-run'] }, description: '`apply` (default) or `dry-run`.' } },
      body: {
        schema: publishBody.schema as JsonSchema,
        description: 'Optional: `mappings` of records in states and stages the new version removes.',
        optional: true,
      },
      responses: {
        200: json(
          'The dry run. `access` lists, per person whose role changes a scope, the records they gain or lose (counted only for record types you read in full). `serviceLevels` lists the service level targets that change (minutes of business time; null: none): they apply to records opened after the version is published, never to those already open.',
          object({
            changes: listOf(CHANGE),
            impact: IMPACT,
            access: listOf(ACCESS_CHANGE),
            serviceLevels: listOf(object({ entity: string, priority: string, clock: string, before: orNull(integer), after: orNull(integer) })),
            problems: listOf(FIELD_PROBLEM),
            fromVersion: integer,
          }),
        ),
        201: json('Published.', object({ version: integer, changes: listOf(CHANGE), impact: IMPACT })),
        403: problem('A change needs a privilege you lack.'),
        409: problem('Nothing to publish, or the configuration changed since you reviewed it.'),
        412: problem('The draft changed since you reviewed it.'),
        422: problem('The draft is not valid, records still need mappings, or it removes a role people hold.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const mode = c.req.query('mode') ?? 'apply';
      const mappings = (await parseBody(c, publishBody, true)).mappings ?? {};
      const draft = await readDraft(actor.tenantId);
      // With If-Match, what is published is exactly the draft revision that was reviewed.
      const expected = ifMatchVersion(c, false);
      if (!matches(expected, draft.revision)) throw new Problem(412, 'The draft changed since you reviewed it; review it again.');
      const errors = bundleErrors(draft.bundle, '/bundle');
      if (errors.length) throw new Problem(422, 'The draft is not valid.', errors);
      const current = actor.bundle;
      const changes = checkPrivileges(actor, current, draft.bundle);
      const now = deps.now();
      const impact = await impactOf(db.client, actor.tenantId, current, draft.bundle, { validate: true, timers: { mappings, now } });
      const access = await accessImpact(db.client, actor, current, draft.bundle);
      const problems = [...mappingErrors(impact, mappings, draft.bundle), ...access.problems];
      if (mode === 'dry-run') {
        const serviceLevels = targetChanges(current, draft.bundle);
        return c.json({ changes, impact, access: access.changes, serviceLevels, problems, fromVersion: actor.configVersion });
      }
      if (access.problems.length) throw new Problem(422, 'Roles that people hold cannot be removed.', access.problems);
      if (changes.length === 0) throw new Problem(409, 'The draft is the same as the published version; nothing to publish.');
      const version = await db.write(async (tx) => {
        const { version } = await publishChecked(tx, {
          tenantId: actor.tenantId,
          fromVersion: actor.configVersion,
          current,
          next: draft.bundle,
          mappings,
          actorId: actor.userId,
          now,
        });
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'config.published',
            targetType: 'config',
            targetId: String(version),
            changes: { changes, mappings },
          },
          now,
        );
        return version;
      });
      return c.json({ version, changes, impact }, 201);
    },
  );

  app.get(
    '/versions',
    route({
      summary: 'The published versions',
      access: VERSION_READERS,
      responses: {
        200: json(
          'Newest first, each with what it changed (parts and keys; none for the first).',
          items(
            object({
              version: integer,
              publishedAt: moment,
              publishedBy: orNull(ref('Person')),
              current: boolean,
              changes: listOf(object({ part: string, key: string, change: { enum: ['added', 'removed', 'changed'] } })),
            }),
          ),
        ),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const rows = (
        await db.client.execute({
          // What each version changed, as its publish or import was audited (the first version has none).
          sql: `SELECT v.version, v.published_at, v.published_by, u.name,
                  (SELECT json_extract(a.changes, '$.changes') FROM audit_events a
                   WHERE a.tenant_id = v.tenant_id AND a.target_id = CAST(v.version AS TEXT) AND a.target_type = 'config'
                     AND a.action IN ('config.published', 'config.imported') ORDER BY a.seq DESC LIMIT 1) AS changes
              FROM config_versions v LEFT JOIN users u ON u.id = v.published_by
              WHERE v.tenant_id = ? ORDER BY v.version DESC`,
          args: [actor.tenantId],
        })
      ).rows;
      const items = rows.map((r) => ({
        version: Number(r.version),
        publishedAt: new Date(Number(r.published_at)).toISOString(),
        publishedBy: r.published_by ? { id: String(r.published_by), name: String(r.name ?? '') } : null,
        current: Number(r.version) === actor.configVersion,
        changes: ((r.changes === null ? [] : JSON.parse(String(r.changes))) as { part: string; key: string; change: string }[]).map(
          ({ part, key, change }) => ({
            part,
            key,
            change,
          }),
        ),
      }));
      return c.json({ items });
    },
  );

  app.get(
    '/versions/:version',
    route({
      summary: 'One published version',
      description: 'For rollback and for comparing an import with what is in place.',
      access: VERSION_READERS,
      params: { version: string },
      responses: { 200: json('The version’s bundle.', object({ version: integer, bundle: BUNDLE })), 404: problem('No such version.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const version = Number(c.req.param('version'));
      if (!Number.isInteger(version) || version < 1 || version > actor.configVersion) throw new Problem(404, 'No such version.');
      return c.json({ version, bundle: await publishedBundle(db.client, actor.tenantId, version) });
    },
  );

  return app;
}
