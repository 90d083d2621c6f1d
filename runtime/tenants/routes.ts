import { Hono } from 'hono';
import { audit, changedFields } from '../audit/log.ts';
import { attachmentLimitsOf } from '../browser-safe/attachment-limits.ts';
import { tenantView } from '../auth/people.ts';
import { items, json, problem, ref } from '../http/api-schemas.ts';
import { contract, ownerOnly, SIGNED_IN } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { parseBody } from '../http/validate.ts';
import { settingsErrors, tenantPatchBody } from './settings.ts';
import { recalendar } from '../service-levels/recalendar.ts';
import { calendarFrom } from '../service-levels/store.ts';

/** The tenant's name and settings, and the directory of its active people. */
export function tenantRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get('/tenant', route({ summary: 'Your company', access: SIGNED_IN, responses: { 200: json('Its name and settings.', ref('Tenant')) } }), async (c) =>
    c.json(await tenantView(db.client, c.get('actor').tenantId)),
  );

  app.patch(
    '/tenant',
    route({
      summary: 'Change the company’s name and settings',
      access: ownerOnly('Only owners change the tenant’s settings.'),
      body: tenantPatchBody,
      responses: {
        200: json('As it is now.', ref('Tenant')),
        422: problem('A setting is not valid (currency, timezone, language, a role that does not exist).'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const body = await parseBody(c, tenantPatchBody);
      const errors = settingsErrors(body.settings ?? {}, actor.bundle.roles);
      if (errors.length) throw new Problem(422, 'Some settings are not valid.', errors);
      const now = deps.now();
      await db.write(async (tx) => {
        const before = await tenantView(tx, actor.tenantId);
        const settings = { ...before.settings, ...body.settings };
        // The limits on files change in part: a patch of one of them keeps the other.
        if (body.settings?.attachments) settings.attachments = { ...attachmentLimitsOf(before.settings), ...body.settings.attachments };
        const after = { name: body.name?.trim() ?? before.name, settings };
        await tx.execute({ sql: 'UPDATE tenants SET name = ?, settings = ? WHERE id = ?', args: [after.name, JSON.stringify(after.settings), actor.tenantId] });
        // Service level clocks keep the business time they used and count on in the new hours (or timezone).
        if (body.settings?.businessHours || body.settings?.timezone)
          await recalendar(tx, actor.tenantId, calendarFrom(before.settings), calendarFrom(after.settings), now);
        const changes = changedFields({ name: before.name, ...before.settings }, { name: after.name, ...after.settings });
        await audit(
          tx,
          { tenantId: actor.tenantId, actorId: actor.userId, action: 'tenant.updated', targetType: 'tenant', targetId: actor.tenantId, changes },
          now,
        );
      });
      return c.json(await tenantView(db.client, actor.tenantId));
    },
  );

  app.get(
    '/directory',
    route({
      summary: 'The company’s active people',
      description: 'Names for pickers and display.',
      access: SIGNED_IN,
      responses: { 200: json('By name.', items(ref('Person'))) },
    }),
    async (c) => {
      const rows = (
        await db.client.execute({
          sql: `SELECT u.id, u.name FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.tenant_id = ? AND m.active = 1 ORDER BY u.name COLLATE NOCASE, u.id`,
          args: [c.get('actor').tenantId],
        })
      ).rows;
      return c.json({ items: rows.map((r) => ({ id: String(r.id), name: String(r.name) })) });
    },
  );

  return app;
}
