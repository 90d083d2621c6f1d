import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MIN_FILL_MS, PROOF_BITS, TOKEN_TTL_MS } from '../browser-safe/public-forms.ts';

/**
 * The token a public form's page carries: which form it was rendered for and when, signed with the runtime's secret
 * key, so a submission proves how long ago its page was made without anything kept between the two requests.
 */

const PURPOSE = 'public-form-token';
const keyFor = (secretKey: string) => createHash('sha256').update(`${PURPOSE}\0${secretKey}`).digest();
const sign = (secretKey: string, payload: string) => createHmac('sha256', keyFor(secretKey)).update(payload).digest('base64url');

/**
 * A fresh token for a page of form `formKey` of tenant `tenantId` rendered at `now`. The tenant is signed, not shown:
 * the page carries no database id.
 */
export function formToken(secretKey: string, tenantId: string, formKey: string, now: number): string {
  const payload = [formKey, now.toString(36), randomBytes(9).toString('base64url')].join('.');
  return `${payload}.${sign(secretKey, `${tenantId}.${payload}`)}`;
}

/** What a sent token says: fine, sent too soon after its page was made, or forged, for another form, or expired. */
export type TokenCheck = 'ok' | 'tooFast' | 'bad';

/** Checks a token sent with a submission of form `formKey` of tenant `tenantId` at `now`. */
export function checkToken(secretKey: string, token: string, tenantId: string, formKey: string, now: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== formKey) return 'bad';
  const payload = parts.slice(0, 3).join('.');
  const given = Buffer.from(parts[3]!);
  const expected = Buffer.from(sign(secretKey, `${tenantId}.${payload}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad';
  const renderedAt = parseInt(parts[1]!, 36);
  if (!Number.isFinite(renderedAt) || now - renderedAt > TOKEN_TTL_MS) return 'bad';
  return now - renderedAt < MIN_FILL_MS ? 'tooFast' : 'ok';
}

/** Whether SHA-256(token + nonce) starts with `bits` zero bits: the visitor's browser searched for such a nonce. */
export function checkProof(token: string, nonce: string, bits = PROOF_BITS): boolean {
  if (!/^[0-9a-z]{1,16}$/.test(nonce)) return false;
  const hash = createHash('sha256')
    .update(token + nonce)
    .digest();
  let left = bits;
  for (const byte of hash) {
    if (left <= 0) return true;
    if (left >= 8) {
      if (byte !== 0) return false;
      left -= 8;
    } else return byte >> (8 - left) === 0;
  }
  return true;
}

/** What is kept of an accepted token: its hash, so a second send of the same page is known without keeping the token. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The signature of a feedback link: form `formKey` of tenant `tenantId`, about record `recordId`. */
export const aboutSignature = (secretKey: string, tenantId: string, formKey: string, recordId: string) =>
  sign(secretKey, `about.${tenantId}.${formKey}.${recordId}`);

/** Whether `signature` is the one of a feedback link of this form about this record. */
export function checkAbout(secretKey: string, tenantId: string, formKey: string, recordId: string, signature: string): boolean {
  const given = Buffer.from(signature);
  const expected = Buffer.from(aboutSignature(secretKey, tenantId, formKey, recordId));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
