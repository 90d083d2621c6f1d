/**
 * The pipeline editor in Chromium against the real server (needs `npx vite build` first). An owner renames a stage,
 * moves one by keyboard, adds "Demo" requiring Amount, removes Negotiation while a deal is in it, maps that deal
 * to Proposal in the review and publishes; the published configuration and the deal show the result.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const OWNER = { tenantName: 'Harbor Deals', name: 'Tenant Owner', email: 'owner@harbor.test', password: 'Blue-Harbor-Lantern-42' };
let suite: BrowserSuite;
let url: string;
let page: Page;
let dealId: string;

interface StageView {
  key: string;
  label: string;
  probability: number;
  requiredFields: string[];
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-pipelines');
  url = suite.server.url;
  page = await suite.openPage();
  expect((await page.request.post(`${url}/api/signup`, { data: OWNER })).status()).toBe(201);
  const created = await page.request.post(`${url}/api/records/opportunity`, { data: { data: { name: 'Harbor crane lease' } } });
  expect(created.status()).toBe(201);
  dealId = ((await created.json()) as { id: string }).id;
  const moved = await page.request.post(`${url}/api/records/opportunity/${dealId}/stage`, {
    data: { stage: 'negotiation', data: { amount: 1000, closeDate: '2026-12-31' } },
    headers: { 'If-Match': created.headers()['etag']! },
  });
  expect(moved.status()).toBe(200);
}, 60_000);

afterAll(() => suite?.stop());

const announced = () => page.getByTestId('announcer').textContent();
const stageButton = (name: string) => page.locator('.stage-pick', { has: page.locator('.stage-name', { hasText: new RegExp(`^${name}$`) }) });
const stageNames = () => page.locator('.stages .stage-name').allTextContents();

describe('the pipeline editor', () => {
  it('edits stages, maps the deals of a removed stage and publishes', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/pipelines`);
    await page.getByRole('heading', { name: 'Pipeline editor' }).waitFor();
    expect(await page.getByLabel('Pipeline', { exact: true }).inputValue()).toBe('sales');

    // Rename: the key of a published stage stays, so deals filed under it keep their place.
    await stageButton('Qualification').click();
    await page.getByLabel('Stage name', { exact: true }).fill('Discovery');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('qualification');
    expect(await page.getByLabel('Key', { exact: true }).getAttribute('readonly')).not.toBeNull();

    // Keyboard reorder, announced, focus kept on the moved stage.
    await stageButton('Discovery').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(announced).toBe('Discovery moved to position 1 of 6.');
    expect(await stageButton('Discovery').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(announced).toBe('Discovery cannot move further.');
    expect((await stageNames()).slice(0, 2)).toEqual(['Discovery', 'Prospecting']);

    // A new stage: its key follows its name; probability and a required field.
    await page.getByRole('button', { name: 'Add stage' }).click();
    await expect.poll(() => page.getByLabel('Stage name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Stage name', { exact: true }).fill('Demo');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('demo');
    await page.getByLabel('Probability (%)').fill('40');
    await page.getByLabel('Probability (%)').press('Tab');
    await page.getByRole('group', { name: 'Required to enter this stage' }).getByLabel('Amount', { exact: true }).check();

    // The server's refusal is shown in words, naming the stage and the setting.
    await page.getByLabel('Stage name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByTestId('save-error').textContent()).toContain('Stage 5 (no name yet), label: must NOT have fewer than 1 characters');
    await page.getByText('A stage needs a name.').waitFor();
    await screenshot(page, 'pipelines-save-error');
    await page.getByLabel('Stage name', { exact: true }).fill('Demo');

    await page.getByRole('button', { name: 'Remove Negotiation' }).click();
    await expect.poll(announced).toBe('Negotiation removed.');
    expect(await stageNames()).toEqual(['Discovery', 'Prospecting', 'Proposal', 'Demo', 'Closed won', 'Closed lost']);
    const preview = page.getByTestId('board-preview');
    await preview.getByText('Demo').waitFor();
    expect(await preview.locator('.column-name').allTextContents()).toEqual(['Discovery', 'Prospecting', 'Proposal', 'Demo', 'Closed won', 'Closed lost']);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    await screenshot(page, 'pipelines-editor');

    // The review counts the deal in Negotiation and will not publish until it has somewhere to go.
    await page.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('1 opportunity is in Negotiation, which this version removes.').waitFor();
    const publish = dialog.getByRole('button', { name: 'Publish version 2' });
    expect(await publish.isDisabled()).toBe(true);
    await dialog.getByLabel('Move them to').selectOption({ label: 'Proposal' });
    // Removing a stage is said in so many words and confirmed.
    expect(await publish.isDisabled()).toBe(true);
    await dialog.getByLabel('Remove Negotiation for good: the board and the reports no longer show it.', { exact: false }).check();
    expect(await publish.isDisabled()).toBe(false);
    await screenshot(page, 'pipelines-review-mapping');
    await publish.click();
    await dialog.getByText('Version 2 is published').waitFor();

    const config = (await (await page.request.get(`${url}/api/config`)).json()) as { pipelines: Record<string, { stages: StageView[] }> };
    const stages = config.pipelines['sales']!.stages;
    expect(stages.map((s) => s.key)).toEqual(['qualification', 'prospecting', 'proposal', 'demo', 'closed_won', 'closed_lost']);
    expect(stages[0]!.label).toBe('Discovery');
    expect(stages[3]).toMatchObject({ label: 'Demo', probability: 40, requiredFields: ['amount'] });
    const deal = (await (await page.request.get(`${url}/api/records/opportunity/${dealId}`)).json()) as { stage: string };
    expect(deal.stage).toBe('proposal');

    // Dragging reorders too (the draft only; nothing more is published).
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.stage-row', { has: stageButton('Closed lost') }).dragTo(page.locator('.stage-row', { has: stageButton('Closed won') }));
    await expect.poll(stageNames).toEqual(['Discovery', 'Prospecting', 'Proposal', 'Demo', 'Closed lost', 'Closed won']);
    await expect.poll(announced).toBe('Closed lost moved to position 5 of 6.');
    expect(suite.problems.flat()).toEqual([]);
  });
});
