import { defineStore } from 'pinia';
import { api } from '../../kit/api/client.ts';

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
  delivery: { status: 'sending' | 'sent' | 'failed'; error: string | null } | null;
}
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
  async function send(draft: Draft): Promise<void> {
    await api('POST', '/emails', draft);
  }
  const attachmentUrl = (id: string, n: number) => `/api/emails/${encodeURIComponent(id)}/attachments/${n}`;
  return { message, mailboxes, send, attachmentUrl };
});
