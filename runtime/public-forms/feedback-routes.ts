import { Hono } from 'hono';
import { fieldRules, scopeOf, type Actor } from '../access/policy.ts';
import { scopeFor, scopeSql } from '../access/scope.ts';
import type { EntityDef, PublicFormDef } from '../browser-safe/bundle.ts';
import { dayIn, isRating } from '../browser-safe/public-forms.ts';
import { integer, json, listOf, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { getRecord } from '../records/store.ts';
import { feedbackLink } from './about.ts';
import { companyTimezone, formActor } from './store.ts';

/** A feedback form of the caller's published configuration, or 404 (a form that is about no record is none). */
function feedbackForm(actor: Actor, key: string): PublicFormDef & { about: string } {
  const forms = actor.bundle.publicForms ?? {};
  const form = Object.hasOwn(forms, key) ? forms[key] : undefined;
  if (!form?.about || !form.active) throw new Problem(404, 'There is no such feedback form.');
  return form as PublicFormDef & { about: string };
}

/** The rating fields of a record type (0–10 ones are Net Promoter Scores). */
const ratingFields = (def: EntityDef) =>
  Object.entries(def.form.schema.properties)
    .filter(([, f]) => isRating(f))
    .map(([key, f]) => ({ key, nps: f.minimum === 0 && f.maximum === 10 }));

const linkBody = bodySchema<{ record: string }>({
  type: 'object',
  properties: { record: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['record'],
  additionalProperties: false,
});

const MONTH = object({
  month: string,
  answers: integer,
  scores: listOf(object({ field: string, average: orNull(integer), nps: orNull(integer) })),
});

/** Feedback links (a signed address of a feedback form about one record) and the scores of the answers per month. */
export function feedbackRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.post(
    '/:form/links',
    route({
      summary: 'Make a feedback link',
      description:
        'The address of feedback form `form` about record `record` (of the type its `about` field refers to), to send to the customer. Needs read access to that record.',
      access: SIGNED_IN,
      params: { form: string },
      body: linkBody,
      responses: {
        200: json('The link.', object({ url: string })),
        404: problem('No such feedback form, or no such record you may read (the same answer).'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const key = c.req.param('form');
      const form = feedbackForm(actor, key);
      const { record } = await parseBody(c, linkBody);
      const target = actor.bundle.entities[form.entity]!.form.schema.properties[form.about]!['x-ref']!;
      const found = scopeOf(actor, 'read', target) === 'none' ? undefined : await getRecord(deps.db.client, scopeFor(actor, 'read', target), record);
      if (!found) throw new Problem(404, 'There is no such record.');
      const tenant = (await deps.db.client.execute({ sql: 'SELECT slug FROM tenants WHERE id = ?', args: [actor.tenantId] })).rows[0]!;
      const origin = deps.publicUrl ?? new URL(c.req.url).origin;
      return c.json({ url: feedbackLink(origin, deps.secretKey, { id: actor.tenantId, slug: String(tenant.slug) }, key, record) });
    },
  );

  app.get(
    '/:form/scores',
    route({
      summary: 'Feedback scores per month',
      description:
        'Per month (in the company’s timezone) of the answers the caller may read: how many, and per rating field (a whole number on a scale of up to eleven steps) the average, ×10 and rounded; for a 0–10 field also the Net Promoter Score (promoters 9–10 minus detractors 0–6, in percent). Months without answers are left out.',
      access: anyTask(['reports.view'], 'Your role may not view reports.'),
      params: { form: string },
      responses: {
        200: json('Months, oldest first.', object({ items: listOf(MONTH) })),
        404: problem('No such feedback form.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const key = c.req.param('form');
      const form = feedbackForm(actor, key);
      const def = actor.bundle.entities[form.entity]!;
      const hidden = fieldRules(actor, form.entity).hidden;
      const fields = ratingFields(def).filter((f) => !hidden.has(f.key));
      if (scopeOf(actor, 'read', form.entity) === 'none') return c.json({ items: [] });
      const where = scopeSql(scopeFor(actor, 'read', form.entity));
      const rows = (
        await deps.db.client.execute({
          sql: `SELECT r.created_at, r.data FROM records r WHERE ${where.sql} AND r.created_by = ? ORDER BY r.created_at`,
          args: [...where.args, formActor(key)],
        })
      ).rows;
      const timezone = await companyTimezone(deps.db.client, actor.tenantId);
      const months = new Map<string, Record<string, unknown>[]>();
      for (const r of rows) {
        const month = dayIn(Number(r.created_at), timezone).slice(0, 7);
        if (!months.has(month)) months.set(month, []);
        months.get(month)!.push(JSON.parse(String(r.data)) as Record<string, unknown>);
      }
      const items = [...months].map(([month, answers]) => ({
        month,
        answers: answers.length,
        scores: fields.map((f) => score(f.key, f.nps, answers)),
      }));
      return c.json({ items });
    },
  );
  return app;
}

/** One rating field's average (×10, rounded) and, for 0–10, its Net Promoter Score, over the answers that rate it. */
function score(field: string, nps: boolean, answers: Record<string, unknown>[]) {
  const values = answers.map((a) => a[field]).filter((v): v is number => typeof v === 'number');
  if (!values.length) return { field, average: null, nps: null };
  const average = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10);
  const share = (test: (v: number) => boolean) => values.filter(test).length / values.length;
  return { field, average, nps: nps ? Math.round((share((v) => v >= 9) - share((v) => v <= 6)) * 100) : null };
}
