import type { Transaction } from '@libsql/client';
import { Hono, type Context } from 'hono';
import { personActor } from '../access/as-person.ts';
import { can, scopeOf, type Actor } from '../access/policy.ts';
import { teamName } from '../access/teams.ts';
import { audit } from '../audit/log.ts';
import { newId } from '../db/ids.ts';
import { boolean, empty, items, json, moment, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { recordFor } from './request.ts';
import { indexRecord, type StoredRecord } from './store.ts';
import { auditTag } from './write.ts';

const ACCESS = ['read', 'update'] as const;
const shareBody = bodySchema<{ person?: string; team?: string; access: (typeof ACCESS)[number]; until?: string | null }>({
  type: 'object',
  properties: {
    person: { type: 'string', maxLength: 64 },
    team: { type: 'string', maxLength: 64 },
    access: { enum: ACCESS },
    until: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  },
  required: ['access'],
  additionalProperties: false,
});

const SHARE = object({
  id: string,
  person: orNull(ref('Person')),
  team: orNull(object({ key: string, name: string })),
  access: { enum: ACCESS },
  until: orNull(moment),
  expired: boolean,
  sharedBy: ref('Person'),
  sharedAt: moment,
});

const iso = (ms: unknown) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The shares of one record, newest first, with names. */
async function sharesOf(db: Pick<Transaction, 'execute'>, actor: Actor, seq: number) {
  const rows = (
    await db.execute({
      sql: `SELECT s.id, s.user_id, u.name AS user_name, s.team, t.name AS team_name, s.access, s.until, s.created_by, b.name AS by_name, s.created_at
            FROM record_shares s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN teams t ON t.tenant_id = s.tenant_id AND t.key = s.team
            JOIN users b ON b.id = s.created_by WHERE s.record_seq = ? ORDER BY s.created_at DESC, s.id`,
      args: [seq],
    })
  ).rows;
  return rows.map((r) => ({
    id: String(r.id),
    person: r.user_id === null ? null : { id: String(r.user_id), name: String(r.user_name) },
    team: r.team === null ? null : { key: String(r.team), name: String(r.team_name ?? r.team) },
    access: String(r.access),
    until: iso(r.until),
    expired: r.until !== null && Number(r.until) <= actor.at,
    sharedBy: { id: String(r.created_by), name: String(r.by_name) },
    sharedAt: iso(r.created_at),
  }));
}

/** Only the record's owner, and whoever may assign it, share it or end a share. */
function requireSharer(actor: Actor, entity: string, record: StoredRecord) {
  if (record.ownerId !== actor.userId && !can(actor, 'assign', entity, record))
    throw new Problem(403, 'Only the person it is assigned to, or who may assign it, shares this record.');
}

/** After its shares changed: the record's search entry names whom it is shared with, so their searches find it. */
async function reindex(tx: Transaction, actor: Actor, entity: string, record: StoredRecord) {
  await indexRecord(tx, record.seq, actor.bundle.entities[entity]!.form.schema, record.data, { tenantId: actor.tenantId, ...auditTag(record) });
}

/**
 * Sharing one record with a person or a team, to read or to read and update, optionally until a moment. A share never
 * gives more than the grantee's role allows on the record type (its scope must not be none; its field rules hold).
 */
export function shareRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);
  const load = (c: Context<AppEnv>) => recordFor(db.client, c, 'read');

  app.get(
    '/:entity/:id/shares',
    route({
      summary: 'Whom a record is shared with',
      description: 'Anyone who may read the record sees its shares, ended ones marked `expired`.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: json('Newest first.', items(SHARE)), 404: problem('No such record, or one outside your scope.') },
    }),
    async (c) => {
      const { actor, record } = await load(c);
      return c.json({ items: await sharesOf(db.client, actor, record.seq) });
    },
  );

  app.post(
    '/:entity/:id/shares',
    route({
      summary: 'Share a record with a person or a team',
      description:
        'Name either `person` (a user id) or `team` (a team key). Sharing again with the same person or team replaces the earlier share. Needs to be the record’s owner or to be allowed to assign it; audited.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      body: shareBody,
      responses: {
        201: json('The share.', SHARE),
        403: problem('You neither own the record nor may assign it.'),
        404: problem('No such record, or one outside your scope.'),
        422: problem('No such person or team, or their role may not read (or update) this kind of record.'),
      },
    }),
    async (c) => {
      const { actor, entity, record } = await load(c);
      requireSharer(actor, entity, record);
      const body = await parseBody(c, shareBody);
      const bad = (path: string, message: string, title = 'This share cannot be made.') => new Problem(422, title, [{ path, message }]);
      if ((body.person === undefined) === (body.team === undefined)) throw bad('/person', 'name either a person or a team', 'Name either a person or a team.');
      const until = body.until ? Date.parse(body.until) : null;
      if (until !== null && until <= actor.at) throw bad('/until', 'must lie in the future');
      let granteeName = '';
      if (body.person !== undefined) {
        const them = await personActor(db.client, actor, body.person);
        if (!them?.active) throw bad('/person', 'is not an active person of this company');
        if (body.person === record.ownerId) throw bad('/person', 'is the person it is assigned to');
        const needed = body.access === 'update' ? 'update' : 'read';
        if (scopeOf(them.actor, needed, entity) === 'none')
          throw bad('/access', `their role may not ${needed} ${entity} records: a share never gives more than a role`);
        granteeName = them.actor.name;
      }
      const id = newId();
      await db.write(async (tx) => {
        // Names, not ids, go into the audit trail: it reads in words.
        let withName = granteeName;
        if (body.team !== undefined) {
          const team = await teamName(tx, actor.tenantId, body.team);
          if (team === undefined) throw bad('/team', 'is not a team of this company');
          withName = team;
        }
        const grantee = body.person !== undefined ? 'user_id' : 'team';
        await tx.execute({ sql: `DELETE FROM record_shares WHERE record_seq = ? AND ${grantee} = ?`, args: [record.seq, body.person ?? body.team!] });
        await tx.execute({
          sql: `INSERT INTO record_shares (id, tenant_id, entity, record_seq, record_id, user_id, team, access, until, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [id, actor.tenantId, entity, record.seq, record.id, body.person ?? null, body.team ?? null, body.access, until, actor.userId, actor.at],
        });
        await reindex(tx, actor, entity, record);
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'record.shared',
            targetType: 'record',
            targetId: record.id,
            record: auditTag(record),
            changes: { name: withName, access: body.access, until: iso(until) },
          },
          actor.at,
        );
      });
      return c.json(
        (await sharesOf(db.client, actor, record.seq)).find((s) => s.id === id)!,
        201,
      );
    },
  );

  app.delete(
    '/:entity/:id/shares/:shareId',
    route({
      summary: 'End a share',
      description: 'Takes effect on the grantee’s next request. Needs to be the record’s owner or to be allowed to assign it; audited.',
      access: SIGNED_IN,
      params: { entity: string, id: string, shareId: string },
      responses: { 204: empty('Ended.'), 403: problem('You neither own the record nor may assign it.'), 404: problem('No such record or share.') },
    }),
    async (c) => {
      const { actor, entity, record } = await load(c);
      requireSharer(actor, entity, record);
      await db.write(async (tx) => {
        const gone = (
          await tx.execute({
            sql: `SELECT coalesce(u.name, t.name, s.team) AS name, s.access FROM record_shares s LEFT JOIN users u ON u.id = s.user_id
                  LEFT JOIN teams t ON t.tenant_id = s.tenant_id AND t.key = s.team WHERE s.id = ? AND s.record_seq = ?`,
            args: [c.req.param('shareId'), record.seq],
          })
        ).rows[0];
        if (!gone) throw notFound('share');
        await tx.execute({ sql: 'DELETE FROM record_shares WHERE id = ?', args: [c.req.param('shareId')] });
        await reindex(tx, actor, entity, record);
        await audit(
          tx,
          {
            tenantId: actor.tenantId,
            actorId: actor.userId,
            action: 'record.unshared',
            targetType: 'record',
            targetId: record.id,
            record: auditTag(record),
            changes: { name: String(gone.name), access: gone.access },
          },
          actor.at,
        );
      });
      return c.body(null, 204);
    },
  );

  return app;
}
