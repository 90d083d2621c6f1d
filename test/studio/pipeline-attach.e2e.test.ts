/**
 * Attaching pipelines to record types in Chromium against the real server (needs `npx vite build` first). An owner
 * sees that opportunities follow the sales pipeline by default, creates "Renewals" for opportunities, detaches and
 * re-attaches it, tries it as the default, then saves and publishes: the published configuration lists it. Then a
 * deal starts in Renewals, Renewals is detached, and the review moves that deal to a stage of the default pipeline.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const OWNER = { tenantName: 'Tidewater Renewals', name: 'Tenant Owner', password: 'Green-Tide-Compass-17' };
let suite: BrowserSuite;
let url: string;
/** The owner's page: each test has a fresh profile owning a company of its own. */
let page: Page;

interface EntityView {
  pipeline?: string;
  pipelines?: string[];
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-pipeline-attach');
  url = suite.server.url;
}, 60_000);

beforeEach(async () => {
  page = await suite.openPage();
  await signUpCompany(page.request, url, OWNER);
});

afterAll(() => suite?.stop());

const usage = () => page.getByTestId('pipeline-usage');
const newForm = () => page.getByRole('form', { name: 'New pipeline' });
const usedBy = () => usage().locator('.use strong').allTextContents();
const announced = () => page.getByTestId('announcer').textContent();

/** Publishes the draft changed by `change` through the API. */
async function publish(request: APIRequestContext, change: (bundle: { entities: Record<string, EntityView>; pipelines: Record<string, unknown> }) => void) {
  const draft = await request.get(`${url}/api/config/draft`);
  const bundle = ((await draft.json()) as { bundle: Parameters<typeof change>[0] }).bundle;
  change(bundle);
  expect((await request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await request.post(`${url}/api/config/publish`, { data: {} })).status()).toBe(201);
}

/** The Renewals pipeline as the editor creates it. */
const RENEWALS = {
  label: 'Renewals',
  stages: [
    { key: 'new', label: 'New stage', probability: 10, kind: 'open', requiredFields: [], color: '#64748b' },
    { key: 'won', label: 'Won', probability: 100, kind: 'won', requiredFields: [], color: '#15803d' },
    { key: 'lost', label: 'Lost', probability: 0, kind: 'lost', requiredFields: [], color: '#b91c1c' },
  ],
};

describe('attaching a pipeline to a record type', () => {
  it('creates Renewals for opportunities, detaches and re-attaches it, publishes it', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/pipelines`);
    await page.getByRole('heading', { name: 'Pipeline editor' }).waitFor();

    // The default pipeline says who uses it and why it cannot be detached.
    await expect.poll(usedBy).toEqual(['Opportunities (default pipeline)']);
    await usage().getByText('New opportunities start here. To detach it, first make another pipeline the default.').waitFor();
    expect(
      await usage()
        .getByRole('button', { name: /Detach/ })
        .count(),
    ).toBe(0);

    // Escape closes the new-pipeline form and gives focus back to the button that opened it.
    const add = page.getByRole('button', { name: '+ Add pipeline' });
    await add.click();
    expect(await add.getAttribute('aria-expanded')).toBe('true');
    await newForm().getByLabel('Name', { exact: true }).press('Escape');
    expect(await newForm().count()).toBe(0);
    await expect.poll(() => add.evaluate((el) => el === document.activeElement)).toBe(true);

    // The form asks for a name (refusing none, in words) and the record type, opportunities by default.
    await add.click();
    const name = newForm().getByLabel('Name', { exact: true });
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await newForm().getByLabel('For record type').inputValue()).toBe('opportunity');
    await name.fill(' ');
    await newForm().getByRole('button', { name: 'Create pipeline' }).click();
    await newForm().getByRole('alert').filter({ hasText: 'Give the pipeline a name.' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Renewals');
    await screenshot(page, 'pipeline-attach-new-form');
    await name.press('Enter');

    await page.waitForURL(/\/studio\/pipelines\/renewals$/);
    expect(await page.getByLabel('Pipeline name').inputValue()).toBe('Renewals');
    await expect.poll(usedBy).toEqual(['Opportunities (also)']);
    // The board preview shows the pipelines members will pick from on the opportunities board.
    const boardPipelines = page.getByTestId('board-pipelines');
    expect(await boardPipelines.locator('li').allTextContents()).toEqual(['Sales pipeline', 'Renewals']);
    expect(await boardPipelines.locator('li[aria-current="true"]').textContent()).toBe('Renewals');
    // Its stages can require the opportunity's fields.
    await page.getByRole('group', { name: 'Required to enter this stage' }).getByLabel('Amount', { exact: true }).waitFor();
    await screenshot(page, 'pipeline-attach-renewals');

    // Detach, then attach again by choosing the record type (attaching without a choice says what is missing).
    await usage().getByRole('button', { name: 'Detach from Opportunities' }).click();
    await expect.poll(announced).toBe('Renewals detached from Opportunities.');
    await usage().getByText('Not used by any record type yet: attach it so records can follow it.').waitFor();
    expect(await usage().evaluate((el) => el.querySelector('h2') === document.activeElement)).toBe(true);
    await usage().getByRole('button', { name: 'Attach', exact: true }).click();
    await usage().getByRole('alert').filter({ hasText: 'Choose a record type to attach it to.' }).waitFor();
    await screenshot(page, 'pipeline-attach-detached');
    await usage().getByLabel('Attach to').selectOption({ label: 'Opportunities' });
    expect(await usage().getByRole('alert').count()).toBe(0);
    await usage().getByRole('button', { name: 'Attach', exact: true }).click();
    await expect.poll(announced).toBe('Renewals attached to Opportunities.');
    await expect.poll(usedBy).toEqual(['Opportunities (also)']);
    await usage().getByText('Every record type with a pipeline follows this one already.').waitFor();

    // Making it the default swaps: the sales pipeline stays attached. Undo takes it back.
    await usage().getByRole('button', { name: 'Make this the default pipeline for Opportunities' }).click();
    await expect.poll(usedBy).toEqual(['Opportunities (default pipeline)']);
    await page.getByLabel('Pipeline', { exact: true }).selectOption({ label: 'Sales pipeline' });
    await expect.poll(usedBy).toEqual(['Opportunities (also)']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(usedBy).toEqual(['Opportunities (default pipeline)']);
    await page.getByLabel('Pipeline', { exact: true }).selectOption({ label: 'Renewals' });
    await expect.poll(usedBy).toEqual(['Opportunities (also)']);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    const draft = (await (await page.request.get(`${url}/api/config/draft`)).json()) as { bundle: { entities: Record<string, EntityView> } };
    expect(draft.bundle.entities['opportunity']).toMatchObject({ pipeline: 'sales', pipelines: ['renewals'] });

    await page.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Now used by Opportunities').waitFor();
    await dialog.getByText('New stage: New stage').waitFor();
    // The attachment is told as such, not counted as some other change of the draft.
    expect(await dialog.getByText(/other change/).count()).toBe(0);
    await screenshot(page, 'pipeline-attach-review');
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByText('Version 2 is published').waitFor();

    const config = (await (await page.request.get(`${url}/api/config`)).json()) as {
      version: number;
      entities: Record<string, EntityView>;
      pipelines: Record<string, { label: string }>;
    };
    expect(config.version).toBe(2);
    expect(config.entities['opportunity']).toMatchObject({ pipeline: 'sales', pipelines: ['renewals'] });
    expect(config.pipelines['renewals']).toMatchObject({ label: 'Renewals' });

    // A deal starts in Renewals; detaching Renewals warns, and the review asks where that deal goes: a stage of the default pipeline.
    const created = await page.request.post(`${url}/api/records/opportunity`, { data: { data: { name: 'Harbor lease renewal' }, pipeline: 'renewals' } });
    expect(created.status()).toBe(201);
    const deal = (await created.json()) as { id: string; pipeline: string; stage: string };
    expect(deal).toMatchObject({ pipeline: 'renewals', stage: 'new' });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await usage().getByRole('button', { name: 'Detach from Opportunities' }).click();
    await page
      .getByTestId('detached-warning')
      .getByText('Opportunities in this pipeline will need a stage of their default pipeline when you publish.')
      .waitFor();
    await page.getByRole('button', { name: 'Review and publish' }).click();
    await dialog.getByText('No longer used by Opportunities: deals in it need a stage of their default pipeline').waitFor();
    await dialog.getByText('1 opportunity is in New stage of Renewals, which opportunities no longer follow.').waitFor();
    const moveTo = dialog.getByLabel('Move them to');
    const offered = (await moveTo.locator('option').allTextContents()).slice(1);
    expect(offered).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']);
    const publish3 = dialog.getByRole('button', { name: 'Publish version 3' });
    expect(await publish3.isDisabled()).toBe(true);
    await moveTo.selectOption({ label: 'Qualification' });
    await screenshot(page, 'pipeline-detach-review');
    await publish3.click();
    await dialog.getByText('Version 3 is published').waitFor();
    const moved = (await (await page.request.get(`${url}/api/records/opportunity/${deal.id}`)).json()) as { pipeline: string; stage: string };
    expect(moved).toMatchObject({ pipeline: 'sales', stage: 'qualification' });
    const v3 = (await (await page.request.get(`${url}/api/config`)).json()) as { entities: Record<string, EntityView> };
    expect(v3.entities['opportunity']!.pipelines).toBeUndefined();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    // In German: the same section, in words that fit.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await usage().getByText('Noch von keinem Datensatztyp genutzt: ordnen Sie sie zu, damit Datensätze ihr folgen können.').waitFor();
    await page.getByLabel('Pipeline', { exact: true }).selectOption('sales');
    await expect.poll(usedBy).toEqual(['Verkaufschancen (Standard-Pipeline)']);
    await screenshot(page, 'pipeline-usage-de');
    expect(suite.problems.flat()).toEqual([]);
  });

  it("offers the stages of every pipeline of the record type, the deal's own first, when a further pipeline loses a stage", { timeout: 120_000 }, async () => {
    // Where the test above ends: Renewals published for opportunities (version 2), then detached (version 3), the owner reading German.
    await publish(page.request, (bundle) => {
      bundle.pipelines['renewals'] = RENEWALS;
      bundle.entities['opportunity']!.pipelines = ['renewals'];
    });
    await publish(page.request, (bundle) => delete bundle.entities['opportunity']!.pipelines);
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.goto(`${url}/studio/pipelines/sales`);
    await expect.poll(usedBy).toEqual(['Verkaufschancen (Standard-Pipeline)']);
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await page.getByLabel('Pipeline', { exact: true }).selectOption('renewals');
    await usage().getByLabel('Attach to').selectOption({ label: 'Opportunities' });
    await usage().getByRole('button', { name: 'Attach', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: 'Review and publish' }).click();
    await dialog.getByRole('button', { name: 'Publish version 4' }).click();
    await dialog.getByText('Version 4 is published').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const created = await page.request.post(`${url}/api/records/opportunity`, { data: { data: { name: 'Dockside renewal' }, pipeline: 'renewals' } });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;

    await page.getByRole('button', { name: 'Remove New stage' }).click();
    await page.getByRole('button', { name: 'Review and publish' }).click();
    await dialog.getByText('1 opportunity is in New stage of Renewals, which this version removes.').waitFor();
    const moveTo = dialog.getByLabel('Move them to');
    expect(
      await moveTo
        .locator('optgroup')
        .evaluateAll((groups) => groups.map((g) => [(g as HTMLOptGroupElement).label, [...g.querySelectorAll('option')].map((o) => o.textContent)])),
    ).toEqual([
      ['Renewals', ['Won', 'Lost']],
      ['Sales pipeline', ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']],
    ]);
    await moveTo.selectOption({ label: 'Lost' });
    await dialog.getByLabel('Remove New stage for good', { exact: false }).check();
    await screenshot(page, 'pipeline-stage-removed-review');
    await dialog.getByRole('button', { name: 'Publish version 5' }).click();
    await dialog.getByText('Version 5 is published').waitFor();
    const deal = (await (await page.request.get(`${url}/api/records/opportunity/${id}`)).json()) as { pipeline: string; stage: string };
    expect(deal).toMatchObject({ pipeline: 'renewals', stage: 'lost' });
    expect(suite.problems.flat()).toEqual([]);
  });
});
