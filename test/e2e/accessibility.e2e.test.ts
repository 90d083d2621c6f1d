import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/harness.ts';
import { addPerson, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

// Every main page checked with axe-core against WCAG 2.1 A and AA (labels, names, contrast, landmarks, ARIA use).
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let suite: BrowserSuite;
let owner: Page;
let visitor: Page;
let leadId = '';
let inviteLink = '';

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The WCAG A/AA rules the page breaks, one line each with the elements concerned. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: the page itself still runs no eval.
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as Violation[];
  return found.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  suite = await startBrowserSuite('crm-a11y');
  owner = await suite.openPage();
  const url = suite.server.url;
  await owner.request.post(`${url}/api/signup`, {
    data: { tenantName: 'Harbor Trading', name: 'Olive Owner', email: 'olive@harbor.test', password: PASSWORD },
  });
  await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', team: 'North', password: PASSWORD });
  await owner.request.post(`${url}/api/records/opportunity`, { data: { data: { name: 'Acme rollout', amount: 12000, closeDate: '2026-12-31' } } });
  const lead = await owner.request.post(`${url}/api/records/lead`, {
    data: { data: { firstName: 'Ada', lastName: 'Lovelace', rating: 'hot', email: 'ada@example.com' } },
  });
  leadId = (await lead.json()).id;
  // An open invitation's link for the visitor, and one for the owner from another company: its banner shows on every page.
  inviteLink = (await (await owner.request.post(`${url}/api/users`, { data: { email: 'nina@harbor.test', name: 'Nina New', role: 'member' } })).json()).link;
  const other = await fetch(`${url}/api/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantName: 'Quay Supplies', name: 'Quinn', email: 'quinn@quay.test', password: PASSWORD }),
  });
  const cookie = other.headers.getSetCookie()[0]!.split(';')[0]!;
  await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ email: 'olive@harbor.test', name: 'Olive', role: 'sales_rep' }),
  });
  visitor = await suite.openPage();
}, 60_000);
afterAll(() => suite?.stop());

describe('accessibility of the main pages', () => {
  it.each([
    ['login', '/login', 'Log in'],
    ['sign-up', '/signup', 'Create your company account'],
    ['invitation link', () => new URL(inviteLink).pathname + new URL(inviteLink).hash, 'Join Harbor Trading'],
    ['spent reset link', '/reset-password#spent', 'Choose a new password'],
  ] as const)('the %s page has no WCAG A/AA violations', async (_name, path, heading) => {
    await visitor.goto(`${suite.server.url}${typeof path === 'function' ? path() : path}`);
    await visitor.getByRole('heading', { name: heading }).waitFor();
    expect(await violations(visitor)).toEqual([]);
  });

  it.each([
    ['lead list', '/records/lead', 'heading', 'Leads'],
    ['lead record', () => `/records/lead/${leadId}`, 'heading', 'Lovelace'],
    ['new lead', '/records/lead/new', 'heading', 'New lead'],
    ['opportunity board', '/records/opportunity/board', 'heading', 'Opportunities'],
    ['reports page', '/reports', 'heading', 'Reports'],
    ['account page', '/account', 'heading', 'Your account'],
    ['recycle bin', '/recycle-bin', 'heading', 'Recycle bin'],
    ['mail page', '/mail', 'heading', 'Mail'],
    ['lead import', '/records/lead/import', 'heading', 'Import leads'],
    ['form designer', '/studio/forms/lead', 'heading', 'Form designer'],
    ['pipeline editor', '/studio/pipelines', 'heading', 'Pipeline editor'],
    ['workflow designer', '/studio/workflows/case', 'heading', 'Workflow designer'],
    ['users page', '/studio/users', 'heading', 'Users and roles'],
    ['API tokens page', '/studio/tokens', 'heading', 'API tokens'],
    ['teams page', '/studio/teams', 'heading', 'Teams'],
    ['role editor', '/studio/roles/sales_rep', 'heading', 'Roles'],
    ['audit trail', '/studio/audit', 'heading', 'Audit trail'],
    ['company settings', '/studio/settings', 'heading', 'Company settings'],
    ['configuration transfer', '/studio/configuration', 'heading', 'Configuration transfer'],
    ['email page', '/studio/email', 'heading', 'Email'],
    ['mail filing and templates', '/studio/email/filing/lead', 'heading', 'How mail is filed, and templates'],
  ] as const)('the %s has no WCAG A/AA violations', async (_name, path, role, name) => {
    await owner.goto(`${suite.server.url}${typeof path === 'function' ? path() : path}`);
    await owner.getByRole(role, { name, exact: true }).first().waitFor();
    // Checked once loaded: no spinner on screen (a closed dialog may hold one).
    await owner.locator('.spinner').filter({ visible: true }).first().waitFor({ state: 'detached' });
    await owner.getByTestId('invitation').waitFor();
    expect(await violations(owner)).toEqual([]);
  });
});
