import type { Client } from '@libsql/client';
import type { Context } from 'hono';
import { can, type Actor } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import type { EntityDef } from '../browser-safe/bundle.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { getRecord, type StoredRecord } from './store.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Answers with a record as the reader sees it, what they may do to it now (`may`), and its ETag. */
export const respond = (c: Context<AppEnv>, record: StoredRecord, status: 200 | 201 = 200) => {
  const actor = c.get('actor');
  const may = Object.fromEntries((['update', 'delete', 'assign'] as const).map((a) => [a, can(actor, a, record.entity, record)]));
  c.header('ETag', `"${record.version}"`);
  return c.body(`${record.json.slice(0, -1)},"may":${JSON.stringify(may)}}`, status, JSON_TYPE);
};

/** The definition of an entity of the actor's published version; 404 for any other name. */
export function entityDef(actor: Actor, entity: string): EntityDef {
  const def = Object.hasOwn(actor.bundle.entities, entity) ? actor.bundle.entities[entity] : undefined;
  if (!def) throw notFound('entity');
  return def;
}

/**
 * Reads the record a request addresses (`:entity/:id`) for an action: 404 unless the caller may read it
 * (the same answer as a missing record), 403 when they may read it but not do `action` to it.
 */
export async function recordFor(db: Client, c: Context<AppEnv>, action: 'read' | 'update' | 'delete' | 'assign') {
  const actor = c.get('actor');
  const entity = c.req.param('entity')!;
  const def = entityDef(actor, entity);
  const scope = scopeFor(actor, 'read', entity);
  const record = await getRecord(db, scope, c.req.param('id')!);
  if (!record) throw notFound();
  if (action !== 'read' && !can(actor, action, entity, record)) throw new Problem(403, `Your role may not ${action} this record.`);
  return { actor, entity, def, scope, record };
}
