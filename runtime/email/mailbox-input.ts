import { Problem } from '../http/problem.ts';
import { bodySchema } from '../http/validate.ts';
import type { ServerSettings } from './connect.ts';
import type { Mailbox } from './mailboxes.ts';

/** A server's settings as sent: the password only when it is set or changed. */
export type ServerInput = ServerSettings & { password?: string };

export interface MailboxInput {
  name: string;
  address: string;
  /** The caller's own mailbox rather than a shared one. */
  personal?: boolean;
  imap: ServerInput;
  /** Where mail from this mailbox is sent; its password defaults to the IMAP one. */
  smtp?: ServerInput | null;
  folders?: string[];
}

const server = (port: number) => ({
  type: 'object',
  properties: {
    host: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]+$' },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: port },
    security: { enum: ['tls', 'starttls', 'none'] },
    user: { type: 'string', minLength: 1, maxLength: 320 },
    password: { type: 'string', minLength: 1, maxLength: 1000 },
  },
  required: ['host', 'port', 'security', 'user'],
  additionalProperties: false,
});
const mailboxProperties = {
  name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
  address: { type: 'string', format: 'email', maxLength: 320 },
  personal: { type: 'boolean' },
  imap: server(993),
  smtp: { anyOf: [server(465), { type: 'null' }] },
  folders: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 } },
};
/** A change may set `folders` back to the default (null: the inbox and Sent). */
const patchProperties = { ...mailboxProperties, folders: { anyOf: [mailboxProperties.folders, { type: 'null' }] } };
export const mailboxBody = bodySchema<MailboxInput>({
  type: 'object',
  properties: mailboxProperties,
  required: ['name', 'address', 'imap'],
  additionalProperties: false,
});
export const mailboxPatch = bodySchema<Partial<Omit<MailboxInput, 'folders'>> & { folders?: string[] | null }>({
  type: 'object',
  properties: patchProperties,
  additionalProperties: false,
});

/** Passwords as sent, or as stored when the request leaves them out (a change of other settings keeps them). */
export function passwords(input: Pick<Partial<MailboxInput>, 'imap' | 'smtp'>, stored?: Mailbox['passwords']): Mailbox['passwords'] {
  const imap = input.imap?.password ?? stored?.imap;
  if (imap === undefined) throw new Problem(422, 'Enter the mailbox’s password.', [{ path: '/imap/password', message: 'is required' }]);
  // No SMTP password of its own: the IMAP one, also after it changes.
  const smtp = input.smtp?.password ?? stored?.smtp;
  return smtp === undefined ? { imap } : { imap, smtp };
}

export const settings = (s: MailboxInput['imap']) => ({ host: s.host, port: s.port, security: s.security, user: s.user });
