import { Hono } from 'hono';
import { scopeOf } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import { boolean, json, listOf, object, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { parseListQuery } from './list-query.ts';
import { listRecords } from './store.ts';

const PER_TYPE = 5;

/**
 * Search across every record type the person may read (`GET /api/search?q=`): per type the few most recently changed
 * matches, each found and shown exactly as that type's list would (scope, hidden fields, readable text only).
 */
export function searchRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/',
    route({
      summary: 'Search every kind of record you may read',
      description: `Up to ${PER_TYPE} matches per kind of record, most recently changed first; \`more\` says whether its list holds more. Kinds you may not read, and fields your role hides, are never searched.`,
      access: SIGNED_IN,
      query: {
        q: { schema: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Words every match has in a field you may read (prefixes match).' },
      },
      responses: {
        200: json(
          'Kinds with matches, in the order of the configuration.',
          object({ groups: listOf(object({ entity: string, items: listOf(ref('Record')), more: boolean })) }),
        ),
        400: problem('`q` is missing, has no words, or is longer than 200 characters.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const q = c.req.query('q') ?? '';
      if (!q.trim() || q.length > 200)
        throw new Problem(400, 'Give the words to search for (at most 200 characters).', [{ path: '/q', message: 'is required' }]);
      const params = new URLSearchParams({ q, limit: String(PER_TYPE) });
      const groups: string[] = [];
      for (const entity of Object.keys(actor.bundle.entities)) {
        if (scopeOf(actor, 'read', entity) === 'none') continue;
        const scope = scopeFor(actor, 'read', entity);
        const query = parseListQuery(params, actor.bundle.entities[entity]!, scope);
        if (!query.match) continue;
        const page = await listRecords(deps.db, scope, query);
        // Records travel as the JSON texts the list built: no parsing and serialising again.
        if (page.items) groups.push(`{"entity":${JSON.stringify(entity)},"items":[${page.items}],"more":${page.nextCursor !== null}}`);
      }
      return c.body(`{"groups":[${groups.join(',')}]}`, 200, { 'content-type': 'application/json' });
    },
  );
  return app;
}
