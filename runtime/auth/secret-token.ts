import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, API tokens, invitation and password-reset links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** What is stored of a token: its SHA-256, so the database alone opens nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
