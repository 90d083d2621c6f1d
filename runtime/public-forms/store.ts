import type { Client, Transaction } from '@libsql/client';
import { REFUSALS, type DayCount, type Refusal } from '../browser-safe/public-forms.ts';

/** What the database keeps of public forms: submissions counted per day, accepted ones of the last day, names of forms as actors. */

/** Counts one submission of a form on a day, accepted or refused for a reason (inside the caller's write transaction). */
export async function countOutcome(tx: Transaction, tenantId: string, formKey: string, day: string, outcome: 'accepted' | Refusal): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO public_form_counts (tenant_id, form_key, day, outcome, n) VALUES (?, ?, ?, ?, 1)
          ON CONFLICT (tenant_id, form_key, day, outcome) DO UPDATE SET n = n + 1`,
    args: [tenantId, formKey, day, outcome],
  });
}

/** Every form's counts from day `from` on (YYYY-MM-DD), by form and day. */
export async function readCounts(db: Client, tenantId: string, from: string): Promise<DayCount[]> {
  const rows = (
    await db.execute({
      sql: 'SELECT form_key, day, outcome, n FROM public_form_counts WHERE tenant_id = ? AND day >= ? ORDER BY form_key, day',
      args: [tenantId, from],
    })
  ).rows;
  const byDay = new Map<string, DayCount>();
  for (const row of rows) {
    const id = `${String(row.form_key)}\0${String(row.day)}`;
    let count = byDay.get(id);
    if (!count) {
      count = {
        form: String(row.form_key),
        day: String(row.day),
        accepted: 0,
        refused: Object.fromEntries(REFUSALS.map((r) => [r, 0])) as Record<Refusal, number>,
      };
      byDay.set(id, count);
    }
    const outcome = String(row.outcome);
    if (outcome === 'accepted') count.accepted += Number(row.n);
    else if ((REFUSALS as readonly string[]).includes(outcome)) count.refused[outcome as Refusal] += Number(row.n);
  }
  return [...byDay.values()];
}

/** The record an earlier submission of this very page (the same token) created, if one did. */
export async function acceptedBefore(tx: Transaction, tenantId: string, tokenHash: string): Promise<string | undefined> {
  const row = (await tx.execute({ sql: 'SELECT record_id FROM public_form_hits WHERE tenant_id = ? AND token_hash = ?', args: [tenantId, tokenHash] })).rows[0];
  return row ? String(row.record_id) : undefined;
}

/** Accepted submissions of a form from an address since `since`; with the earliest of them, which leaves the window first. */
export async function hitsSince(tx: Transaction, tenantId: string, formKey: string, address: string, since: number) {
  const row = (
    await tx.execute({
      sql: 'SELECT count(*) AS n, min(at) AS first FROM public_form_hits WHERE tenant_id = ? AND form_key = ? AND address = ? AND at >= ?',
      args: [tenantId, formKey, address, since],
    })
  ).rows[0]!;
  return { n: Number(row.n), first: row.first === null ? null : Number(row.first) };
}

/** Keeps an accepted submission for a day (rate limit, repeated sends), dropping the company's older ones. */
export async function keepHit(tx: Transaction, hit: { tenantId: string; formKey: string; address: string; tokenHash: string; recordId: string; at: number }) {
  await tx.execute({ sql: 'DELETE FROM public_form_hits WHERE tenant_id = ? AND at < ?', args: [hit.tenantId, hit.at - 24 * 60 * 60 * 1000] });
  await tx.execute({
    sql: 'INSERT INTO public_form_hits (tenant_id, form_key, address, token_hash, record_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [hit.tenantId, hit.formKey, hit.address, hit.tokenHash, hit.recordId, hit.at],
  });
}

/** Names the actor `form:<key>` where people are named (a record's creator, its first timeline entries, the audit trail). */
export async function nameActor(tx: Transaction, tenantId: string, id: string, name: string): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO public_form_actors (tenant_id, id, name) VALUES (?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name',
    args: [tenantId, id, name],
  });
}

/** The actor of what a form does: `form:<key>`, a principal that is no person (see public_form_actors). */
export const formActor = (key: string) => `form:${key}`;

/** SQL naming an actor id column that is no person: the form's name, for `form:<key>` ids (`tenant` and `id` are column names). */
export const formActorName = (tenant: string, id: string) => `(SELECT fa.name FROM public_form_actors fa WHERE fa.tenant_id = ${tenant} AND fa.id = ${id})`;

/** The company's first owner (the earliest active one), who owns what a form creates until its workflow assigns it. */
export async function firstOwner(tx: Transaction, tenantId: string): Promise<{ userId: string; team: string | null }> {
  const row = (
    await tx.execute({
      sql: `SELECT user_id, team FROM memberships WHERE tenant_id = ? AND active = 1
              AND (role = 'owner' OR EXISTS (SELECT 1 FROM json_each(extra_roles) WHERE value = 'owner'))
            ORDER BY created_at, user_id LIMIT 1`,
      args: [tenantId],
    })
  ).rows[0]!;
  return { userId: String(row.user_id), team: row.team === null ? null : String(row.team) };
}

/** The company's timezone, which its days and months are counted in. */
export async function companyTimezone(db: Client, tenantId: string): Promise<string> {
  const row = (await db.execute({ sql: 'SELECT settings FROM tenants WHERE id = ?', args: [tenantId] })).rows[0]!;
  return (JSON.parse(String(row.settings)) as { timezone?: string }).timezone ?? 'UTC';
}
