import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { startDovecot, startSmtpPeer, type Dovecot, type SmtpPeer } from '../support/mail-servers.ts';
import { clock, HOUR, keepSessions, later, MONDAY_NINE, newCase } from './support.ts';

// A person writing to the customer from a case gives its first response, as moving it on does.
let h: Harness;
let dovecot: Dovecot;
let smtp: SmtpPeer;
let owner: Browser;
let mia: Browser;
let mailbox = '';
const SUPPORT = 'support@crm.test';
const PASSWORD = 'support-secret';

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpPeer({ users: { [SUPPORT]: PASSWORD } })]);
  await dovecot.addUser(SUPPORT, PASSWORD);
  h = await startHarness({ mailAllowPrivate: true });
  h.clock.now = MONDAY_NINE;
  const t = await signUp(h);
  owner = t.owner;
  await keepSessions(owner);
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  const server = (port: number) => ({ host: '127.0.0.1', port, security: 'none', user: SUPPORT, password: PASSWORD });
  const made = await owner.post('/api/mailboxes', { name: 'Support', address: SUPPORT, imap: server(dovecot.imapPort), smtp: server(smtp.port) });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  mailbox = made.body.id;
}, 60_000);
afterAll(async () => {
  h?.close();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

describe('a first response by mail', () => {
  it('is given when a person mails the customer from the case', async () => {
    const id = await newCase(mia);
    later(h, HOUR);
    const sent = await mia.post('/api/emails', { record: id, mailbox, to: ['lena@client.test'], subject: 'About your printer', text: 'We are on it.' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(await clock(mia, id, 'firstResponse')).toMatchObject({ run: 'stopped', status: 'met', usedMs: HOUR });
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'running' });
    expect((await mia.get(`/api/records/case/${id}`)).body.state).toBe('new');
  });
});
