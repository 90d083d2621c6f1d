import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';
import { startDovecot, startSmtpPeer, type Dovecot, type SmtpPeer } from '../../support/mail-servers.ts';

// A member's own mailbox, in Chromium against the real server and a real Dovecot: a sales representative connects it
// on her account page (a refused password said at its field first); mail that matches no record is hers alone — not
// another member's, not the owner's — while mail from her lead's address lands on that lead's timeline.
let suite: BrowserSuite;
let dovecot: Dovecot;
let smtp: SmtpPeer;
let owner: Page;
let rita: Page;
let max: Page;
let url = '';
let lead = '';
let mailbox = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';
const RITA = 'rita@harbor-own.test';
const MAILBOX_PASSWORD = 'rita-imap-secret';
let sent = 0;

/** A plain message to Rita's mailbox, as a mail client would write it. */
const message = (from: string, subject: string, text: string) =>
  [
    `From: ${from}`,
    `To: Rita Sales <${RITA}>`,
    `Subject: ${subject}`,
    `Message-ID: <own-${++sent}.${Date.now()}@outside.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');

async function signIn(page: Page, email: string, slug: string) {
  expect((await page.request.post(`${url}/api/login`, { data: { email, password: PASSWORD, tenant: slug } })).status()).toBe(200);
}
/** The subjects of the messages `page`'s person may read that hold `q`. */
async function subjects(page: Page, q: string): Promise<string[]> {
  const res = await page.request.get(`${url}/api/emails?q=${encodeURIComponent(q)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { subject: string }[] }).items.map((m) => m.subject);
}
const form = () => rita.locator('#own-mailbox-form');
const imap = () => form().getByRole('group', { name: 'Receiving (IMAP)' });
const card = () => rita.locator('.mailbox-card');
const section = () => rita.getByRole('region', { name: 'Your mailbox' });

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpPeer({ users: { [RITA]: MAILBOX_PASSWORD } })]);
  await dovecot.addUser(RITA, MAILBOX_PASSWORD);
  // Dovecot listens on loopback: the runtime must be allowed private mail servers.
  suite = await startBrowserSuite('crm-personal-mailbox', { MAIL_ALLOW_PRIVATE: '1' });
  url = suite.server.url;
  owner = await suite.openPage();
  const company = await signUpCompany(owner.request, url, { tenantName: 'Harbor Own Mail' });
  const ritaId = await addPerson(owner.request, url, { email: RITA, name: 'Rita Sales', role: 'sales_rep', password: PASSWORD });
  await addPerson(owner.request, url, { email: 'max@harbor-own.test', name: 'Max Sales', role: 'sales_rep', password: PASSWORD });
  rita = await suite.openPage();
  await signIn(rita, RITA, company.slug);
  max = await suite.openPage();
  await signIn(max, 'max@harbor-own.test', company.slug);
  lead = (await createRecord(rita.request, url, 'lead', { firstName: 'Lena', lastName: 'Ortega', company: 'Ortega Tiles', email: 'lena@ortega-tiles.test' }))
    .id;
  // New leads go round-robin to sales representatives: this one is hers.
  expect((await owner.request.post(`${url}/api/records/lead/${lead}/assign`, { data: { ownerId: ritaId } })).status()).toBe(200);
}, 120_000);
afterAll(async () => {
  await suite?.stop();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

describe('a member’s own mailbox', () => {
  it('is connected on the account page, its unmatched mail hers alone, its mail from a lead on the lead', { timeout: 180_000 }, async () => {
    await rita.goto(`${url}/account`);
    await section().getByText('the rest stays visible only to you', { exact: false }).waitFor();
    // It starts from her name and sign-in address; the user names follow the address.
    expect(await form().getByLabel('Name', { exact: true }).inputValue()).toBe('Rita Sales');
    expect(await form().getByLabel('Email address').inputValue()).toBe(RITA);
    expect(await imap().getByLabel('User name').inputValue()).toBe(RITA);
    await rita.setViewportSize({ width: 375, height: 812 });
    expect(await rita.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(rita, 'account-mailbox-form-phone');
    await rita.setViewportSize({ width: 1280, height: 900 });

    // A wrong password: said in words at the password field, and nothing is kept.
    await imap().getByLabel('Server').fill('127.0.0.1');
    await imap().getByLabel('Security').selectOption({ label: 'None (plain, only for a server on your own network)' });
    await imap().getByLabel('Port').fill(String(dovecot.imapPort));
    const password = imap().getByLabel('Password');
    await password.fill('not-the-password');
    await form().getByRole('button', { name: 'Connect', exact: true }).click();
    await rita.locator('#own-mailbox-imap-password-error', { hasText: 'The server refused this user name or password.' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await form().getByText('IMAP: the server refused the user name or password. Check them; some providers need an app password.').waitFor();
    await expect.poll(() => rita.evaluate(() => document.activeElement?.id)).toBe('own-mailbox-imap-password');
    expect((await (await rita.request.get(`${url}/api/mailboxes`)).json()).items).toEqual([]);
    await screenshot(rita, 'account-mailbox-refused');

    // The right one: connected as hers; its first sync follows by itself.
    await password.fill(MAILBOX_PASSWORD);
    await form().getByRole('button', { name: 'Connect', exact: true }).click();
    await section().getByText('Mailbox “Rita Sales” connected. Its first sync starts within seconds.').waitFor();
    await card()
      .getByText(/^Last synced .+ · no messages$/)
      .waitFor({ timeout: 30_000 });
    const boxes = (await (await rita.request.get(`${url}/api/mailboxes`)).json()).items as { id: string; personal: boolean; address: string }[];
    expect(boxes.map((b) => [b.personal, b.address])).toEqual([[true, RITA]]);
    mailbox = boxes[0]!.id;
    // Hers alone to manage: the owner does not even see it listed.
    expect((await (await owner.request.get(`${url}/api/mailboxes`)).json()).items).toEqual([]);

    // A message from an address no record has: in her Mail, in no one else's.
    await dovecot.deliver(RITA, message('Sam Stranger <sam@elsewhere.test>', 'Lunch on Friday?', 'Shall we try the new place by the harbour?'));
    await card().getByRole('button', { name: 'Sync now: Rita Sales' }).click();
    await card()
      .getByText(/^Last synced .+ · 1 message$/)
      .waitFor({ timeout: 30_000 });
    await screenshot(rita, 'account-mailbox-connected');
    expect(await subjects(rita, 'harbour')).toEqual(['Lunch on Friday?']);
    expect(await subjects(max, 'harbour')).toEqual([]);
    expect(await subjects(owner, 'harbour')).toEqual([]);
    await rita.goto(`${url}/mail`);
    await rita.locator('.inbox-list').getByText('Lunch on Friday?').waitFor();
    for (const other of [max, owner]) {
      await other.goto(`${url}/mail`);
      await other.getByText('No mail yet').waitFor();
    }

    // A message from her lead's address: on the lead's timeline, so also the owner's to read (not Max's).
    await dovecot.deliver(RITA, message('Lena Ortega <lena@ortega-tiles.test>', 'Tiles for the showroom', 'Could you quote 400 m² of terracotta tiles?'));
    await rita.goto(`${url}/account`);
    await card().getByRole('button', { name: 'Sync now: Rita Sales' }).click();
    await card()
      .getByText(/^Last synced .+ · 2 messages$/)
      .waitFor({ timeout: 30_000 });
    await rita.goto(`${url}/records/lead/${lead}`);
    await rita.getByText('Email from Lena Ortega: Tiles for the showroom', { exact: true }).waitFor();
    expect(await subjects(owner, 'terracotta')).toEqual(['Tiles for the showroom']);
    expect(await subjects(max, 'terracotta')).toEqual([]);
    expect(await subjects(owner, 'harbour')).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });

  it(
    'is tried and changed with its stored password, folders emptied back to the default, says what it could not send, and is disconnected',
    { timeout: 120_000 },
    async () => {
      await rita.goto(`${url}/account`);
      await card().getByRole('button', { name: 'Change settings: Rita Sales' }).click();
      await expect.poll(() => rita.evaluate(() => document.activeElement?.id)).toMatch(/-edit-name$/);
      const folders = card().getByLabel('Folders to sync');
      expect(await folders.inputValue()).toBe('INBOX, Sent');
      // Tried with the stored password (none typed): a folder the mailbox lacks is named at the field.
      await folders.fill('INBOX, Archive');
      await card().getByRole('button', { name: 'Test connection' }).click();
      await card().getByText('There is no folder “Archive” in this mailbox.', { exact: true }).waitFor();
      expect(await folders.getAttribute('aria-invalid')).toBe('true');
      await folders.fill('INBOX');
      await card().getByRole('button', { name: 'Test connection' }).click();
      await card().getByText('Connected. It will sync: INBOX').waitFor();
      await card().getByRole('button', { name: 'Save settings' }).click();
      await section().getByText('The settings of “Rita Sales” are saved.').waitFor();
      await card().getByText('Folders: INBOX', { exact: true }).waitFor();

      // Emptied, the folders go back to the inbox and Sent.
      await card().getByRole('button', { name: 'Change settings: Rita Sales' }).click();
      await card().getByLabel('Folders to sync').fill('');
      await card().getByRole('button', { name: 'Test connection' }).click();
      await card().getByText('Connected. It will sync: INBOX, Sent').waitFor();
      await screenshot(rita, 'account-mailbox-change');
      await card().getByRole('button', { name: 'Save settings' }).click();
      await card().getByText('Folders: INBOX, Sent', { exact: true }).waitFor();

      // Sending through it, once its SMTP server is gone: the card says what has not gone out, and why.
      await card().getByRole('button', { name: 'Change settings: Rita Sales' }).click();
      const sending = card().getByRole('group', { name: 'Sending (SMTP)' });
      await sending.getByLabel('Server').fill('127.0.0.1');
      await sending.getByLabel('Security').selectOption({ label: 'None (plain, only for a server on your own network)' });
      await sending.getByLabel('Port').fill(String(smtp.port));
      await card().getByRole('button', { name: 'Save settings' }).click();
      await card().getByText(`Sends through 127.0.0.1:${smtp.port}`).waitFor();
      await smtp.stop();
      const draft = { record: lead, mailbox, to: ['lena@ortega-tiles.test'], subject: 'Your quote', text: 'The quote for 400 m² follows.' };
      expect((await rita.request.post(`${url}/api/emails`, { data: draft })).status()).toBe(202);
      await expect
        .poll(
          async () => {
            await rita.reload();
            await card()
              .getByText(/^Last synced /)
              .waitFor();
            return card().getByText('The last attempt failed: SMTP: nothing answers at this host and port. Check the port.').count();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(1);
      await card().getByText('Not sent yet: 1 message, still being tried.').waitFor();
      await screenshot(rita, 'account-mailbox-unsent');

      await rita.setViewportSize({ width: 375, height: 812 });
      await card().getByText('Not sent yet: 1 message, still being tried.').waitFor();
      expect(await rita.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(rita, 'account-mailbox-phone');
      await rita.setViewportSize({ width: 1280, height: 900 });

      // Disconnecting asks first, with focus on Cancel; mail filed on records stays there, the rest leaves her Mail.
      await card().getByRole('button', { name: 'Disconnect Rita Sales' }).click();
      await expect.poll(() => rita.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
      await card().getByText('messages filed on records stay there, the others leave your Mail.', { exact: false }).waitFor();
      await card().getByRole('button', { name: 'Disconnect Rita Sales' }).click();
      await section().getByText('Mailbox “Rita Sales” disconnected.').waitFor();
      await form().waitFor();
      expect(await subjects(rita, 'harbour')).toEqual([]);
      expect(await subjects(rita, 'terracotta')).toEqual(['Tiles for the showroom']);
      expect(suite.problems.flat()).toEqual([]);
    },
  );
});
