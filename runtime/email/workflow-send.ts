import { LOCALES, type Locale } from '../browser-safe/bundle.ts';
import { fillTemplate } from '../browser-safe/email-template.ts';
import type { StepEnv } from '../workflows/effects.ts';
import type { Entry } from '../records/write.ts';
import { emailEntryData } from './filing.ts';
import { queueEmail } from './send.ts';

/** Why a workflow's email could not be written: said on the record's timeline in the reader's language. */
type SendRefusal = 'noTemplate' | 'noAddress' | 'noMailbox';

/**
 * The workflow action `sendEmail`: the template filled with the record's values in its owner's language, queued in
 * the step's transaction (sent after the commit, through the outbox) to the record's addresses or those of `field`.
 * Returns the record's timeline entry — the message, or why none could be written — for the step to add in order.
 */
export async function sendTemplate(env: StepEnv, templateKey: string, field: string | undefined): Promise<Entry> {
  const refusal = (failed: SendRefusal): Entry => ({ kind: 'email', data: { failed, template: templateKey }, actorId: null });
  const { tx, tenantId, record, bundle, now } = env;
  const def = bundle.entities[record.entity];
  const template = def?.email?.templates?.[templateKey];
  if (!template) return refusal('noTemplate');
  const fields = field ? [field] : (def.email?.addressFields ?? []);
  const to = [...new Set(fields.map((f) => record.data[f]).filter((v): v is string => typeof v === 'string' && v.includes('@')))];
  if (to.length === 0) return refusal('noAddress');
  const box = (
    await tx.execute({
      sql: 'SELECT tenant_id, id, name, address FROM mailboxes WHERE tenant_id = ? AND personal_user_id IS NULL AND smtp IS NOT NULL ORDER BY created_at, id LIMIT 1',
      args: [tenantId],
    })
  ).rows[0];
  if (!box) return refusal('noMailbox');
  const owner = (await tx.execute({ sql: 'SELECT locale FROM users WHERE id = ?', args: [record.ownerId] })).rows[0];
  const locale = LOCALES.includes(owner?.locale as Locale) ? (owner!.locale as Locale) : 'en';
  const { subject, text } = fillTemplate(template, locale, record.data, def);
  const mailbox = { tenantId, id: String(box.id), name: String(box.name), address: String(box.address) };
  const email = await queueEmail(tx, mailbox, bundle, record.id, { to, cc: [], subject, text }, null, now, { timelineEntry: false });
  return { kind: 'email', data: emailEntryData(email), actorId: null };
}
