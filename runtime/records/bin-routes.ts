import type { Row } from '@libsql/client';
import { Hono, type Context } from 'hono';
import { scopeOf, type Actor } from '../access/policy.ts';
import { scopeFor, scopeSql, titleFor } from '../access/scope.ts';
import { empty, items, json, moment, object, orNull, problem, recordReply, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { BIN_DAYS, purgeRecord, restoreRecord, type BinnedRecord } from './recycle-bin.ts';
import { respond } from './request.ts';
import { getRecord } from './store.ts';
import { writeContext } from './write.ts';

const DAY = 86_400_000;
const PAGE = 50;
const BINNED = object({
  id: string,
  entity: string,
  title: orNull(string),
  owner: ref('Person'),
  deletedBy: orNull(ref('Person')),
  deletedAt: moment,
  purgeAt: moment,
});

/** Deleted records the actor may delete, as SQL over `deleted_records r`: the delete scope of each record type, as for records. */
function binScope(actor: Actor, entity: string | undefined): { sql: string; args: (string | number)[] } {
  const entities = Object.keys(actor.bundle.entities).filter((e) => (entity === undefined || e === entity) && scopeOf(actor, 'delete', e) !== 'none');
  const parts = entities.map((e) => scopeSql(scopeFor(actor, 'delete', e)));
  if (parts.length === 0) return { sql: '0', args: [] };
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, args: parts.flatMap((p) => p.args) };
}

const BIN_COLUMNS = `r.id, r.entity, r.owner_id, r.created_by, r.team, r.row ->> '$.data' AS data, r.row ->> '$.state' AS state,
  r.row ->> '$.pipeline' AS pipeline, r.row ->> '$.stage' AS stage, r.deleted_at, r.deleted_by`;

const binnedOf = (row: Row): BinnedRecord => ({
  id: String(row.id),
  entity: String(row.entity),
  ownerId: String(row.owner_id),
  createdBy: String(row.created_by),
  team: row.team === null ? null : String(row.team),
  data: JSON.parse(String(row.data)),
  state: row.state === null ? null : String(row.state),
  pipeline: row.pipeline === null ? null : String(row.pipeline),
  stage: row.stage === null ? null : String(row.stage),
});

/**
 * The recycle bin: deleted records, restorable for 30 days by whoever may delete them (the same scope), then purged.
 * A record in the bin is on no other read path.
 */
export function binRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  /** The binned record a request addresses, when the caller may delete it; 404 otherwise, as for a missing one. */
  async function binnedFor(c: Context<AppEnv>) {
    const actor = c.get('actor');
    const entity = c.req.param('entity')!;
    if (!Object.hasOwn(actor.bundle.entities, entity) || scopeOf(actor, 'delete', entity) === 'none') throw notFound();
    const scope = binScope(actor, entity);
    const row = (
      await db.client.execute({
        sql: `SELECT ${BIN_COLUMNS} FROM deleted_records r WHERE r.tenant_id = ? AND r.id = ? AND ${scope.sql}`,
        args: [actor.tenantId, c.req.param('id')!, ...scope.args],
      })
    ).rows[0];
    if (!row) throw notFound();
    return { actor, entity, binned: binnedOf(row) };
  }

  app.get(
    '/',
    route({
      summary: 'Deleted records you may restore',
      description: `Newest deletion first. Records you could delete, for ${BIN_DAYS} days after their deletion; titles as your role may read them.`,
      access: SIGNED_IN,
      query: {
        entity: { schema: string, description: 'Only records of this kind.' },
        cursor: { schema: string, description: 'From `nextCursor` of the page before.' },
      },
      responses: { 200: json('One page.', items(BINNED, true)), 400: problem('The cursor is not one this list gave.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const entity = c.req.query('entity') || undefined;
      const cursor = c.req.query('cursor');
      const after = cursor ? /^(\d{1,15})~([\w-]{1,64})$/.exec(cursor) : null;
      if (cursor && !after) throw new Problem(400, 'The cursor is not one this list gave.', [{ path: '/cursor', message: 'is not valid' }]);
      const scope = binScope(actor, entity);
      const page = after ? 'AND (r.deleted_at < ? OR (r.deleted_at = ? AND r.id < ?))' : '';
      const rows = (
        await db.client.execute({
          sql: `SELECT ${BIN_COLUMNS}, o.name AS owner_name, d.name AS deleter_name FROM deleted_records r
                JOIN users o ON o.id = r.owner_id LEFT JOIN users d ON d.id = r.deleted_by
                WHERE r.tenant_id = ? AND ${scope.sql} ${page} ORDER BY r.deleted_at DESC, r.id DESC LIMIT ${PAGE + 1}`,
          args: [actor.tenantId, ...scope.args, ...(after ? [Number(after[1]), Number(after[1]), after[2]!] : [])],
        })
      ).rows;
      const shown = rows.slice(0, PAGE).map((row) => ({
        id: String(row.id),
        entity: String(row.entity),
        title: titleFor(actor, String(row.entity), JSON.parse(String(row.data))),
        owner: { id: String(row.owner_id), name: String(row.owner_name) },
        deletedBy: row.deleted_by === null ? null : { id: String(row.deleted_by), name: String(row.deleter_name ?? '') },
        deletedAt: new Date(Number(row.deleted_at)).toISOString(),
        purgeAt: new Date(Number(row.deleted_at) + BIN_DAYS * DAY).toISOString(),
      }));
      const last = rows.length > PAGE ? rows[PAGE - 1]! : undefined;
      return c.json({ items: shown, nextCursor: last ? `${Number(last.deleted_at)}~${String(last.id)}` : null });
    },
  );

  app.post(
    '/:entity/:id/restore',
    route({
      summary: 'Restore a deleted record',
      description: 'It comes back as it was, one version later, with its timeline, stage history, timers and shares; audited.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: {
        200: recordReply('The record as it is now.'),
        204: empty('Restored; your role may not read it.'),
        404: problem('Not in the recycle bin, or not one you may delete.'),
        409: problem('Its state or stage no longer exists in the configuration.'),
      },
    }),
    async (c) => {
      const { actor, entity, binned } = await binnedFor(c);
      await db.write((tx) => restoreRecord(writeContext(tx, actor, deps.now()), binned));
      const back = scopeOf(actor, 'read', entity) === 'none' ? undefined : await getRecord(db.client, scopeFor(actor, 'read', entity), binned.id);
      return back ? respond(c, back) : c.body(null, 204);
    },
  );

  app.delete(
    '/:entity/:id',
    route({
      summary: 'Delete a record for good',
      description: 'Empties it from the recycle bin now, with its timeline; it cannot be restored. Audited.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 204: empty('Gone.'), 404: problem('Not in the recycle bin, or not one you may delete.') },
    }),
    async (c) => {
      const { actor, binned } = await binnedFor(c);
      await db.write((tx) => purgeRecord(tx, actor.tenantId, binned, actor.userId, deps.now()));
      return c.body(null, 204);
    },
  );

  return app;
}
