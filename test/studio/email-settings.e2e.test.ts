/**
 * The studio's "Filing and templates" tab in Chromium against the real server (needs `npx vite build` first; no mail
 * server). The owner adds a case template with a field placeholder and a German translation, stops contacts' mail from
 * being filed on their accounts, reviews and publishes; a member's configuration shows the result. A placeholder
 * naming no field is then refused by the server, and the refusal is shown at the field.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let url = '';
let page: Page;

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-email-settings');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Service' });
  await addPerson(page.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
}, 60_000);
afterAll(() => suite?.stop());

const templates = () => page.getByRole('region', { name: /^Templates for/ });
const filing = () => page.getByRole('region', { name: /^How mail is filed on/ });
const saveState = () => page.getByTestId('save-state').textContent();
/** A text field by its whole accessible name (the translations' names are made of their column and row heads). */
const box = (name: string) => page.getByRole('textbox', { name, exact: true });
const focusedId = () => page.evaluate(() => document.activeElement?.id);

describe('mail filing and templates in the studio', () => {
  it('adds a translated case template, stops filing contacts’ mail on accounts, and publishes', { timeout: 180_000 }, async () => {
    await page.goto(`${url}/studio`);
    await page.locator('.shell-nav').getByRole('link', { name: 'Email', exact: true }).click();
    const tabs = page.getByRole('navigation', { name: 'Email' });
    await tabs.getByRole('link', { name: 'Email', exact: true }).waitFor();
    await screenshot(page, 'studio-email-tabs');
    await tabs.getByRole('link', { name: 'Filing and templates' }).click();
    await page.getByRole('heading', { name: 'How mail is filed, and templates', level: 1 }).waitFor();
    expect(await page.getByLabel('Record type').inputValue()).toBe('lead');

    // Cases: filed through their contact and account; the shipped template is listed.
    await page.getByLabel('Record type').selectOption({ label: 'Case' });
    await filing().getByRole('heading', { name: 'How mail is filed on cases' }).waitFor();
    const through = filing().getByRole('group', { name: 'File here what is filed on' });
    expect(await through.getByLabel('its Contact').isChecked()).toBe(true);
    expect(await through.getByLabel('its Account').isChecked()).toBe(true);
    await filing().getByText('This form has no email field. Add one in the form designer to file mail by address.').waitFor();
    await templates().getByRole('button', { name: 'We have your request', exact: true }).waitFor();

    // A new template: its name first, then the subject with a field put in at the cursor.
    await templates().getByRole('button', { name: 'Add template' }).click();
    await page.getByLabel('Name of the new template').fill('Repair booked');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(focusedId).toBe('tpl-subject');
    await page.getByTestId('announcer').getByText('Template “Repair booked” added.').waitFor();
    await box('Subject').fill('Repair booked: ');
    await templates().getByRole('button', { name: 'Subject {{subject}}' }).click();
    expect(await box('Subject').inputValue()).toBe('Repair booked: {{subject}}');
    await expect.poll(focusedId).toBe('tpl-subject');
    await box('Text').fill('Hello,\n\na technician will see to your request (priority: ).\n\nKind regards');
    // The cursor inside the brackets, then Priority inserted there by keyboard.
    const text = box('Text');
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf(')'), el.value.indexOf(')')));
    await templates().getByRole('button', { name: 'Priority {{priority}}' }).focus();
    await page.keyboard.press('Enter');
    expect(await text.inputValue()).toBe('Hello,\n\na technician will see to your request (priority: {{priority}}).\n\nKind regards');

    // German texts in the small table; the preview in German fills the placeholder with a sample.
    await box('Name Deutsch').fill('Reparatur gebucht');
    await box('Subject Deutsch').fill('Reparatur gebucht: {{subject}}');
    await box('Text Deutsch').fill('Hallo,\n\nein Techniker kümmert sich um Ihre Anfrage.\n\nViele Grüße');
    const preview = page.getByTestId('template-preview');
    await preview.getByText('Repair booked: Sample Subject').waitFor();
    await page.getByLabel('Preview in').selectOption({ label: 'Deutsch' });
    await preview.getByText('Reparatur gebucht: Sample Subject').waitFor();
    await preview.getByText('ein Techniker kümmert sich um Ihre Anfrage.').waitFor();
    await screenshot(page, 'studio-email-settings-template');

    // Contacts: their mail no longer shows on their account.
    await page.getByLabel('Record type').selectOption({ label: 'Contact' });
    const alsoOn = filing().getByRole('group', { name: 'Also file on' });
    expect(await filing().getByRole('group', { name: 'Addresses in these fields file mail here' }).getByLabel('Email').isChecked()).toBe(true);
    expect(await alsoOn.getByLabel('its Account').isChecked()).toBe(true);
    await alsoOn.getByLabel('its Account').uncheck();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(saveState).toBe('All changes saved');
    await screenshot(page, 'studio-email-settings-filing');

    // The review says it in words, then publishes.
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Mail settings of cases' }).waitFor();
    await dialog.getByText('New template “Repair booked”.').waitFor();
    await dialog.getByRole('heading', { name: 'Mail settings of contacts' }).waitFor();
    await dialog.getByText('What is filed here is no longer also filed on its Account.').waitFor();
    await screenshot(page, 'studio-email-settings-review');
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Version 2 is published. Mail is filed and written this way from now on.').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    // A member's view of the configuration carries the new template; the contact no longer files onward.
    const mia = await suite.browser.newContext();
    expect((await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
    const config = (await (await mia.request.get(`${url}/api/config`)).json()) as {
      version: number;
      entities: Record<string, { email?: { alsoFileOn?: string[]; templates?: Record<string, unknown> } }>;
    };
    expect(config.version).toBe(2);
    expect(config.entities['case']!.email!.templates!['repair_booked']).toEqual({
      label: 'Repair booked',
      subject: 'Repair booked: {{subject}}',
      text: 'Hello,\n\na technician will see to your request (priority: {{priority}}).\n\nKind regards',
      i18n: {
        de: {
          label: 'Reparatur gebucht',
          subject: 'Reparatur gebucht: {{subject}}',
          text: 'Hallo,\n\nein Techniker kümmert sich um Ihre Anfrage.\n\nViele Grüße',
        },
      },
    });
    expect(Object.keys(config.entities['case']!.email!.templates!)).toEqual(['received', 'repair_booked']);
    expect(config.entities['contact']!.email!.alsoFileOn).toBeUndefined();
    await mia.close();
  });

  it('shows the server’s refusal of a placeholder naming no field at that field', { timeout: 120_000 }, async () => {
    await page.getByLabel('Record type').selectOption({ label: 'Case' });
    await templates().getByRole('button', { name: 'Repair booked', exact: true }).click();
    const subject = box('Subject');
    await subject.fill('Repair booked: {{subject}} ({{budget}})');
    // The preview says it at once: the field does not exist.
    await page.getByTestId('preview-unknown').getByText('{{budget}} names no field of this form; it would stay empty.').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#tpl-subject-error', { hasText: 'Names {{budget}}, which is not a field of the form.' }).waitFor();
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    expect(await subject.getAttribute('aria-describedby')).toContain('tpl-subject-error');
    await page.getByTestId('save-error').getByText('The draft could not be saved. Each problem is shown at its field.').waitFor();
    await templates()
      .getByRole('button', { name: /^Repair booked\s*Needs a look$/ })
      .waitFor();
    await screenshot(page, 'studio-email-settings-refused');

    // At phone width everything still fits, and the refusal still shows at its field.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.locator('#tpl-subject-error').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'studio-email-settings-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Corrected, it saves; nothing was published meanwhile.
    await subject.fill('Repair booked: {{subject}}');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(saveState).toBe('All changes saved');
    expect(await page.locator('#tpl-subject-error').count()).toBe(0);
    expect(((await (await page.request.get(`${url}/api/config`)).json()) as { version: number }).version).toBe(2);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${url}/studio/email/filing/contact`);
    await page.getByRole('heading', { name: 'Wie E-Mails abgelegt werden, und Vorlagen', level: 1 }).waitFor();
    const alsoOn = page.getByRole('group', { name: 'Auch ablegen bei' });
    expect(await alsoOn.getByLabel('dem verknüpften Datensatz „Kunde“').isChecked()).toBe(false);
    await page.getByLabel('Datensatztyp').selectOption({ label: 'Fall' });
    await page.getByRole('button', { name: 'Anfrage erhalten', exact: true }).waitFor();
    await page.getByTestId('template-preview').getByText('Ihre Anfrage ist bei uns: Beispiel Betreff').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'studio-email-settings-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'en' } })).status()).toBe(204);
    expect(suite.problems.flat()).toEqual([]);
  });
});
