import type { Client, Transaction } from '@libsql/client';

/** The teams a person's "team" scopes reach: `teams` (their own and those they manage) and `teamTree` (those and every team below them). */
export interface TeamReach {
  teams: string[];
  teamTree: string[];
  /** The part of the company's active people who belong to `teamTree` (0 to 1): how broad a "team and below" scope is. */
  treeShare: number;
}

const REACH_SQL = `WITH RECURSIVE direct(key) AS (
    SELECT ?3 WHERE ?3 IS NOT NULL
    UNION SELECT team FROM team_managers WHERE tenant_id = ?1 AND user_id = ?2),
  below(key) AS (SELECT key FROM direct UNION SELECT t.key FROM teams t JOIN below b ON t.tenant_id = ?1 AND t.parent = b.key)
  SELECT key, key IN (SELECT key FROM direct) AS direct,
    (SELECT count(*) FROM memberships WHERE tenant_id = ?1 AND active = 1 AND team IN (SELECT key FROM below)) * 1.0
      / (SELECT count(*) FROM memberships WHERE tenant_id = ?1 AND active = 1) AS share
  FROM below ORDER BY key`;

/** What a person's team scopes reach, from their own team (`home`) and the teams they manage, read now. */
export async function teamReach(db: Client | Transaction, tenantId: string, userId: string, home: string | null): Promise<TeamReach> {
  const rows = (await db.execute({ sql: REACH_SQL, args: [tenantId, userId, home] })).rows;
  return {
    teams: rows.filter((r) => Number(r.direct) === 1).map((r) => String(r.key)),
    teamTree: rows.map((r) => String(r.key)),
    treeShare: Number(rows[0]?.share ?? 0),
  };
}

/** A team's name by its key, or undefined when the company has no such team. */
export async function teamName(db: Pick<Transaction, 'execute'>, tenantId: string, key: string): Promise<string | undefined> {
  const row = (await db.execute({ sql: 'SELECT name FROM teams WHERE tenant_id = ? AND key = ?', args: [tenantId, key] })).rows[0];
  return row ? String(row.name) : undefined;
}

/** The reach of someone whose role reaches no further than their teams: their own team and those they manage, known already. */
export function directReach(home: string | null, managed: string[]): TeamReach {
  const teams = [...new Set(home === null ? managed : [home, ...managed])];
  return { teams, teamTree: teams, treeShare: 0 };
}
