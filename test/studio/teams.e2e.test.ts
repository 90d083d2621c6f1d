import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createRecord, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

// Teams in the studio and sharing on a record, in Chromium against the real server: English, German, phone width.
let suite: BrowserSuite;
let page: Page;
let url = '';
const PASSWORD = 'Blue-Harbor-Lantern-42';
const people: Record<string, string> = {};

beforeAll(async () => {
  suite = await startBrowserSuite('crm-studio-teams');
  url = suite.server.url;
  page = await suite.openPage();
  await signUpCompany(page.request, url, { tenantName: 'Harbor Teams' });
  for (const [name, role] of [
    ['Nora North', 'manager'],
    ['Sam Sales', 'sales_rep'],
    ['Ben Helper', 'sales_rep'],
  ] as const)
    people[name] = await addPerson(page.request, url, { email: `${name.split(' ')[0]!.toLowerCase()}@teams.test`, name, role, password: PASSWORD });
}, 60_000);
afterAll(() => suite?.stop());

const card = (name: string) => page.locator('article.team-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('teams in the studio', () => {
  it('creates nested teams, adds members and managers, and refuses to delete a team that has people', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/users`);
    await page.getByRole('navigation', { name: 'People and access' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams', exact: true }).waitFor();
    await page.getByText('No teams yet').waitFor();
    await screenshot(page, 'teams-empty');

    // Without a name: said at the field.
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Please fill this in.').waitFor();
    await page.getByLabel('Team name').fill('Sales');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Team Sales created.').waitFor();
    await page.getByLabel('Team name').fill('North');
    await page.getByLabel('Place under', { exact: true }).first().selectOption({ label: 'Sales' });
    await page.getByRole('button', { name: 'Create team' }).click();
    await card('North').waitFor();
    expect(await card('North').getByText('Under Sales').count()).toBe(1);
    // A taken name is refused at the field, in words.
    await page.getByLabel('Team name').fill('north');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Another team has this name already.').waitFor();

    await card('North').getByLabel('Add a member to North').selectOption({ label: 'Sam Sales' });
    await card('North').getByRole('button', { name: 'Add member' }).click();
    await card('North').getByText('Sam Sales now belongs to North.').waitFor();
    await card('Sales').getByLabel('Add a manager to Sales').selectOption({ label: 'Nora North' });
    await card('Sales').getByRole('button', { name: 'Add manager' }).click();
    await card('Sales').getByText('Nora North now manages Sales.').waitFor();
    await screenshot(page, 'teams-filled');

    // Sam's records reach Nora: she manages the team above Sam's, and a manager's role reaches only their teams' (not below).
    const teams = (await (await page.request.get(`${url}/api/teams`)).json()).items as {
      name: string;
      members: { name: string }[];
      managers: { name: string }[];
    }[];
    expect(teams.find((t) => t.name === 'North')!.members).toEqual([{ id: people['Sam Sales'], name: 'Sam Sales' }]);
    expect(teams.find((t) => t.name === 'Sales')!.managers).toEqual([{ id: people['Nora North'], name: 'Nora North' }]);

    // Deleting asks first, and a team with people is refused in words.
    await card('North').getByRole('button', { name: 'Delete North' }).click();
    await card('North').getByRole('button', { name: 'Delete team' }).click();
    await card('North').getByText('This team still has members, teams under it or open invitations: move them elsewhere first.').waitFor();
    await card('North').getByRole('button', { name: 'Remove Sam Sales from North' }).click();
    await card('North').getByText('Sam Sales no longer belongs to North.').waitFor();
    await card('North').getByRole('button', { name: 'Delete North' }).click();
    await card('North').getByRole('button', { name: 'Delete team' }).click();
    await page.getByText('Team North deleted.').waitFor();
    expect(await card('North').count()).toBe(0);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/studio/teams`);
    await page.getByRole('heading', { name: 'Teams', exact: true }).waitFor();
    await card('Sales').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Team anlegen' }).waitFor();
    await card('Sales').locator('header').getByText('Oberste Ebene (unter keinem anderen Team)').waitFor();
    await screenshot(page, 'teams-de');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'teams-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});

describe('sharing a record', () => {
  it('shares a deal with a colleague, who then finds it, and ends the share', { timeout: 120_000 }, async () => {
    const deal = await createRecord(page.request, url, 'opportunity', { name: 'Harbor expansion' });
    // Sam owns it; Ben cannot see it yet.
    expect((await page.request.post(`${url}/api/records/opportunity/${deal.id}/assign`, { data: { ownerId: people['Sam Sales'] } })).status()).toBe(200);
    const ben = await suite.openPage();
    await ben.request.post(`${url}/api/login`, { data: { email: 'ben@teams.test', password: PASSWORD } });
    expect((await ben.request.get(`${url}/api/records/opportunity/${deal.id}`)).status()).toBe(404);

    await page.goto(`${url}/records/opportunity/${deal.id}`);
    const panel = page.getByTestId('share-panel');
    await panel.getByText('Shared with nobody beyond whom its owner’s role and team reach.').waitFor();
    await panel.getByRole('button', { name: 'Share', exact: true }).click();
    await panel.getByText('Choose a person or a team.').waitFor();
    await panel.getByLabel('Share with').selectOption({ label: 'Ben Helper' });
    await panel.getByLabel('They may').selectOption({ label: 'See and change it' });
    await panel.getByRole('button', { name: 'Share', exact: true }).click();
    await panel.getByText('Ben Helper may see and change it.').waitFor();
    await screenshot(page, 'record-shared');

    await ben.goto(`${url}/records/opportunity`);
    await ben.getByRole('link', { name: 'Harbor expansion' }).first().waitFor();
    await ben.goto(`${url}/records/opportunity/${deal.id}`);
    // Ben reads the shares but may not change them.
    await ben.getByTestId('share-panel').getByText('Ben Helper may see and change it.').waitFor();
    expect(await ben.getByTestId('share-panel').getByRole('button', { name: 'Share', exact: true }).count()).toBe(0);

    await panel.getByRole('button', { name: 'End the share with Ben Helper' }).click();
    await panel.getByText('The share with Ben Helper has ended.').waitFor();
    expect((await ben.request.get(`${url}/api/records/opportunity/${deal.id}`)).status()).toBe(404);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Geteilt mit' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'record-share-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(suite.problems.flat()).toEqual([]);
  });
});
