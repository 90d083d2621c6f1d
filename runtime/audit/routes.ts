import { Hono } from 'hono';
import { items, json, mapOf, moment, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { csvCell, toCsv, type Cell } from '../reports/csv.ts';
import type { AuditEntry } from '../browser-safe/audit-entry.ts';
import { auditFilter, readAudit } from './read.ts';

const AUDIT_EVENT = object(
  {
    id: string,
    at: moment,
    actor: orNull(object({ id: string, name: string })),
    action: string,
    target: object({ type: string, id: orNull(string), entity: string, title: orNull(string), name: string }, ['entity', 'title', 'name']),
    address: string,
    changes: orNull(mapOf({})),
  },
  ['address'],
);
const READERS = anyTask(['audit.view'], 'Your role may not read the audit trail.');
const FILTERS = {
  actor: { schema: string, description: 'Events by this person (id).' },
  target: { schema: string, description: 'Events about this target (id).' },
  action: { schema: string, description: 'An action (`record.updated`) or its prefix (`record`).' },
  from: { schema: string, description: 'Not before this moment (ISO 8601).' },
  to: { schema: string, description: 'Not after this moment (ISO 8601).' },
};
/** The export reads in pages of this many events, and stops after EXPORT_MAX. */
const EXPORT_PAGE = 500;
const EXPORT_MAX = 100_000;

const csvRow = (e: AuditEntry): Cell[] => [
  e.at,
  e.actor?.name ?? '',
  e.action,
  e.target.type,
  e.target.entity ?? '',
  e.target.id ?? '',
  e.target.title ?? '',
  e.address ?? '',
  e.changes ? JSON.stringify(e.changes) : '',
];

/** The audit trail (task `audit.view`), newest first, filtered and paginated, within the reader's record scopes; and as CSV. */
export function auditRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/',
    route({
      summary: 'The audit trail',
      description:
        'Newest first; events of records only within your read scope, changes to fields hidden from you left out, a record’s current title only while you may read it.',
      access: READERS,
      query: {
        ...FILTERS,
        limit: { schema: string, description: 'Events per page, 1 to 200 (50 when not given).' },
        cursor: { schema: string, description: 'From `nextCursor` of the page before.' },
      },
      responses: { 200: json('One page.', items(AUDIT_EVENT, true)), 400: problem('A parameter is not valid (named in `errors`).') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const filter = auditFilter(actor, c.req.query());
      const { items, more } = await readAudit(deps.db.client, actor, filter, filter.limit, filter.cursor);
      return c.json({ items, nextCursor: more ? items.at(-1)!.id : null });
    },
  );

  app.get(
    '/events.csv',
    route({
      summary: 'The audit trail as CSV',
      description: `The same events and filters as the trail, newest first, at most ${EXPORT_MAX.toLocaleString('en')}; UTF-8 with a byte-order mark, cells a spreadsheet would read as formulas prefixed with an apostrophe.`,
      access: READERS,
      query: FILTERS,
      responses: {
        200: { description: 'A download.', schema: string, contentType: 'text/csv' },
        400: problem('A parameter is not valid (named in `errors`).'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const filter = auditFilter(actor, c.req.query(), new Set(Object.keys(FILTERS)));
      const header: Cell[] = ['time', 'person', 'action', 'target type', 'record type', 'target id', 'title', 'address', 'changes'];
      const encoder = new TextEncoder();
      let before: number | undefined;
      let sent = 0;
      // Page by page, so a long trail is never held whole in memory.
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(encoder.encode(`\uFEFF${header.map(csvCell).join(',')}\r\n`)),
        pull: async (controller) => {
          const { items, more } = await readAudit(deps.db.client, actor, filter, Math.min(EXPORT_PAGE, EXPORT_MAX - sent), before);
          if (items.length) controller.enqueue(encoder.encode(toCsv(items.map(csvRow))));
          sent += items.length;
          before = items.length ? Number(items.at(-1)!.id) : before;
          if (!more || sent >= EXPORT_MAX) controller.close();
        },
      });
      return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.csv"' });
    },
  );

  return app;
}
