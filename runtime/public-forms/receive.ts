import type { Locale } from '../browser-safe/bundle.ts';
import { dayIn, type Refusal } from '../browser-safe/public-forms.ts';
import type { Deps } from '../http/env.ts';
import { countOutcome } from './store.ts';
import { pageTexts } from './locale.ts';
import { submit } from './submit.ts';
import type { FormTarget } from './target.ts';
import { checkProof, checkToken } from './token.ts';
import { aboutState } from './about.ts';
import { BodyError, dataOf, readSent, single, type FieldProblem, type Sent } from './values.ts';

/** What a submission comes to: the thank-you, the form again with a notice or problems by field, or a page saying why not. */
export type Outcome =
  | { kind: 'thanks'; status: 200 | 201 }
  | { kind: 'form'; status: 422 | 429; values: Sent; problems: Record<string, FieldProblem>; notice?: string; retryAfterMs?: number }
  | { kind: 'message'; status: 400 | 413 | 415; what: 'tooLarge' | 'bad' };

/**
 * Takes one submission of `target` in the visitor's `locale`, from `address`: the body read (64 kB at most), then the
 * honeypot, the page's token (not forged, not expired, not sent within 3 s), the proof of work when the form asks for
 * one, a feedback form's link (signed for its record, not yet answered), the values against the record type's form,
 * and the rate limit; only then is the record created. Every refusal is counted for the day with its reason and nothing
 * of it is kept.
 */
export async function receive(
  deps: Pick<Deps, 'db' | 'now' | 'secretKey'>,
  req: Request,
  target: FormTarget,
  locale: Locale,
  address: string,
): Promise<Outcome> {
  const now = deps.now();
  const say = pageTexts(locale);
  const refuse = async <T extends Outcome>(reason: Refusal, outcome: T): Promise<T> => {
    await deps.db.write((tx) => countOutcome(tx, target.tenantId, target.key, dayIn(now, target.settings.timezone), reason));
    return outcome;
  };
  let sent: Sent;
  try {
    sent = (await readSent(req)).sent;
    const again = (notice: string, problems: Record<string, FieldProblem> = {}) => ({
      kind: 'form' as const,
      status: 422 as const,
      values: sent,
      problems,
      notice,
    });
    // People never see the trap, so whatever fills it is a program: it is thanked, and nothing is kept.
    if (single(sent, '_website') !== '') return refuse('honeypot', { kind: 'thanks', status: 200 });
    const token = single(sent, '_token');
    const checked = checkToken(deps.secretKey, token, target.tenantId, target.key, now);
    if (checked === 'bad') return refuse('token', again(say('notices.token')));
    if (checked === 'tooFast') return refuse('tooFast', again(say('notices.tooFast')));
    if (target.form.proofOfWork && !checkProof(token, single(sent, '_proof'))) return refuse('proof', again(say('notices.proof')));
    // A feedback form's answer is about the record its link was signed for, once.
    const link = { id: single(sent, '_about'), signature: single(sent, '_sig') };
    const about = await aboutState(deps.db.client, deps.secretKey, target, link);
    if (about.kind === 'bad' || about.kind === 'gone') return refuse('token', { kind: 'message', status: 400, what: 'bad' });
    if (about.kind === 'answered') return { kind: 'thanks', status: 200 };
    const preset = about.kind === 'open' ? { [target.form.about!]: about.about.id } : {};
    const { data, problems, other } = dataOf(target.entity, target.form.fields, sent, preset);
    if (other.length) return refuse('invalid', again(say('notices.incomplete'), problems));
    if (Object.keys(problems).length) return refuse('invalid', { kind: 'form', status: 422, values: sent, problems });
    const done = await submit(deps, target, data, address, token);
    if (done.kind === 'rate') {
      const minutes = Math.ceil(done.retryAfterMs / 60_000);
      return { kind: 'form', status: 429, values: sent, problems: {}, notice: say('notices.rate', { minutes }), retryAfterMs: done.retryAfterMs };
    }
    return { kind: 'thanks', status: done.kind === 'accepted' ? 201 : 200 };
  } catch (e) {
    if (!(e instanceof BodyError)) throw e;
    return refuse('malformed', { kind: 'message', status: e.status, what: e.status === 413 ? 'tooLarge' : 'bad' });
  }
}
