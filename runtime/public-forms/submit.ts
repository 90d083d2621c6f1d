import { RATE_LIMIT, RATE_WINDOW_MS, dayIn } from '../browser-safe/public-forms.ts';
import type { Deps } from '../http/env.ts';
import type { WriteContext } from '../records/write.ts';
import { startRecord } from '../workflows/advance.ts';
import { acceptedBefore, countOutcome, firstOwner, formActor, hitsSince, keepHit, nameActor } from './store.ts';
import { pageTexts } from './locale.ts';
import { companyLocale, formTitle, type FormTarget } from './target.ts';
import { tokenHash } from './token.ts';
import { answered, ownerOfSubject } from './about.ts';

/** What became of a submission whose token, proof and values were fine. */
export type Submitted = { kind: 'accepted'; id: string } | { kind: 'again'; id: string } | { kind: 'answered' } | { kind: 'rate'; retryAfterMs: number };

/**
 * Creates the record a submission asks for, in one write transaction, through the one write path: created by the
 * form's actor, owned by whoever owns the record a feedback form's answer is about, else by the company's first owner
 * until its workflow's first step assigns it (leads: round robin),
 * with "submitted through the web form" on its timeline. The same page sent again creates nothing more; more than
 * RATE_LIMIT accepted submissions from one address within RATE_WINDOW_MS are refused. Counted per day either way.
 */
export async function submit(
  deps: Pick<Deps, 'db' | 'now'>,
  target: FormTarget,
  data: Record<string, unknown>,
  address: string,
  token: string,
): Promise<Submitted> {
  const now = deps.now();
  const { tenantId, key } = target;
  const day = dayIn(now, target.settings.timezone);
  const hash = tokenHash(token);
  return deps.db.write(async (tx): Promise<Submitted> => {
    const earlier = await acceptedBefore(tx, tenantId, hash);
    if (earlier) return { kind: 'again', id: earlier };
    // Two pages of one feedback link sent at once: the first answer counts.
    const about = target.form.about;
    if (about !== undefined && (await answered(tx, target, String(data[about])))) return { kind: 'answered' };
    const recent = await hitsSince(tx, tenantId, key, address, now - RATE_WINDOW_MS);
    if (recent.n >= RATE_LIMIT) {
      await countOutcome(tx, tenantId, key, day, 'rate');
      return { kind: 'rate', retryAfterMs: Math.max(1000, (recent.first ?? now) + RATE_WINDOW_MS - now) };
    }
    const actorId = formActor(key);
    const title = formTitle(target, companyLocale(target));
    await nameActor(tx, tenantId, actorId, pageTexts(companyLocale(target))('actorName', { title }));
    const ctx: WriteContext = { tx, tenantId, bundle: target.bundle, configVersion: target.configVersion, actorId, now };
    const id = await startRecord(ctx, {
      entity: target.form.entity,
      data,
      owner: (about !== undefined && (await ownerOfSubject(tx, tenantId, String(data[about])))) || (await firstOwner(tx, tenantId)),
      createdBy: actorId,
      firer: { userId: null, roles: [] },
      timeline: [{ kind: 'submitted', data: { form: key, title } }],
    });
    await keepHit(tx, { tenantId, formKey: key, address, tokenHash: hash, recordId: id, at: now });
    await countOutcome(tx, tenantId, key, day, 'accepted');
    return { kind: 'accepted', id };
  });
}
