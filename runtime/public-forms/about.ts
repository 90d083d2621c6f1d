import type { Client, Transaction } from '@libsql/client';
import { publicFormUrl } from '../browser-safe/public-forms.ts';
import { referenceMatch } from '../records/reference-index.ts';
import { formActor } from './store.ts';
import type { FormTarget } from './target.ts';
import { aboutSignature, checkAbout } from './token.ts';

/**
 * Feedback links: a form with `about` opens only through a link made for one record (a case, an account), signed with
 * the runtime's secret key so a visitor cannot point their answer at another record, and takes one answer per record.
 */

/** The record a feedback link is about, as the page or a submission carries it. */
export interface About {
  id: string;
  signature: string;
}

/** The address of form `key` of the company `slug` about record `recordId`. */
export function feedbackLink(origin: string, secretKey: string, tenant: { id: string; slug: string }, key: string, recordId: string): string {
  const url = new URL(publicFormUrl(origin, tenant.slug, key));
  url.searchParams.set('about', recordId);
  url.searchParams.set('sig', aboutSignature(secretKey, tenant.id, key, recordId));
  return url.toString();
}

/**
 * What a form's link is good for: `none` for a form that is about nothing; else `bad` (no link, forged, for another
 * form), `gone` (its record no longer exists), `answered` (it has its answer), or `open` with the record.
 */
export async function aboutState(
  db: Client | Transaction,
  secretKey: string,
  target: FormTarget,
  about: Partial<About>,
): Promise<{ kind: 'none' | 'bad' | 'gone' | 'answered' } | { kind: 'open'; about: About }> {
  const field = target.form.about;
  if (field === undefined) return { kind: 'none' };
  const { id, signature } = about;
  if (!id || !signature || !checkAbout(secretKey, target.tenantId, target.key, id, signature)) return { kind: 'bad' };
  const refersTo = target.entity.form.schema.properties[field]!['x-ref'];
  const record = await db.execute({ sql: 'SELECT 1 FROM records WHERE tenant_id = ? AND id = ? AND entity = ?', args: [target.tenantId, id, refersTo!] });
  if (!record.rows.length) return { kind: 'gone' };
  return (await answered(db, target, id)) ? { kind: 'answered' } : { kind: 'open', about: { id, signature } };
}

/** Whether the feedback form `target` has its answer about record `id`. */
export async function answered(db: Client | Transaction, target: FormTarget, id: string): Promise<boolean> {
  const found = await db.execute({
    sql: `SELECT 1 FROM records WHERE ${referenceMatch(target.form.entity, target.form.about!)} AND created_by = ? LIMIT 1`,
    args: [target.tenantId, id, formActor(target.key)],
  });
  return found.rows.length > 0;
}

/** Who an answer about record `id` belongs to: whoever owns that record, in their team (they see it as they see the record). */
export async function ownerOfSubject(db: Client | Transaction, tenantId: string, id: string): Promise<{ userId: string; team: string | null } | undefined> {
  const row = (await db.execute({ sql: 'SELECT owner_id, team FROM records WHERE tenant_id = ? AND id = ?', args: [tenantId, id] })).rows[0];
  return row && { userId: String(row.owner_id), team: row.team === null ? null : String(row.team) };
}
