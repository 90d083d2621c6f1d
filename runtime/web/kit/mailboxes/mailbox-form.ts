import type { Mailbox, MailboxInput, MailboxPatch, Security } from './mailboxes-store.ts';

/** One server's part of the form, as typed. */
export interface ServerForm {
  host: string;
  port: string;
  security: Security;
  user: string;
  password: string;
}
/** The connect / change form, as typed. */
export interface MailboxForm {
  name: string;
  address: string;
  imap: ServerForm;
  smtp: ServerForm;
  folders: string;
}
export type ServerPart = 'imap' | 'smtp';

/** The usual port of each kind of server and security: a port left at one follows the security chosen. */
export const DEFAULT_PORTS: Record<ServerPart, Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

const server = (part: ServerPart, s?: Mailbox['imap'] | null, user = ''): ServerForm =>
  s
    ? { host: s.host, port: String(s.port), security: s.security, user: s.user, password: '' }
    : { host: '', port: String(DEFAULT_PORTS[part].tls), security: 'tls', user, password: '' };

/**
 * A new mailbox's form (with a name and address to start from, the user names following the address), or one showing
 * a mailbox's settings (its passwords left empty: kept unless typed).
 */
export function formOf(box?: Mailbox, start: { name?: string; address?: string } = {}): MailboxForm {
  const address = box?.address ?? start.address ?? '';
  return {
    name: box?.name ?? start.name ?? '',
    address,
    imap: server('imap', box?.imap, address),
    smtp: server('smtp', box?.smtp, box?.imap.user ?? address),
    folders: box?.folders.join(', ') ?? '',
  };
}

const folderList = (text: string) => [...new Set(text.split(',').map((f) => f.trim()))].filter(Boolean);
const portOk = (text: string) => /^\d{1,5}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 65535;

/** The folders typed, in order (for naming the one the server did not find). */
export const foldersOf = (form: MailboxForm) => folderList(form.folders);

/**
 * What is wrong before asking the server, as error names by the API's field paths (`/imap/port`: `port`). A new mailbox
 * needs its password; a changed one keeps its own unless one is typed.
 */
export function formErrors(form: MailboxForm, isNew: boolean): Record<string, 'required' | 'email' | 'port'> {
  const errors: Record<string, 'required' | 'email' | 'port'> = {};
  if (!form.name.trim()) errors['/name'] = 'required';
  if (!form.address.trim()) errors['/address'] = 'required';
  else if (!/^[^\s@]+@[^\s@]+$/.test(form.address.trim())) errors['/address'] = 'email';
  const check = (part: ServerPart) => {
    const s = form[part];
    if (!s.host.trim()) errors[`/${part}/host`] = 'required';
    if (!portOk(s.port)) errors[`/${part}/port`] = 'port';
  };
  check('imap');
  if (isNew && !form.imap.password) errors['/imap/password'] = 'required';
  if (form.smtp.host.trim()) check('smtp');
  return errors;
}

/** The request body: user names default to the address, no SMTP server means none, no folders means the server's choice. */
export function bodyOf(form: MailboxForm): MailboxInput {
  const imapUser = form.imap.user.trim() || form.address.trim();
  const settings = (s: ServerForm, user: string) => ({
    host: s.host.trim(),
    port: Number(s.port),
    security: s.security,
    user: s.user.trim() || user,
    ...(s.password ? { password: s.password } : {}),
  });
  const folders = folderList(form.folders);
  return {
    name: form.name.trim(),
    address: form.address.trim(),
    imap: settings(form.imap, imapUser),
    smtp: form.smtp.host.trim() ? settings(form.smtp, imapUser) : null,
    ...(folders.length ? { folders } : {}),
  };
}

/** A connected mailbox's change (or trial): as `bodyOf`, but emptied folders go back to the default ones (`null`). */
export function patchOf(form: MailboxForm): MailboxPatch {
  const { folders, ...rest } = bodyOf(form);
  return { ...rest, folders: folders ?? null };
}
