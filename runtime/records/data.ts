import type { Client, Transaction } from '@libsql/client';
import { isCalculated } from '../browser-safe/calculated.ts';
import type { Actor } from '../access/policy.ts';
import { fieldRules, scopeOf } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import type { EntityDef } from '../browser-safe/bundle.ts';
import { formValidator, validateData } from '../forms/validators.ts';
import { Problem } from '../http/problem.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { isLinkField } from './links.ts';
import { getRecord } from './store.ts';

/** RFC 7396 merge patch on the top level of record data: `null` removes a field. */
export function mergePatch(data: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/**
 * Checks the `data` a person sends: keys the form does not have, or the role hides, are a 400; changing a readonly
 * field is a 403; a reference set to anything but a record of its kind the person may read is a 422 (the same answer
 * for a missing record and one they may not read), and so is each record a list of links adds. `before` is the stored
 * data (empty on create); a reference left as it was is not checked again, so a record pointing at one since deleted
 * can still be edited.
 */
export async function checkSentData(
  db: Client | Transaction,
  actor: Actor,
  entity: string,
  def: EntityDef,
  data: unknown,
  before: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new Problem(400, 'data must be an object.', [{ path: '/data', message: 'must be an object' }]);
  const { hidden, readonly } = fieldRules(actor, entity);
  const fields = def.form.schema.properties;
  const unknown = Object.keys(data).filter((k) => !Object.hasOwn(fields, k) || hidden.has(k));
  if (unknown.length)
    throw new Problem(
      400,
      'data has fields this form does not have.',
      unknown.map((k) => ({ path: `/data/${k}`, message: 'unknown field' })),
    );
  const locked = Object.entries(data as Record<string, unknown>).filter(
    ([k, v]) => readonly.has(k) && JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null),
  );
  if (locked.length)
    throw new Problem(
      403,
      'Your role may not change some of these fields.',
      locked.map(([k]) => ({ path: `/data/${k}`, message: 'is read-only for your role' })),
    );
  const calculated = Object.entries(data as Record<string, unknown>).filter(
    ([k, v]) => isCalculated(fields[k]) && JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null),
  );
  if (calculated.length)
    throw new Problem(
      422,
      'Calculated fields cannot be set.',
      calculated.map(([k]) => ({ path: `/data/${k}`, message: 'is calculated from other values and cannot be set' })),
    );
  // An empty list of links is no links: the field is left out, or removed (so a required one is missing).
  const sent = Object.fromEntries(
    Object.entries(data).flatMap(([k, v]) => {
      if (!isLinkField(fields[k]) || !Array.isArray(v) || v.length) return [[k, v]];
      return before[k] === undefined ? [] : [[k, null]];
    }),
  );
  const wrong: { path: string; message: string }[] = [];
  for (const [field, value] of Object.entries(sent)) {
    const target = fields[field]!['x-ref'];
    if (target === undefined || value === null) continue;
    // A list of links: each id it adds is checked, those it keeps are not (one may point at a record since deleted).
    const many = Array.isArray(value);
    // More than the field holds: the form's validation refuses it, without a lookup per id first.
    if (many && value.length > (fields[field]!.maxItems ?? 0)) continue;
    const kept = new Set(many && Array.isArray(before[field]) ? (before[field] as unknown[]) : [before[field]]);
    const added = (many ? value : [value]).map((id, i) => ({ id, path: many ? `/data/${field}/${i}` : `/data/${field}` })).filter((a) => !kept.has(a.id));
    for (const { id, path } of added) {
      const readable = scopeOf(actor, 'read', target) !== 'none' && typeof id === 'string';
      if (!readable || !(await getRecord(db, scopeFor(actor, 'read', target), id as string)))
        wrong.push({ path, message: `must be the id of a record of type ${target} that you may read` });
    }
  }
  if (wrong.length) throw new Problem(422, 'Some references do not point at records you may read.', wrong);
  return sent;
}

/**
 * Validates full record data against the entity's form in the actor's published version (422 naming each field).
 * Hidden fields keep their stored values, so a role that cannot see a required field can still save.
 */
export function validateRecordData(actor: Actor, entity: string, def: EntityDef, data: Record<string, unknown>): void {
  const check = formValidator(validationSchema(def.form));
  const { hidden } = fieldRules(actor, entity);
  // Calculated values are the write path's, not the writer's: whatever limits their field has, nobody can fix them.
  const fields = def.form.schema.properties;
  const errors = validateData(check, data).filter((e) => {
    const field = e.path.split('/')[2] ?? '';
    return !hidden.has(field) && !isCalculated(Object.hasOwn(fields, field) ? fields[field] : undefined);
  });
  if (errors.length) throw new Problem(422, 'Some fields are not valid.', errors);
}
