import { Hono } from 'hono';
import { dayIn, REFUSALS } from '../browser-safe/public-forms.ts';
import { integer, json, listOf, object, string } from '../http/api-schemas.ts';
import { anyTask, contract } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { companyTimezone, readCounts } from './store.ts';

const DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_COUNT = object({
  form: string,
  day: string,
  accepted: integer,
  refused: object(Object.fromEntries(REFUSALS.map((r) => [r, integer]))),
});

/** How public forms are used: submissions per form and day, accepted and refused by reason. */
export function publicFormStatsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/stats',
    route({
      summary: 'Submissions of public forms',
      description: `Per form and day of the last ${DAYS} days (in the company’s timezone), the submissions accepted and those refused, by reason: honeypot (the trap for programs was filled), tooFast (sent within 3 s of opening), token (forged or older than a day), rate (too many from one address), proof (proof of work missing or wrong), invalid (values the form refuses), malformed (unreadable or larger than 64 kB). Days without submissions are left out.`,
      access: anyTask(['configure.forms'], 'Your role may not configure forms.'),
      responses: {
        200: json(
          'From the first day to today, the days with submissions, oldest first per form.',
          object({ from: string, to: string, items: listOf(DAY_COUNT) }),
        ),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const timezone = await companyTimezone(deps.db.client, actor.tenantId);
      const now = deps.now();
      const from = dayIn(now - (DAYS - 1) * DAY_MS, timezone);
      return c.json({ from, to: dayIn(now, timezone), items: await readCounts(deps.db.client, actor.tenantId, from) });
    },
  );
  return app;
}
