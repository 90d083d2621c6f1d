import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { newId } from '../db/ids.ts';
import { formValidator, validateData } from '../forms/validators.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { Problem } from '../http/problem.ts';
import type { Entry } from '../records/write.ts';
import type { Creation, StepEnv } from './effects.ts';

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The fields of `target` that `source` has under the same key with the same field type (files excepted). */
function sameFields(bundle: Bundle, target: string, source: Record<string, unknown>, sourceEntity: string): Record<string, unknown> {
  const to = bundle.entities[target]!.form.schema.properties;
  const from = bundle.entities[sourceEntity]!.form.schema.properties;
  return Object.fromEntries(
    // A file belongs to one record: it does not move to the new ones.
    Object.entries(source).filter(
      ([k]) => Object.hasOwn(to, k) && Object.hasOwn(from, k) && to[k]!['x-field'] === from[k]!['x-field'] && to[k]!['x-field'] !== 'file',
    ),
  );
}

/** An existing record of `entity` whose `field` equals `value` (case-insensitive) in the tenant, if any. */
async function findBy(tx: Transaction, tenantId: string, entity: string, field: string, value: string): Promise<string | undefined> {
  const row = (
    await tx.execute({
      sql: `SELECT id FROM records WHERE tenant_id = ? AND entity = ? AND lower(data ->> ?) = lower(?) ORDER BY seq LIMIT 1`,
      args: [tenantId, entity, `$.${field}`, value],
    })
  ).rows[0];
  return row ? String(row.id) : undefined;
}

/**
 * Decides a lead's conversion (reads only): an account for its company and a contact for its email when none exists
 * yet, and an opportunity linked to both, owned by the lead's owner. Fields move by key where both forms have them.
 * Each new record's timeline and the lead's `note` say what came from what. 422 when a new record would not be valid.
 */
export async function conversion(env: StepEnv): Promise<{ creations: Creation[]; note: Entry }> {
  const { tx, tenantId, bundle, record: lead } = env;
  const creations: Creation[] = [];
  const make = (entity: string, data: Record<string, unknown>) => {
    const errors = validateData(formValidator(validationSchema(bundle.entities[entity]!.form)), data);
    if (errors.length)
      throw new Problem(
        422,
        `Converting needs a valid ${entity}: ${errors.map((e) => `${e.path.slice(6)} ${e.message}`).join('; ')}.`,
        errors.map((e) => ({ path: `/convert/${entity}${e.path.slice(5)}`, message: e.message })),
      );
    const id = newId();
    const from = { kind: 'converted' as const, data: { from: { entity: lead.entity, id: lead.id } }, actorId: null };
    creations.push({ id, entity, data, owner: { userId: lead.ownerId, team: lead.team }, createdBy: env.actorId ?? lead.ownerId, timeline: [from] });
    return id;
  };
  const company = text(lead.data.company);
  const person = [text(lead.data.firstName), text(lead.data.lastName)].filter(Boolean).join(' ');
  const email = text(lead.data.email);
  const has = (entity: string) => Object.hasOwn(bundle.entities, entity);
  const account =
    has('account') && company
      ? ((await findBy(tx, tenantId, 'account', 'name', company)) ??
        make('account', { ...sameFields(bundle, 'account', lead.data, lead.entity), name: company }))
      : undefined;
  const contact =
    has('contact') && text(lead.data.lastName)
      ? (email && (await findBy(tx, tenantId, 'contact', 'email', email))) ||
        make('contact', { ...sameFields(bundle, 'contact', lead.data, lead.entity), ...(account ? { account } : {}) })
      : undefined;
  const opportunity = {
    ...sameFields(bundle, 'opportunity', lead.data, lead.entity),
    name: company ?? (person || 'Converted lead'),
    ...(account ? { account } : {}),
    ...(contact ? { contact } : {}),
  };
  if (typeof lead.data.estimatedValue === 'number') Object.assign(opportunity, { amount: lead.data.estimatedValue });
  make('opportunity', opportunity);
  const created = creations.map((c) => ({ entity: c.entity, id: c.id }));
  return { creations, note: { kind: 'converted', data: { created, linked: { account: account ?? null, contact: contact ?? null } }, actorId: null } };
}
