/**
 * Configuration transfer in Chromium against the real server (needs `npx vite build` first). Tenant A's owner removes the
 * Negotiation stage, renames Proposal to Offer and downloads the export through the page's link; tenant B's owner, who
 * has a deal in Negotiation, uploads it, reads the diff and the impact, maps the deal to Offer and applies; then rolls
 * back to version 1 through the version history and the same review.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let suite: BrowserSuite;
let url: string;
/** Tenant A's owner, whose reshaped configuration (version 2) no test changes. */
let alpha: Page;
/** Tenant A's export, fetched through the API. */
let exported = '';

interface Config {
  version: number;
  pipelines: Record<string, { stages: { key: string; label: string }[] }>;
}
const config = async (request: APIRequestContext) => (await (await request.get(`${url}/api/config`)).json()) as Config;

/** WCAG A/AA violations axe finds on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as { id: string; nodes: { target: string[] }[] }[];
  return found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Tenant A's owner publishes a pipeline without Negotiation, with Proposal renamed to Offer, requires an opportunity's
 * next step, and adds a role that may only export.
 */
async function reshapeAlpha(request: APIRequestContext) {
  const draft = await request.get(`${url}/api/config/draft`);
  const bundle = (
    (await draft.json()) as {
      bundle: {
        entities: Record<string, { form: { schema: { required: string[] } } }>;
        roles: Record<string, unknown>;
        pipelines: Record<string, { stages: { key: string; label: string }[]; i18n: Record<string, Record<string, string>> }>;
      };
    }
  ).bundle;
  bundle.entities['opportunity']!.form.schema.required.push('nextStep');
  bundle.roles['exporter'] = { label: 'Exporter', entities: {}, tasks: ['config.export'] };
  const sales = bundle.pipelines['sales']!;
  sales.stages = sales.stages.filter((s) => s.key !== 'negotiation');
  sales.stages.find((s) => s.key === 'proposal')!.label = 'Offer';
  for (const texts of Object.values(sales.i18n)) delete texts['stage.negotiation'];
  sales.i18n['en']!['stage.proposal'] = 'Offer';
  expect((await request.put(`${url}/api/config/draft`, { data: bundle, headers: { 'if-match': draft.headers()['etag']! } })).status()).toBe(200);
  expect((await request.post(`${url}/api/config/publish`, { data: {} })).status()).toBe(201);
}

/** A fresh profile owning a Beta Builders of its own (tenant B), still at version 1. */
async function betaOwner(): Promise<Page> {
  const beta = await suite.openPage();
  await signUpCompany(beta.request, url, { tenantName: 'Beta Builders', name: 'Bruno Beta', password: PASSWORD });
  return beta;
}

/** Tenant B with its deal in Negotiation; returns the page and the deal's id. */
async function betaWithDeal(): Promise<{ beta: Page; dealId: string }> {
  const beta = await betaOwner();
  const deal = await createRecord(beta.request, url, 'opportunity', { name: 'Crane lease' });
  // B's deal has no next step: the imported form, which requires one, would refuse it at its next edit.
  const moved = await beta.request.post(`${url}/api/records/opportunity/${deal.id}/stage`, {
    data: { stage: 'negotiation', data: { amount: 1000, closeDate: '2026-12-31' } },
    headers: { 'If-Match': deal.etag },
  });
  expect(moved.status()).toBe(200);
  return { beta, dealId: deal.id };
}

/** Applies an import through the API, as the page's review would (merge); `stages` maps the deals of removed stages. */
async function applyImport(request: APIRequestContext, doc: object, stages: Record<string, Record<string, string>> = {}) {
  const res = await request.post(`${url}/api/config/import?mode=apply&strategy=merge`, { data: { ...doc, mappings: { states: {}, stages } } });
  expect(res.status()).toBe(201);
}

/** Tenant B after importing A's export, its deal mapped to Offer: version 2, published by Bruno Beta. */
async function betaImported(): Promise<{ beta: Page; dealId: string }> {
  const b = await betaWithDeal();
  await applyImport(b.beta.request, JSON.parse(exported) as object, { opportunity: { negotiation: 'proposal' } });
  return b;
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-transfer');
  url = suite.server.url;
  alpha = await suite.openPage();
  await signUpCompany(alpha.request, url, { tenantName: 'Alpha Consulting', name: 'Alma Alpha', password: PASSWORD });
  await reshapeAlpha(alpha.request);
  const res = await alpha.request.get(`${url}/api/config/export`);
  expect(res.status()).toBe(200);
  exported = await res.text();
}, 90_000);

// Every page stays free of errors (once checked by the journey's last step only).
afterEach(() => expect(suite.problems.flat()).toEqual([]));

afterAll(() => suite?.stop());

describe('configuration transfer', () => {
  it('tenant A exports through the download link', { timeout: 60_000 }, async () => {
    await alpha.goto(`${url}/studio/configuration`);
    await alpha.getByRole('heading', { name: 'Configuration transfer', level: 1 }).waitFor();
    await alpha.getByText('It contains no records and no people').waitFor();
    await screenshot(alpha, 'transfer-page');
    const [download] = await Promise.all([alpha.waitForEvent('download'), alpha.getByRole('link', { name: 'Download configuration' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { meta: { sourceVersion: number }; bundle: { pipelines: Config['pipelines'] } };
    expect(doc.meta.sourceVersion).toBe(2);
    expect(doc.bundle.pipelines['sales']!.stages.map((s) => s.key)).not.toContain('negotiation');
  });

  it('a person who may only export sees the export and nothing else', { timeout: 60_000 }, async () => {
    // A company of A's shape of its own, so that A's people stay as they are.
    const owner = await suite.openPage();
    await signUpCompany(owner.request, url, { tenantName: 'Alpha Consulting', name: 'Alma Alpha', password: PASSWORD });
    await reshapeAlpha(owner.request);
    const user = { email: 'erin@alpha.test', name: 'Erin Exporter', role: 'exporter', password: PASSWORD };
    await addPerson(owner.request, url, user);
    const erin = await suite.openPage();
    expect((await erin.request.post(`${url}/api/login`, { data: { email: user.email, password: PASSWORD } })).status()).toBe(200);
    await erin.goto(`${url}/studio`);
    await erin.getByRole('link', { name: 'Configuration transfer' }).first().click();
    await erin.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    expect(await erin.getByRole('heading', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await erin.getByRole('heading', { name: 'Version history' }).count()).toBe(0);
    await erin.close();
  });

  it('tenant B refuses a broken file in words, before and after sending it', { timeout: 60_000 }, async () => {
    const beta = await betaOwner();
    await beta.goto(`${url}/studio/configuration`);
    const file = beta.getByLabel('Configuration file (.json)');
    // Dropped onto the page rather than chosen: read in the browser, and refused there with where the JSON breaks.
    const broken = '{\n  "bundle": {\n    "format": "crm-studio/config",\n  }\n}';
    const dataTransfer = await beta.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'broken.json', { type: 'application/json' }));
      return dt;
    }, broken);
    await beta.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
    await beta.getByTestId('file-problem').getByText('The file is not valid JSON: the error is at line 4, column 3.').waitFor();
    // Duplicate keys pass the browser's JSON.parse; the file goes as it is, and the server's strict parser names the path.
    await file.setInputFiles({ name: 'twice.json', mimeType: 'application/json', buffer: Buffer.from('{"bundle": {"format": "a", "format": "b"}}') });
    const error = beta.getByTestId('transfer-error');
    await error.getByText('The file was refused: it is not a well-formed export.').waitFor();
    expect(await error.textContent()).toContain('/bundle/format');
    await screenshot(beta, 'transfer-refused');
  });

  it('tenant B imports: diff, impact, mapping, apply', { timeout: 120_000 }, async () => {
    const { beta, dealId } = await betaWithDeal();
    await beta.goto(`${url}/studio/configuration`);
    await beta.getByLabel('Configuration file (.json)').setInputFiles({ name: 'alpha.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    const review = beta.getByTestId('review');
    await review.getByRole('heading', { name: 'Review before publishing' }).waitFor();
    await beta.getByTestId('import-source').getByText('exported from tenant "alpha-consulting" (version 2)').waitFor();
    expect(await beta.getByTestId('review-summary').textContent()).toContain(
      '3 changes compared with the current version 1. Applying publishes them as version 2.',
    );

    // The pipeline's changes side by side: the removed stage and the renamed one, before | after.
    const pipelines = review.getByTestId('diff-pipelines');
    const rows = pipelines.locator('tr.field-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const negotiation = rows.filter({ has: beta.getByRole('rowheader', { name: 'Stage "negotiation"', exact: true }) });
    expect(await negotiation.locator('td').allTextContents()).toEqual(['− Removed', 'Negotiation', '(none)']);
    const renamed = rows.filter({ has: beta.getByRole('rowheader', { name: 'Stage "proposal" › name', exact: true }) });
    expect(await renamed.locator('td').allTextContents()).toEqual(['~ Changed', 'Proposal', 'Offer']);
    const roles = review.getByTestId('diff-roles').locator('tr.key-row');
    expect(await roles.locator('th, td').allTextContents()).toEqual(['Exporter (exporter)', '+ Added', '(none)', 'Exporter']);
    const required = review
      .getByTestId('diff-entities')
      .locator('tr.field-row')
      .filter({ has: beta.getByRole('rowheader', { name: 'Required fields', exact: true }) });
    expect(await required.locator('td').allTextContents()).toEqual(['~ Changed', 'Name', 'Name, Next step']);

    // The deal in Negotiation must go somewhere before the import can be applied.
    const apply = review.getByTestId('apply');
    expect(await apply.textContent()).toContain('Apply and publish as version 2');
    expect(await apply.isDisabled()).toBe(true);
    const impact = review.getByTestId('impact');
    await impact.getByText('1 record of type "Opportunity" is in the stage "Negotiation", which the import removes.').waitFor();
    await impact.getByText('1 record of type "Opportunity" would no longer pass the new form’s checks').waitFor();
    const moveTo = impact.getByLabel('Move them to');
    expect(await moveTo.locator('option').allTextContents()).toEqual(['Choose…', 'Prospecting', 'Qualification', 'Offer', 'Closed won', 'Closed lost']);
    await screenshot(beta, 'transfer-review');
    expect(await violations(beta)).toEqual([]);
    await moveTo.selectOption({ label: 'Offer' });
    expect(await apply.isDisabled()).toBe(false);
    await apply.click();
    await beta.getByTestId('import-done').getByText('Published as version 2.').waitFor();
    await screenshot(beta, 'transfer-applied');

    const after = await config(beta.request);
    expect(after.version).toBe(2);
    expect(after.pipelines['sales']!.stages.map((s) => s.key)).toEqual(['prospecting', 'qualification', 'proposal', 'closed_won', 'closed_lost']);
    const deal = (await (await beta.request.get(`${url}/api/records/opportunity/${dealId}`)).json()) as { stage: string };
    expect(deal.stage).toBe('proposal');
  });

  it('tenant B rolls back to version 1 through the version history and the same review', { timeout: 120_000 }, async () => {
    const { beta } = await betaImported();
    await beta.goto(`${url}/studio/configuration`);
    const history = beta.getByTestId('history');
    const current = history.locator('tr[aria-current="true"]');
    await current.getByText('Version 2').waitFor();
    expect(await current.textContent()).toContain('Bruno Beta');
    // Each version says what it changed.
    expect(await history.getByTestId('version-1-summary').textContent()).toBe('The configuration the company started with');
    expect(await history.getByTestId('version-2-summary').textContent()).toMatch(/Pipelines: .*sales/);
    await history.getByRole('button', { name: 'Roll back to version 1' }).click();
    const review = beta.getByTestId('review');
    await review.getByRole('heading', { name: 'Rollback to version 1: review before publishing' }).waitFor();
    expect(await beta.getByTestId('import-source').textContent()).toContain('Rolling back to version 1');
    expect(await beta.getByLabel('Replace: remove it').isChecked()).toBe(true);
    const rows = review.getByTestId('diff-pipelines').locator('tr.field-row');
    const negotiation = rows.filter({ has: beta.getByRole('rowheader', { name: 'Stage "negotiation"', exact: true }) });
    expect(await negotiation.locator('td').allTextContents()).toEqual(['+ Added', '(none)', 'Negotiation']);
    // Version 1 has no Exporter role: replacing removes it, and the review says it is the strategy that does.
    expect(await beta.getByTestId('review-summary').textContent()).toContain('Replace: parts the file lacks are removed (marked below).');
    const roles = review.getByTestId('diff-roles').locator('tr.key-row');
    expect(await roles.locator('th, td').allTextContents()).toEqual(['Exporter (exporter)', '− Removed removed by Replace', 'Exporter', '(none)']);
    await review.getByText('No existing records are affected.').waitFor();
    await screenshot(beta, 'transfer-rollback');

    // Someone of B now holds that role: replacing would strip them of it, so the review refuses at the role's row.
    const user = { email: 'bea@beta.test', name: 'Bea Exporter', role: 'exporter', password: PASSWORD };
    await addPerson(beta.request, url, user);
    await beta.getByLabel('Merge (recommended): keep it').check();
    await beta.getByLabel('Replace: remove it').check();
    await review.getByRole('heading', { name: 'Review before publishing' }).waitFor();
    await review.getByText('This problem blocks the import:').waitFor();
    const held = review.getByTestId('diff-roles').locator('tr.problem-row');
    expect(await held.textContent()).toContain('Problem: 1 person holds this role, which the import removes');
    expect(await review.getByTestId('apply').isDisabled()).toBe(true);
    await screenshot(beta, 'transfer-rollback-blocked');

    // Merging keeps the role; everything else goes back to version 1.
    await beta.getByLabel('Merge (recommended): keep it').check();
    await expect.poll(() => review.getByTestId('diff-roles').textContent()).toContain('no changes');
    await review.getByRole('button', { name: 'Apply and publish as version 3' }).click();
    await beta.getByTestId('import-done').getByText('Published as version 3.').waitFor();
    await history.locator('tr[aria-current="true"]').getByText('Version 3').waitFor();

    const after = await config(beta.request);
    expect(after.version).toBe(3);
    expect(after.pipelines['sales']!.stages.map((s) => s.key)).toContain('negotiation');
    expect(after.pipelines['sales']!.stages.find((s) => s.key === 'proposal')!.label).toBe('Proposal');
    expect(Object.keys(((await (await beta.request.get(`${url}/api/config/versions/3`)).json()) as { bundle: { roles: object } }).bundle.roles)).toContain(
      'exporter',
    );
  });

  it('reads in German, the review included', { timeout: 60_000 }, async () => {
    // B has imported A's export (version 2) and rolled back to version 1 merging, which keeps the Exporter role (version 3).
    const { beta, dealId } = await betaImported();
    const v1 = (await (await beta.request.get(`${url}/api/config/versions/1`)).json()) as { bundle: object };
    await applyImport(beta.request, { bundle: v1.bundle });
    await beta.goto(`${url}/studio/configuration`);
    await beta.getByTestId('history').locator('tr[aria-current="true"]').getByText('Version 3').waitFor();
    // The deal goes back into Negotiation, which version 2 lacks: the German review asks where it goes.
    const deal = await beta.request.get(`${url}/api/records/opportunity/${dealId}`);
    const moved = await beta.request.post(`${url}/api/records/opportunity/${dealId}/stage`, {
      data: { stage: 'negotiation' },
      headers: { 'If-Match': deal.headers()['etag']! },
    });
    expect(moved.status()).toBe(200);
    await beta.locator('.locale-picker select').selectOption('de');
    await beta.getByRole('heading', { name: 'Konfiguration übertragen', level: 1 }).waitFor();
    await beta.getByTestId('history').getByRole('button', { name: 'Zu Version 2 zurückkehren' }).click();
    const review = beta.getByTestId('review');
    await review.getByRole('heading', { name: 'Vor dem Veröffentlichen prüfen' }).waitFor();
    await review.getByText('1 Datensatz vom Typ „Verkaufschance“ steht in der Phase „Verhandlung“, die der Import entfernt.').waitFor();
    await screenshot(beta, 'transfer-review-de');
    // On a phone the diff tables scroll sideways inside their frame; the rest of the page reflows.
    await beta.setViewportSize({ width: 400, height: 900 });
    expect(await beta.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await screenshot(beta, 'transfer-review-narrow');
    await beta.setViewportSize({ width: 1280, height: 900 });
    await review.getByRole('button', { name: 'Abbrechen' }).click();
    await review.waitFor({ state: 'detached' });
    expect(suite.problems.flat()).toEqual([]);
  });
});
