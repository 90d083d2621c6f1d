import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';

/** An attachment larger than this is left out (the message says so); at most `MAX_ATTACHMENTS_BYTES` per message. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_BYTES = 25 * 1024 * 1024;

export interface Address {
  address: string;
  name: string;
}

/** A message as it is stored: parsed, its HTML made safe, its attachments within the limits. */
export interface ParsedMessage {
  key: string;
  subject: string;
  from: Address;
  recipients: Address[];
  sentAt: number;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  refs: string[];
  attachments: { fileName: string; contentType: string; content: Buffer }[];
  leftOut: string[];
}

const addresses = (value: AddressObject | AddressObject[] | undefined): Address[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!.toLowerCase(), name: a.name ?? '' }));

/**
 * HTML as it may be shown: no scripts, styles of the page, forms, frames or event handlers; links open elsewhere;
 * images only when embedded (remote ones would tell the sender the mail was read).
 */
export async function safeHtml(html: string): Promise<string> {
  const { default: sanitizeHtml } = await import('sanitize-html');
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'font', 'center']),
    allowedAttributes: {
      ...sanitizeHtml.defaults.allowedAttributes,
      '*': ['style', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'colspan', 'rowspan', 'dir', 'lang'],
      img: ['src', 'alt', 'width', 'height'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  });
}

const normalId = (id: string) => id.trim().replace(/^<|>$/g, '').toLowerCase();

/** Parses a raw message (RFC 5322) into what is stored of it. */
export async function parseMessage(raw: Buffer | string): Promise<ParsedMessage> {
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = addresses(mail.from)[0] ?? { address: '', name: '' };
  const recipients = [...addresses(mail.to), ...addresses(mail.cc)];
  const sentAt = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.getTime() : Date.now();
  const subject = (mail.subject ?? '').slice(0, 1000);
  const key = mail.messageId
    ? normalId(mail.messageId)
    : // A message without a Message-ID is recognised by what identifies it for a reader.
      'sha256:' +
      createHash('sha256')
        .update(JSON.stringify([sentAt, from.address, subject, recipients.map((r) => r.address)]))
        .digest('hex');
  const refs = (Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []).flatMap((r) => r.split(/\s+/)).filter(Boolean);
  const attachments: ParsedMessage['attachments'] = [];
  const leftOut: string[] = [];
  let total = 0;
  for (const a of mail.attachments) {
    const fileName = (a.filename ?? 'attachment').replace(/[\r\n"\\/]/g, '_').slice(0, 200);
    if (a.size > MAX_ATTACHMENT_BYTES || total + a.size > MAX_ATTACHMENTS_BYTES) {
      leftOut.push(fileName);
      continue;
    }
    total += a.size;
    attachments.push({ fileName, contentType: a.contentType || 'application/octet-stream', content: a.content });
  }
  return {
    key,
    subject,
    from,
    recipients,
    sentAt,
    text: (mail.text ?? '').slice(0, 1_000_000),
    html: typeof mail.html === 'string' && mail.html ? await safeHtml(mail.html) : null,
    inReplyTo: mail.inReplyTo ? normalId(mail.inReplyTo) : null,
    refs: refs.map(normalId).slice(-50),
    attachments,
    leftOut,
  };
}
