import { defineStore } from 'pinia';
import { api, query } from '../../kit/api/client.ts';

export interface EmailAddress {
  address: string;
  name: string;
}
/** A message as the workspace shows it (GET /api/emails/:id). */
export interface EmailMessage {
  id: string;
  subject: string;
  from: EmailAddress;
  recipients: EmailAddress[];
  sentAt: string;
  direction: 'in' | 'out';
  text: string;
  html: string | null;
  attachments: { n: number; fileName: string; size: number }[];
  /** Attachments not kept: over the size limits. */
  leftOut: string[];
  delivery: { status: 'sending' | 'sent' | 'failed'; error: string | null } | null;
}
/** A message of the mail list. */
export type EmailItem = Omit<EmailMessage, 'text' | 'html' | 'attachments' | 'leftOut'> & {
  snippet: string;
  records: { entity: string; id: string; title: string | null }[];
};

export interface Sender {
  id: string;
  name: string;
  address: string;
}
export interface Draft {
  record: string;
  mailbox: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  replyTo?: string;
}

/** Mail on records: reading a message, the mailboxes one may send from, and sending. */
export const useEmailStore = defineStore('email', () => {
  let senders: Promise<Sender[]> | undefined;
  async function message(id: string): Promise<EmailMessage> {
    return (await api<EmailMessage>('GET', `/emails/${encodeURIComponent(id)}`)).data;
  }
  /** Asked once per page load: which mailboxes change only in the studio. */
  function mailboxes(): Promise<Sender[]> {
    senders ??= api<{ items: Sender[] }>('GET', '/emails/senders').then((r) => r.data.items);
    senders.catch(() => (senders = undefined));
    return senders;
  }
  /** A page of the messages one may read, newest first; `q` searches subject and text. */
  async function page(q: string, cursor: string | null): Promise<{ items: EmailItem[]; nextCursor: string | null }> {
    return (await api<{ items: EmailItem[]; nextCursor: string | null }>('GET', `/emails${query({ q: q.trim() || undefined, cursor })}`)).data;
  }
  async function send(draft: Draft): Promise<void> {
    await api('POST', '/emails', draft);
  }
  const attachmentUrl = (id: string, n: number) => `/api/emails/${encodeURIComponent(id)}/attachments/${n}`;
  return { message, page, mailboxes, send, attachmentUrl };
});
