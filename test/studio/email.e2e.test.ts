import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';
import { startDovecot, type Dovecot } from '../support/mail-servers.ts';

// The studio's Email page in Chromium against the real server and a real Dovecot: connect a mailbox (a refused password
// said at its field first), watch it sync, file the message no record matched; change its settings; disconnect it.
let suite: BrowserSuite;
let dovecot: Dovecot;
let page: Page;
let url = '';
let leadId = '';

const SALES = 'sales@harbor.test';
const PASSWORD = 'harbor-sales-7';
let sent = 0;
/** A plain message to the sales mailbox, as a mail client would write it. */
const message = (from: string, subject: string, text: string) =>
  [
    `From: ${from}`,
    `To: Harbor Sales <${SALES}>`,
    `Subject: ${subject}`,
    `Message-ID: <e2e-${++sent}.${Date.now()}@outside.test>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser(SALES, PASSWORD);
  // Dovecot listens on loopback: the runtime must be allowed private mail servers.
  suite = await startBrowserSuite('crm-studio-email', { MAIL_ALLOW_PRIVATE: '1' });
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Tools' });
  leadId = (await createRecord(page.request, url, 'lead', { firstName: 'Lena', lastName: 'Ortega', email: 'lena.ortega@client.test' })).id;
  await createRecord(page.request, url, 'contact', { firstName: 'Pablo', lastName: 'Diaz', mailingCity: 'Valencia' });
}, 60_000);
afterAll(async () => {
  await suite?.stop();
  await dovecot?.stop();
});

const form = () => page.locator('#connect-form');
const imap = () => form().getByRole('group', { name: 'Receiving (IMAP)' });
const card = () => page.locator('.mailbox-card').filter({ hasText: SALES });
const unfiled = () => page.getByRole('region', { name: 'Unfiled mail' });

describe('Email in the studio', () => {
  it('connects a mailbox, syncs it and files the unmatched message on a record', { timeout: 180_000 }, async () => {
    await page.goto(`${url}/studio`);
    await page.locator('.shell-nav').getByRole('link', { name: 'Email', exact: true }).click();
    await page.getByRole('heading', { name: 'Email', exact: true }).waitFor();
    await page.getByText('No mailbox is connected yet.').waitFor();
    await page.getByText('Connect sales@ or support@ so mail about your leads, deals and cases lands on them.').waitFor();
    await screenshot(page, 'studio-email-empty');

    // A wrong password: said in words at the password field, and nothing is kept.
    await form().getByLabel('Name', { exact: true }).fill('Sales');
    await form().getByLabel('Email address').fill(SALES);
    await imap().getByLabel('Server').fill('127.0.0.1');
    await imap().getByLabel('Security').selectOption({ label: 'None (plain, only for a server on your own network)' });
    await imap().getByLabel('Port').fill(String(dovecot.imapPort));
    expect(await imap().getByLabel('User name').inputValue()).toBe(SALES);
    await imap().getByLabel('Password').fill('not-the-password');
    await form().getByRole('button', { name: 'Connect', exact: true }).click();
    const password = imap().getByLabel('Password');
    await page.locator('#connect-imap-password-error', { hasText: 'The server refused this user name or password.' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain('connect-imap-password-error');
    await form().getByText('IMAP: the server refused the user name or password. Check them; some providers need an app password.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('connect-imap-password');
    expect(await page.locator('.mailbox-card').count()).toBe(0);
    await screenshot(page, 'studio-email-refused');

    // The right one: tried first, then connected; its first sync follows by itself.
    await password.fill(PASSWORD);
    await form().getByRole('button', { name: 'Test connection' }).click();
    await form().getByText('Connected. It will sync: INBOX, Sent').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBeNull();
    await form().getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText('Mailbox “Sales” connected. Its first sync starts within seconds.').waitFor();
    await card()
      .getByText(/^Last synced .+ · no messages$/)
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('#connect-form').count()).toBe(0);
    await unfiled().getByText('All mail is filed.').waitFor();

    // One message from the lead's address, one from an address no record has; Sync now brings both.
    await dovecot.deliver(SALES, message('Lena Ortega <lena.ortega@client.test>', 'Question about pricing', 'Could you send the price list?'));
    await dovecot.deliver(SALES, message('Pablo Diaz <pablo@diaz-imports.test>', 'Containers for spring', 'We need twelve containers by March.'));
    await card().getByRole('button', { name: 'Sync now: Sales' }).click();
    await card()
      .getByText(/^Last synced .+ · 2 messages$/)
      .waitFor({ timeout: 30_000 });

    // The lead's message is on the lead; the other waits, unfiled.
    const item = unfiled().getByRole('listitem').filter({ hasText: 'Containers for spring' });
    await item.waitFor();
    await item.getByText('From Pablo Diaz <pablo@diaz-imports.test>').waitFor();
    await item.getByText('We need twelve containers by March.').waitFor();
    expect(await unfiled().getByText('Question about pricing').count()).toBe(0);
    const timeline = await (await page.request.get(`${url}/api/records/lead/${leadId}/timeline`)).json();
    expect(timeline.items.filter((e: any) => e.kind === 'email').map((e: any) => e.email.subject)).toEqual(['Question about pricing']);
    await screenshot(page, 'studio-email-synced');

    // Filing needs a record picked first.
    await item.getByRole('button', { name: 'File on this record' }).click();
    await item.getByText('Pick a record from the list first.').waitFor();
    const picker = item.getByRole('combobox', { name: 'Record to file it on' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await picker.fill('Diaz');
    await item.getByRole('option', { name: 'Pablo Diaz · Valencia – Contact' }).waitFor();
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'studio-email-picker');

    // At phone width nothing overflows.
    await page.setViewportSize({ width: 375, height: 812 });
    await item.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'studio-email-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Picked with the keyboard, filed: it leaves the list.
    await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe('Pablo Diaz');
    await item.getByRole('button', { name: 'File on Pablo Diaz' }).click();
    await unfiled().getByText('“Containers for spring” filed on Pablo Diaz.').waitFor();
    await unfiled().getByText('All mail is filed.').waitFor();
    const left = await (await page.request.get(`${url}/api/emails?unfiled=true`)).json();
    expect(left.items).toEqual([]);
    await screenshot(page, 'studio-email-filed');
    expect(suite.problems.flat()).toEqual([]);
  });

  it(
    'says a failed sync in words, takes a new password without asking again for the rest, speaks German on a phone, and disconnects',
    { timeout: 120_000 },
    async () => {
      await page.goto(`${url}/studio/email`);
      // The password changed on the server: the next sync fails, and the card says why.
      await dovecot.addUser(SALES, 'harbor-sales-8');
      await card().getByRole('button', { name: 'Sync now: Sales' }).click();
      const failed = card().getByRole('alert');
      await failed.getByText('The last sync failed: IMAP: the server refused the user name or password.', { exact: false }).waitFor({ timeout: 30_000 });
      await screenshot(page, 'studio-email-sync-failed');

      // Its settings show without the password; a new one (and a new name) is tried and kept.
      await card().getByRole('button', { name: 'Change settings: Sales' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/-edit-name$/);
      const receiving = card().getByRole('group', { name: 'Receiving (IMAP)' });
      expect(await receiving.getByLabel('Password').inputValue()).toBe('');
      expect(await receiving.getByLabel('Server').inputValue()).toBe('127.0.0.1');
      await card().getByLabel('Name', { exact: true }).fill('Sales team');
      await receiving.getByLabel('Password').fill('harbor-sales-8');
      await screenshot(page, 'studio-email-change');
      await card().getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('The settings of “Sales team” are saved.').waitFor();
      await card().getByRole('heading', { name: 'Sales team' }).waitFor();
      expect(await card().getByRole('alert').count()).toBe(0);

      await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
      await page.getByRole('heading', { name: 'E-Mail', exact: true }).waitFor();
      await card()
        .getByText(/^Zuletzt synchronisiert .+ · 2 Nachrichten$/)
        .waitFor({ timeout: 30_000 });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.getByRole('heading', { name: 'Nicht zugeordnete E-Mails' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, 'studio-email-phone-de');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
      await page.getByRole('heading', { name: 'Email', exact: true }).waitFor();

      // Disconnecting asks first, with focus on Cancel.
      await card().getByRole('button', { name: 'Disconnect Sales team' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
      await card().getByRole('button', { name: 'Disconnect Sales team' }).click();
      await page.getByText('Mailbox “Sales team” disconnected.').waitFor();
      await page.getByText('No mailbox is connected yet.').waitFor();
      expect((await (await page.request.get(`${url}/api/mailboxes`)).json()).items).toEqual([]);
      expect(suite.problems.flat()).toEqual([]);
    },
  );
});
