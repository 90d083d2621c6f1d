import { Hono } from 'hono';
import { items, json, moment, object, orNull, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { bodySchema, parseBody } from '../http/validate.ts';
import { recordFor } from './request.ts';
import { addEntry, readTimeline } from './timeline.ts';

const noteBody = bodySchema<{ text: string }>({
  type: 'object',
  properties: { text: { type: 'string', minLength: 1, maxLength: 10000, pattern: '\\S' } },
  required: ['text'],
  additionalProperties: false,
});
const TIMELINE_ENTRY = {
  ...object({ id: string, at: moment, kind: string, actor: orNull(ref('Person')) }),
  description: 'One event in a record’s life; what else it carries depends on `kind` (changes, from/to, task, …).',
};

/** A record's timeline (only what its reader may see) and notes on it. Mounted inside the record routes, behind their authentication. */
export function timelineRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/:entity/:id/timeline',
    route({
      summary: 'A record’s timeline',
      description: 'Notes, changes, transitions, moves, tasks and conversions, newest first; changes to fields hidden from you are left out.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      query: { cursor: { schema: string, description: 'From `nextCursor` of the page before.' } },
      responses: { 200: json('One page of 100 entries.', items(TIMELINE_ENTRY, true)), 404: problem('No such record, or one outside your scope.') },
    }),
    async (c) => {
      const { scope, record } = await recordFor(db.client, c, 'read');
      const cursor = c.req.query('cursor');
      const before = cursor === undefined ? undefined : Number(cursor);
      if (before !== undefined && !Number.isInteger(before)) throw new Problem(400, 'cursor is not valid.', [{ path: '/cursor', message: 'is not a cursor' }]);
      return c.json(await readTimeline(db.client, scope, record.id, before, 100));
    },
  );

  app.post(
    '/:entity/:id/notes',
    route({
      summary: 'Add a note to a record',
      description: 'Anyone who may read the record may add notes to it.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      body: noteBody,
      responses: {
        201: json('The note as the timeline shows it.', object({ at: moment, kind: string, actor: ref('Person'), text: string })),
        404: problem('No such record, or one outside your scope.'),
      },
    }),
    async (c) => {
      const { actor, record } = await recordFor(db.client, c, 'read');
      const { text } = await parseBody(c, noteBody);
      const now = deps.now();
      await db.write((tx) => addEntry(tx, actor.tenantId, record.id, actor.userId, 'note', { text }, now));
      return c.json({ at: new Date(now).toISOString(), kind: 'note', actor: { id: actor.userId, name: actor.name }, text }, 201);
    },
  );

  return app;
}
