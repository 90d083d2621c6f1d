import type { Client } from '@libsql/client';
import { scopeSql, type RecordScope } from '../access/scope.ts';
import type { Compliance, ComplianceReport, ComplianceRow } from '../browser-safe/service-levels.ts';

const none = (): Compliance => ({ total: 0, met: 0 });
const row = (): Omit<ComplianceRow, 'month' | 'team'> => ({ firstResponse: none(), resolution: none() });

/** The first month of a report of `months` months ending with `last` (`YYYY-MM`). */
export function firstMonth(last: string, months: number): string {
  const d = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 1 - (months - 1), 1));
  return d.toISOString().slice(0, 7);
}

/**
 * How many first responses and resolutions came within target, per month they were given (the company's calendar, from
 * `from` on) and per team of the record's owner, counted over exactly the records `scope` may read.
 */
export async function complianceReport(db: Client, scope: RecordScope, from: string): Promise<ComplianceReport> {
  const visible = scopeSql(scope);
  const rows = (
    await db.execute({
      sql: `SELECT c.month, r.team, c.clock, count(*) AS total, sum(c.met) AS met
            FROM sla_clocks c JOIN records r ON r.tenant_id = c.tenant_id AND r.id = c.record_id
            WHERE c.tenant_id = ? AND c.entity = ? AND c.month >= ? AND c.met IS NOT NULL AND ${visible.sql}
            GROUP BY c.month, r.team, c.clock`,
      args: [scope.tenantId, scope.entity, from, ...visible.args],
    })
  ).rows;
  const names = new Map(
    (await db.execute({ sql: 'SELECT key, name FROM teams WHERE tenant_id = ?', args: [scope.tenantId] })).rows.map((t) => [String(t.key), String(t.name)]),
  );
  const months = new Map<string, ComplianceRow>();
  const teams = new Map<string | null, ComplianceRow>();
  const totals = row();
  for (const r of rows) {
    const month = String(r.month);
    const team = r.team === null ? null : String(r.team);
    const clock = String(r.clock) === 'firstResponse' ? 'firstResponse' : 'resolution';
    const add = (c: ComplianceRow | Omit<ComplianceRow, 'month'>) => {
      c[clock].total += Number(r.total);
      c[clock].met += Number(r.met);
    };
    if (!months.has(month)) months.set(month, { month, ...row() });
    if (!teams.has(team)) teams.set(team, { team, teamName: team === null ? null : (names.get(team) ?? team), ...row() });
    add(months.get(month)!);
    add(teams.get(team)!);
    add(totals);
  }
  return {
    entity: scope.entity,
    months: [...months.values()].sort((a, b) => a.month!.localeCompare(b.month!)),
    // Teams by name; records without a team last.
    teams: [...teams.values()].sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.teamName!.localeCompare(b.teamName!))),
    totals,
  };
}
