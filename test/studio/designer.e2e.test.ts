/**
 * The form designer in a real browser against a real server (needs the built front end: `npm run build`).
 * An owner adds a required Currency field "Budget" to the lead form, shows it only when Rating is Hot,
 * moves it with the keyboard, translates it, reviews the impact on an existing lead and publishes.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_TIMEOUT, launchChromium, screenshot, signUpCompany, watchConsole } from '../support/browser.ts';
import { startServer, type ServerProcess } from '../support/server.ts';

interface UiNode {
  type: string;
  scope?: string;
  i18n?: string;
  rule?: unknown;
  elements?: UiNode[];
}

const dbFile = join(tmpdir(), `crm-designer-e2e-${process.pid}-${Date.now()}.db`);
let server: ServerProcess;
let browser: Browser;
/** The owner's page: each test has a fresh profile owning a company of its own. */
let page: Page;
let problems: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(`file:${dbFile}`), launchChromium()]);
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1360, height: 1400 } });
  page.setDefaultTimeout(PAGE_TIMEOUT);
  problems = watchConsole(page);
  await signUpCompany(page.request, server.url, { tenantName: 'Harbor Trading', name: 'Tenant Owner' });
});

afterAll(async () => {
  await browser?.close();
  server?.child.kill();
  await server?.exited;
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
});

const announced = () => page.getByTestId('announcer');
const isFocused = (label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

describe('the form designer', () => {
  it('adds, configures, moves, translates and publishes a field', { timeout: 90_000 }, async () => {
    // A hot lead without a budget: once Budget is required while shown, it no longer passes.
    const hot = await page.request.post(`${server.url}/api/records/lead`, { data: { data: { lastName: 'Hot lead without budget', rating: 'hot' } } });
    expect(hot.status()).toBe(201);
    await page.goto(`${server.url}/studio/forms/lead`);
    await page.getByRole('heading', { name: 'Form designer' }).waitFor();

    // Adding asks nothing: the new field is selected with its label ready to type over.
    await page.getByRole('button', { name: 'Currency', exact: true }).click();
    await expect.poll(() => isFocused('Label')).toBe(true);
    await page.getByLabel('Label', { exact: true }).fill('Budget');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('budget');
    await page.getByLabel('Required').check();
    // Number settings are applied as typed; the published schema is checked at the end.
    await page.getByLabel('Maximum', { exact: true }).fill('1000000');
    await page.getByLabel('Maximum', { exact: true }).press('Tab');
    await page.getByLabel('What the rule does').selectOption({ label: 'Show this field only when…' });
    await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Rating' });
    await page.getByLabel('Value', { exact: true }).selectOption({ label: 'Hot' });
    const card = page.getByRole('button', { name: /^Budget/ });
    await card.getByText('Shown only when Rating is Hot').waitFor();
    await screenshot(page, 'designer-field-selected');

    // Keyboard reorder: past the description, into the Qualification group, out again with the button, back in.
    await card.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => announced().textContent()).toBe('Budget moved to position 5 of 6 in the form.');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => announced().textContent()).toBe('Budget moved to position 3 of 3 in Qualification.');
    expect(await page.getByRole('button', { name: /^Budget/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Move down' }).click();
    await expect.poll(() => announced().textContent()).toBe('Budget moved to position 5 of 6 in the form.');
    await page.getByRole('button', { name: /^Budget/ }).press('Alt+ArrowUp');
    await expect.poll(() => announced().textContent()).toBe('Budget moved to position 3 of 3 in Qualification.');

    // The preview is the members' form: Budget shows for a hot lead and disappears for a cold one.
    await page.getByRole('tab', { name: 'Design' }).press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Preview' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: 'Fill with sample data' }).click();
    await page.getByLabel(/^Budget/).waitFor();
    await screenshot(page, 'designer-preview');
    await page.getByLabel('Rating', { exact: true }).selectOption({ label: 'Cold' });
    await page.getByLabel(/^Budget/).waitFor({ state: 'detached' });
    await page.getByTestId('rule-states').getByText('Now hidden').waitFor();

    await page.getByRole('tab', { name: 'Translations' }).click();
    await page.getByLabel('Budget — Deutsch').fill('Budget (DE)');
    await screenshot(page, 'designer-translations');

    await page.keyboard.press('Control+s');
    await page.getByText('All changes saved').waitFor();

    await page.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review and publish' });
    const warning = dialog.getByTestId('publish-warning');
    await warning.getByText('One existing Lead record would no longer pass the form’s checks.').waitFor();
    await warning.getByText('Now required in Lead: Budget.').waitFor();
    await dialog.getByText('New field: Budget (Currency, required, shown only when Rating is Hot)').waitFor();
    await screenshot(page, 'designer-publish-review');
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Version 2 is published.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Published keys are read-only from now on.
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('button', { name: /^Budget/ }).click();
    expect(await page.getByLabel('Key', { exact: true }).getAttribute('readonly')).not.toBeNull();

    const config = await (await page.request.get(`${server.url}/api/config`)).json();
    expect(config.version).toBe(2);
    const lead = config.entities.lead;
    expect(lead.form.schema.properties.budget).toMatchObject({ type: 'number', 'x-field': 'currency', title: 'Budget', maximum: 1000000 });
    expect(lead.form.schema.required).toContain('budget');
    expect(lead.i18n.de['budget.label']).toBe('Budget (DE)');
    expect(lead.i18n.en['budget.label']).toBe('Budget');
    const qualification = (lead.form.uischema as UiNode).elements!.find((el) => el.i18n === 'group.qualification')!;
    expect(qualification.elements!.at(-1)).toEqual({
      type: 'Control',
      scope: '#/properties/budget',
      rule: { effect: 'SHOW', condition: { scope: '#/properties/rating', schema: { const: 'hot' } } },
    });
    expect(problems).toEqual([]);
  });

  it('offers a way out when another person saved the draft meanwhile', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/studio/forms/lead`);
    await page.getByRole('heading', { name: 'Form designer' }).waitFor();
    await page.getByRole('button', { name: /^Description/ }).click();
    await page.getByLabel('Help text').fill('What the lead is after');
    await page.getByLabel('Help text').press('Tab');
    const draft = await page.request.get(`${server.url}/api/config/draft`);
    const theirs = await page.request.put(`${server.url}/api/config/draft`, {
      data: (await draft.json()).bundle,
      headers: { 'if-match': draft.headers().etag! },
    });
    expect(theirs.status()).toBe(200);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Another person saved the draft meanwhile.').waitFor();
    await page.getByRole('button', { name: 'Keep mine (save over theirs)' }).click();
    await page.getByText('All changes saved').waitFor();
    const saved = await (await page.request.get(`${server.url}/api/config/draft`)).json();
    expect(saved.bundle.entities.lead.form.schema.properties.description.description).toBe('What the lead is after');
    expect(problems).toEqual([]);
  });
});
