import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A key for one purpose, derived from SECRET_KEY, so one purpose's ciphertext never opens with another's key. */
const keyFor = (secretKey: string, purpose: string) => createHash('sha256').update(`${purpose}\0${secretKey}`).digest();

/** Encrypts a secret for storage (AES-256-GCM; the result carries its nonce and tag). */
export function seal(secretKey: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Decrypts what `seal` made with the same key and purpose; throws when it was altered or the key differs. */
export function open(secretKey: string, purpose: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey, purpose), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
