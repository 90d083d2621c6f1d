import type { Client, Transaction } from '@libsql/client';
import type { Context } from 'hono';
import { can, type Actor } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import type { EntityDef } from '../config/bundle.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { getRecord, type StoredRecord } from './store.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

/** The 412 of every record write whose If-Match names an older version. */
export const stale = () => new Problem(412, 'This record was changed by someone else since you read it.');

/** Answers with a record as the reader sees it, and its ETag. */
export const respond = (c: Context, record: StoredRecord, status: 200 | 201 = 200) => {
  c.header('ETag', `"${record.version}"`);
  return c.body(record.json, status, JSON_TYPE);
};

/** Runs a write guarded by the record's version; no row changed means someone else got there first. */
export async function guarded(tx: Transaction, sql: string, args: (string | number | null)[]) {
  if ((await tx.execute({ sql, args })).rowsAffected === 0) throw stale();
}

/**
 * Inside a record write: 409 when another configuration version was published since the request read its own, so no
 * write can put a record into a state or stage that publish has just removed (publish checks records in the same way).
 */
export async function sameConfig(tx: Transaction, actor: Actor): Promise<void> {
  const row = (await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [actor.tenantId] })).rows[0];
  if (Number(row?.config_version) !== actor.configVersion) throw new Problem(409, 'The configuration was changed while you worked; reload and try again.');
}

/** The definition of an entity of the actor's published version; 404 for any other name. */
export function entityDef(actor: Actor, entity: string): EntityDef {
  const def = Object.hasOwn(actor.bundle.entities, entity) ? actor.bundle.entities[entity] : undefined;
  if (!def) throw notFound('entity');
  return def;
}

/** Who owned and created a record, for its audit events. */
export const auditRecord = (r: StoredRecord) => ({ entity: r.entity, ownerId: r.ownerId, createdBy: r.createdBy, team: r.team });

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
