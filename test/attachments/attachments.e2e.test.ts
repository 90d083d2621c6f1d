import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, SCREENSHOTS, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';
import { EXE, pdf, png } from './files.ts';

// Files on a case, in Chromium against the real server: the owner attaches a quote and a photo from the record page
// (by keyboard), is told in words why a program is refused, downloads the quote; a member who cannot read the case
// gets the 404 of a file that does not exist; a new case's photo goes in through its file field. Desktop and phone.
let suite: BrowserSuite;
let owner: Page;
let mia: Page;
let url = '';
let caseId = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';

beforeAll(async () => {
  suite = await startBrowserSuite('crm-attachments');
  url = suite.server.url;
  owner = await suite.openPage();
  const company = await signUpCompany(owner.request, url, { tenantName: 'Harbor Files' });
  await addPerson(owner.request, url, { email: 'mia@harbor-files.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  caseId = (await createRecord(owner.request, url, 'case', { subject: 'Pump leaks at pier 4', priority: 'high' })).id;
  // Cases gain a photo field, as an owner would add it in the form designer.
  const draft = await owner.request.get(`${url}/api/config/draft`);
  const { bundle } = (await draft.json()) as { bundle: any };
  bundle.entities.case.form.schema.properties.photo = { type: 'string', format: 'attachment', 'x-field': 'file', title: 'Photo' };
  bundle.entities.case.form.uischema.elements.splice(1, 0, { type: 'Control', scope: '#/properties/photo' });
  expect((await owner.request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await owner.request.post(`${url}/api/config/publish`)).status()).toBe(201);
  mia = await suite.openPage();
  const login = await mia.request.post(`${url}/api/login`, { data: { email: 'mia@harbor-files.test', password: PASSWORD, tenant: company.slug } });
  expect(login.status()).toBe(200);
}, 120_000);
afterAll(() => suite?.stop());

const panel = (p: Page) => p.locator('.attachments-panel');
/** Chooses a file through the button named `button`, pressed with the keyboard, as the browser's file chooser would. */
async function choose(p: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.getByRole('button', { name: button }).press('Enter')]);
  await chooser.setFiles(file);
}
const overflows = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('files on a record', () => {
  it('are attached by the owner, refused in words when they are programs, and downloaded', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/case/${caseId}`);
    await owner.getByRole('heading', { name: 'Pump leaks at pier 4' }).waitFor();
    await panel(owner).getByText('No files yet.', { exact: false }).waitFor();
    await panel(owner).getByText('Accepted: PDF documents, images (PNG, JPEG, GIF, WebP)', { exact: false }).waitFor();

    await choose(owner, 'Attach a file', { name: 'quote.pdf', mimeType: 'application/pdf', buffer: pdf(48 * 1024) });
    await owner.getByText('quote.pdf was attached.').waitFor();
    await choose(owner, 'Attach a file', { name: 'pier-4.png', mimeType: 'image/png', buffer: png(160, 120, [40, 140, 90]) });
    await owner.getByText('pier-4.png was attached.').waitFor();
    await choose(owner, 'Attach a file', { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: EXE });
    await owner.getByText('invoice.pdf cannot be attached: accepted are PDF documents', { exact: false }).waitFor();

    const row = panel(owner).locator('.file-row', { hasText: 'quote.pdf' });
    await row.getByText('48 kB · Olive Owner', { exact: false }).waitFor();
    await owner.getByText('Olive Owner attached quote.pdf').waitFor();
    const thumb = panel(owner).getByRole('link', { name: 'Open pier-4.png' }).locator('img');
    await owner.waitForFunction((img) => (img as HTMLImageElement).naturalWidth === 160, await thumb.elementHandle());
    const [file] = await Promise.all([owner.waitForEvent('download'), row.getByRole('link', { name: 'Download quote.pdf' }).click()]);
    expect(file.suggestedFilename()).toBe('quote.pdf');
    await screenshot(owner, 'attachments');

    await owner.setViewportSize({ width: 390, height: 844 });
    await row.getByRole('link', { name: 'Download quote.pdf' }).waitFor();
    expect(await overflows(owner)).toBe(false);
    await panel(owner).screenshot({ path: join(SCREENSHOTS, 'attachments-phone-panel.png') });
    await screenshot(owner, 'attachments-phone');
    await owner.setViewportSize({ width: 1280, height: 900 });
    expect(suite.problems.flat()).toEqual([]);
  });

  it('is a 404 for a member who cannot read the case, the same as a file that does not exist', { timeout: 60_000 }, async () => {
    const list = await owner.request.get(`${url}/api/records/case/${caseId}/attachments`);
    const quote = ((await list.json()) as { items: { id: string; name: string }[] }).items.find((a) => a.name === 'quote.pdf')!;
    expect((await owner.request.get(`${url}/api/attachments/${quote.id}`)).status()).toBe(200);
    const hers = await mia.request.get(`${url}/api/attachments/${quote.id}`);
    const none = await mia.request.get(`${url}/api/attachments/zzzzzzzzzzzzzzzz`);
    expect(hers.status()).toBe(404);
    expect(await hers.text()).toBe(await none.text());
    await mia.goto(`${url}/records/case/${caseId}`);
    await mia.getByRole('heading', { name: 'This record does not exist or you cannot see it' }).waitFor();
    expect(await mia.getByText('quote.pdf').count()).toBe(0);
  });

  it('takes a new case’s photo through its file field, and lets the owner remove a file', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/records/case/new`);
    await owner.getByLabel('Subject').fill('Cracked hatch');
    await choose(owner, 'Choose a file for Photo', { name: 'hatch.png', mimeType: 'image/png', buffer: png(64, 64, [200, 80, 40]) });
    await owner.getByRole('link', { name: 'hatch.png' }).waitFor();
    await owner.getByRole('button', { name: 'Create' }).click();
    await owner.getByRole('heading', { name: 'Cracked hatch' }).waitFor();
    await panel(owner).getByText('In the field “Photo”').waitFor();
    await owner.getByText('Olive Owner attached hatch.png to Photo').waitFor();
    await screenshot(owner, 'attachments-file-field');

    await owner.goto(`${url}/records/case/${caseId}`);
    owner.once('dialog', (d) => void d.accept());
    await panel(owner).getByRole('button', { name: 'Remove pier-4.png' }).click();
    await owner.getByText('pier-4.png was removed.').waitFor();
    expect(await panel(owner).locator('.file-row').count()).toBe(1);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('follow the limits the owner sets in the studio', { timeout: 120_000 }, async () => {
    await owner.goto(`${url}/studio/settings`);
    const form = owner.locator('#file-limits-form');
    await form.getByRole('heading', { name: 'Attached files' }).waitFor();
    await form.getByLabel('Largest file').fill('1');
    for (const kind of ['PDF documents', 'Word, Excel and PowerPoint files', 'text files (.txt, .csv, .md)', 'ZIP archives'])
      await form.getByLabel(kind).uncheck();
    await form.getByRole('button', { name: 'Save file settings' }).click();
    await form.getByText('File settings saved.').waitFor();
    await screenshot(owner, 'attachments-studio-settings');

    await owner.goto(`${url}/records/case/${caseId}`);
    await panel(owner).getByText('Accepted: images (PNG, JPEG, GIF, WebP); at most 1 MB each.').waitFor();
    await choose(owner, 'Attach a file', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf(2 * 1024 * 1024) });
    await owner.getByText('scan.pdf is larger than 1 MB, the most your company accepts.').waitFor();
    await choose(owner, 'Attach a file', { name: 'notes.pdf', mimeType: 'application/pdf', buffer: pdf(1000) });
    await owner.getByText('notes.pdf cannot be attached: accepted are images (PNG, JPEG, GIF, WebP).').waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });
});
