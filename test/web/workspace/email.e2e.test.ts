import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';
import { startDovecot, startSmtpPeer, type Dovecot, type SmtpPeer } from '../../support/mail-servers.ts';

// Email on records, in Chromium against the real server, a real Dovecot and a real SMTP peer: mail from a lead's
// address lands on that lead for its owner and for no other member; she reads it, replies in the thread and writes a
// follow-up from a template; both go out through SMTP, into Dovecot's Sent folder and onto the timeline.
let suite: BrowserSuite;
let dovecot: Dovecot;
let smtp: SmtpPeer;
let owner: Page;
let mia: Page;
let max: Page;
let url = '';
let lead = '';
let mailbox = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';
const SALES = 'sales@harbor-mail.test';
const MAILBOX_PASSWORD = 'mailbox-secret';

async function signIn(page: Page, email: string, slug: string) {
  expect((await page.request.post(`${url}/api/login`, { data: { email, password: PASSWORD, tenant: slug } })).status()).toBe(200);
}
/** Reloads the record page until `text` shows: the runtime's mail worker syncs and sends every two seconds. */
async function untilShown(page: Page, text: string) {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: 'Timeline' }).waitFor();
        await page.locator('.timeline-list').waitFor();
        return page.getByText(text, { exact: true }).count();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBeGreaterThan(0);
}

/** Waits until every message with `subject` has gone out: the server took it, then the outbox marks it sent. */
async function untilSent(page: Page, subject: string) {
  await expect
    .poll(
      async () => {
        const list = (await (await page.request.get(`${url}/api/emails`)).json()) as { items: { subject: string; delivery: { status: string } | null }[] };
        const mine = list.items.filter((m) => m.subject === subject);
        return mine.length > 0 && mine.every((m) => m.delivery?.status === 'sent');
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpPeer({ users: { [SALES]: MAILBOX_PASSWORD } })]);
  await dovecot.addUser(SALES, MAILBOX_PASSWORD);
  suite = await startBrowserSuite('crm-email', { MAIL_ALLOW_PRIVATE: '1' });
  url = suite.server.url;
  owner = await suite.openPage();
  const company = await signUpCompany(owner.request, url, { tenantName: 'Harbor Mail' });
  const miaId = await addPerson(owner.request, url, { email: 'mia@harbor-mail.test', name: 'Mia Sales', role: 'sales_rep', password: PASSWORD });
  await addPerson(owner.request, url, { email: 'max@harbor-mail.test', name: 'Max Sales', role: 'sales_rep', password: PASSWORD });
  const server = { host: '127.0.0.1', security: 'none', user: SALES, password: MAILBOX_PASSWORD };
  const connected = await owner.request.post(`${url}/api/mailboxes`, {
    data: { name: 'Harbor Sales', address: SALES, imap: { ...server, port: dovecot.imapPort }, smtp: { ...server, port: smtp.port } },
  });
  expect(connected.status(), await connected.text()).toBe(201);
  mailbox = ((await connected.json()) as { id: string }).id;
  lead = (await createRecord(owner.request, url, 'lead', { firstName: 'Lena', lastName: 'Ortega', company: 'Ortega Tiles', email: 'lena@ortega.test' })).id;
  expect((await owner.request.post(`${url}/api/records/lead/${lead}/assign`, { data: { ownerId: miaId } })).status()).toBe(200);
  mia = await suite.openPage();
  await signIn(mia, 'mia@harbor-mail.test', company.slug);
  max = await suite.openPage();
  await signIn(max, 'max@harbor-mail.test', company.slug);
}, 120_000);
afterAll(async () => {
  await suite?.stop();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

describe('email on records', () => {
  it('files mail on the lead for its owner only; she replies and follows up from a template', { timeout: 180_000 }, async () => {
    const raw = [
      'From: Lena Ortega <lena@ortega.test>',
      `To: ${SALES}`,
      'Subject: Tiles for the new showroom',
      'Message-ID: <showroom.1@ortega.test>',
      `Date: ${new Date().toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Could you quote 400 m² of terracotta tiles?',
      '',
    ].join('\r\n');
    await dovecot.deliver(SALES, raw);
    // Mailboxes are looked at every 30 seconds; "Sync now" does not wait for that.
    expect((await owner.request.post(`${url}/api/mailboxes/${mailbox}/sync`)).status()).toBe(202);

    await mia.goto(`${url}/records/lead/${lead}`);
    await untilShown(mia, 'Email from Lena Ortega: Tiles for the new showroom');
    await mia.getByRole('button', { name: 'Show the message' }).click();
    await mia.getByText('Could you quote 400 m² of terracotta tiles?').waitFor();
    await screenshot(mia, 'email-on-lead');

    // Max is another sales representative: not his lead, not his mail.
    await max.goto(`${url}/records/lead/${lead}`);
    await max.getByText('This record does not exist or you cannot see it').waitFor();
    const his = (await (await max.request.get(`${url}/api/emails?q=terracotta`)).json()) as { items: unknown[] };
    expect(his.items).toEqual([]);
    await max.goto(`${url}/mail`);
    await max.getByText('No mail yet').waitFor();

    // Search all hands a word over to her mail list, which finds the message by its text and names the lead it is filed on.
    await mia.goto(`${url}/records/lead`);
    await mia.getByRole('heading', { name: 'Leads' }).waitFor();
    await mia.getByRole('button', { name: 'Search all', exact: true }).click();
    await mia.getByRole('dialog', { name: 'Search all records' }).getByRole('combobox').fill('terracotta');
    await mia.getByRole('link', { name: 'Search mail for “terracotta”' }).click();
    await mia.locator('.inbox-list').getByText('Tiles for the new showroom').waitFor();
    expect(await mia.getByLabel('Search subject and text').inputValue()).toBe('terracotta');
    await mia.locator('.inbox-list').getByRole('link', { name: 'Ortega' }).waitFor();
    await screenshot(mia, 'mail-list');
    await mia.goto(`${url}/records/lead/${lead}`);
    await mia.getByRole('button', { name: 'Show the message' }).click();

    await mia.getByRole('button', { name: 'Reply' }).click();
    expect(await mia.getByLabel('To', { exact: true }).inputValue()).toBe('lena@ortega.test');
    expect(await mia.getByLabel('Subject', { exact: true }).inputValue()).toBe('Re: Tiles for the new showroom');
    await mia.getByRole('button', { name: 'Send' }).click();
    await mia.getByText('Fill this in.').waitFor();
    await mia.getByLabel('Message', { exact: true }).fill('Happy to: the quote follows tomorrow.');
    await mia.getByRole('button', { name: 'Send' }).click();
    await untilShown(mia, 'Email sent: Re: Tiles for the new showroom');

    await mia.getByText('Write an email').click();
    await mia.getByLabel('Start from a template').selectOption({ label: 'Follow-up after first contact' });
    expect(await mia.locator('.email-panel').getByLabel('Subject', { exact: true }).inputValue()).toBe('Following up, Lena');
    expect(await mia.locator('.email-panel').getByLabel('Message', { exact: true }).inputValue()).toContain('Hello Lena Ortega');
    await mia.locator('.email-panel').getByRole('button', { name: 'Send' }).click();
    await mia.getByText('The message is on its way and on the timeline.').waitFor();

    await smtp.waitFor(2, 30_000);
    expect(smtp.messages.map((m) => m.to)).toEqual([['lena@ortega.test'], ['lena@ortega.test']]);
    expect(smtp.messages[0]!.raw).toMatch(/In-Reply-To: <showroom\.1@ortega\.test>/);
    await untilSent(mia, 'Following up, Lena');
    await untilShown(mia, 'Email sent: Following up, Lena');
    await mia.getByRole('button', { name: 'Show the message' }).first().click();
    await mia.getByText('Sent', { exact: true }).waitFor();
    await screenshot(mia, 'email-sent');

    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      doSTARTTLS: false,
      auth: { user: SALES, pass: MAILBOX_PASSWORD },
      logger: false,
    });
    await imap.connect();
    const sent = await imap.status('Sent', { messages: true });
    expect(sent && sent.messages).toBe(2);
    await imap.logout();

    await mia.setViewportSize({ width: 375, height: 800 });
    await mia.reload();
    await mia.getByText('Email sent: Following up, Lena').waitFor();
    await screenshot(mia, 'email-phone');
    expect(suite.problems.flat()).toEqual([]);
  });

  it('sends a new lead its templated welcome from the lead workflow', { timeout: 120_000 }, async () => {
    // The owner has the lead workflow send its follow-up template to every new lead.
    const draft = await owner.request.get(`${url}/api/config/draft`);
    const { bundle } = (await draft.json()) as { bundle: { workflows: { lead: { states: { new: { entry: unknown[] } } } } } };
    bundle.workflows.lead.states.new.entry.push({ type: 'sendEmail', params: { template: 'follow_up' } });
    const saved = await owner.request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } });
    expect(saved.status(), await saved.text()).toBe(200);
    expect((await owner.request.post(`${url}/api/config/publish`)).status()).toBe(201);

    const jonas = (await createRecord(owner.request, url, 'lead', { firstName: 'Jonas', lastName: 'Weber', company: 'Weber Bau', email: 'jonas@weber.test' }))
      .id;
    await owner.goto(`${url}/records/lead/${jonas}`);
    await untilShown(owner, 'Email sent: Following up, Jonas');
    await smtp.waitFor(3, 30_000);
    const welcome = smtp.messages.find((m) => m.to.includes('jonas@weber.test'))!;
    expect(welcome.raw).toContain('Weber Bau');
    await untilSent(owner, 'Following up, Jonas');
    await owner.reload();
    await owner.getByRole('button', { name: 'Show the message' }).first().click();
    await owner.getByText('Sent', { exact: true }).waitFor();
    await screenshot(owner, 'email-workflow-sent');
  });
});
