import type { Actor } from '../access/policy.ts';
import type { HashCost } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import type { SystemMail } from '../email/system-mail.ts';

/** Everything the app needs from outside; createApp does no I/O of its own. */
export interface Deps {
  db: Db;
  hashCost: HashCost;
  /** The clock (ms since epoch); tests may pass a controllable one. */
  now: () => number;
  /** SECRET_KEY: seals stored secrets (second factors, later mail credentials). */
  secretKey: string;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** PUBLIC_URL's origin: where people reach the runtime when a proxy stands in front (links, cross-site checks). */
  publicUrl?: string;
  /** Mail servers on private, loopback and link-local addresses may be used (MAIL_ALLOW_PRIVATE=1: self-hosted mail, tests). */
  mailAllowPrivate?: boolean;
  /** The runtime's own mail (SMTP_URL, MAIL_FROM): invitation and password reset links go out by it. */
  systemMail?: SystemMail;
  /** The built front ends (Vite's dist/); without it the app serves the API only. */
  webRoot?: string;
}

export type AppEnv = { Variables: { actor: Actor; sessionHash: string } };
