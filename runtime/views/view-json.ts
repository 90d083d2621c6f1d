import type { Row } from '@libsql/client';
import { hasTask, type Actor } from '../access/policy.ts';
import { anything, boolean, object, orNull, ref, string } from '../http/api-schemas.ts';
import type { ViewQuery } from './view-shape.ts';

export type Visibility = 'personal' | 'team' | 'company';
export const VISIBILITY = ['personal', 'team', 'company'] as const;
/** Who shapes what everyone sees in lists: company views and each role's default view. */
export const SHAPER = 'configure.forms';

/** A saved view as the API tells it. */
export const VIEW = object({
  id: string,
  entity: string,
  name: string,
  visibility: { enum: VISIBILITY },
  team: orNull(object({ key: string, name: string })),
  createdBy: ref('Person'),
  mine: boolean,
  mayChange: boolean,
  view: anything,
});

/** The columns of a view with its author's and team's names, as SQL over `saved_views v`. */
export const COLUMNS = `v.id, v.entity, v.name, v.visibility, v.team, t.name AS team_name, v.created_by, u.name AS author, v.view
  FROM saved_views v JOIN users u ON u.id = v.created_by LEFT JOIN teams t ON t.tenant_id = v.tenant_id AND t.key = v.team`;

/** Views the actor sees, as SQL over `saved_views v`: their own, their teams', the company's. */
export const visible = (actor: Actor) => ({
  sql: `(v.created_by = ? OR v.visibility = 'company' OR (v.visibility = 'team' AND v.team IN (SELECT value FROM json_each(?))))`,
  args: [actor.userId, JSON.stringify(actor.teams)],
});

/** Who may change or delete a view: its author; for shared views also whoever shapes the company's views. */
export const mayChange = (actor: Actor, row: Row) => String(row.created_by) === actor.userId || (row.visibility !== 'personal' && hasTask(actor, SHAPER));

export const viewOf = (actor: Actor, row: Row) => ({
  id: String(row.id),
  entity: String(row.entity),
  name: String(row.name),
  visibility: String(row.visibility) as Visibility,
  team: row.team === null ? null : { key: String(row.team), name: String(row.team_name ?? row.team) },
  createdBy: { id: String(row.created_by), name: String(row.author) },
  mine: String(row.created_by) === actor.userId,
  mayChange: mayChange(actor, row),
  view: JSON.parse(String(row.view)) as ViewQuery,
});
