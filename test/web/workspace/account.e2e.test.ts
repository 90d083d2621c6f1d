import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, screenshot, signUpCompany, startBrowserSuite, type BrowserSuite } from '../../support/browser.ts';

// The person's account page in Chromium against the real server: a second factor set up from a QR code drawn in the
// page, recovery codes shown once and usable once, sessions listed and ended; German; phone width.
const PASSWORD = 'Blue-Harbor-Lantern-42';
let suite: BrowserSuite;
let page: Page;
let url = '';
let owner: Page;

beforeAll(async () => {
  suite = await startBrowserSuite('crm-account');
  url = suite.server.url;
  owner = await suite.openPage();
  await signUpCompany(owner.request, url, { tenantName: 'Harbor Account' });
  await addPerson(owner.request, url, { email: 'mia@harbor.test', name: 'Mia Member', role: 'member', password: PASSWORD });
  page = await suite.openPage();
  expect((await page.request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD } })).status()).toBe(200);
}, 60_000);
afterAll(() => suite?.stop());

const login = (request: Page['request'], totp?: string) =>
  request.post(`${url}/api/login`, { data: { email: 'mia@harbor.test', password: PASSWORD, ...(totp ? { totp } : {}) } });

describe('your account', () => {
  it('sets up a second factor from a QR code, shows the recovery codes once, and one of them signs in once', { timeout: 120_000 }, async () => {
    await page.goto(`${url}/`);
    await page.getByTestId('whoami').click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Set up a second factor' }).click();
    // The password is asked again; a wrong one is said at the field.
    await page.getByLabel('Your password').fill('not-my-password-123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That is not your password.').waitFor();
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByRole('img', { name: 'QR code to scan with an authenticator app' });
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.locator('code.secret').textContent())!.trim();
    await screenshot(page, 'account-factor-scan');
    await page.getByLabel('Code from the app').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim());
    // Turning it on ended every other session, and the list below says so at once.
    await expect.poll(() => page.locator('section[aria-labelledby="sessions-title"] tbody tr').count()).toBe(1);
    expect(codes).toHaveLength(10);
    expect(await page.getByRole('link', { name: 'Download as a text file' }).getAttribute('href')).toContain(encodeURIComponent(codes[0]!));
    await screenshot(page, 'account-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 recovery codes are left', { exact: false }).waitFor();

    // Elsewhere: the password alone is not enough; a recovery code is, once.
    const phone = await suite.openPage();
    expect((await login(phone.request)).status()).toBe(401);
    expect((await login(phone.request, codes[3])).status()).toBe(200);
    const again = await suite.openPage();
    expect((await login(again.request, codes[3])).status()).toBe(401);
    await page.reload();
    await page.getByText('9 recovery codes are left', { exact: false }).waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });

  it('lists where the person is signed in and signs out one session or all others', { timeout: 120_000 }, async () => {
    const other = await suite.openPage();
    expect((await other.request.get(`${url}/api/me`)).status()).toBe(401);
    const codes = await page.request.post(`${url}/api/me/totp/recovery-codes`, { data: { password: PASSWORD } });
    const code = ((await codes.json()) as { recoveryCodes: string[] }).recoveryCodes[0]!;
    expect((await login(other.request, code)).status()).toBe(200);
    await page.goto(`${url}/account`);
    const rows = page.locator('section[aria-labelledby="sessions-title"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await page.locator('tr[data-current]').getByText('This browser').waitFor();
    await screenshot(page, 'account-sessions');
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByText(/Signed out of \d+ other sessions?\./).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect((await other.request.get(`${url}/api/me`)).status()).toBe(401);
    expect((await page.request.get(`${url}/api/me`)).status()).toBe(200);
    expect(suite.problems.flat()).toEqual([]);
  });

  it('speaks German and fits a phone', { timeout: 120_000 }, async () => {
    expect((await page.request.patch(`${url}/api/me`, { data: { locale: 'de' } })).status()).toBe(204);
    await page.goto(`${url}/account`);
    await page.getByRole('heading', { name: 'Ihr Konto', level: 1 }).waitFor();
    await page.getByText('Wo Sie angemeldet sind').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'account-phone-de');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(suite.problems.flat()).toEqual([]);
  });

  it('leads a person whose role the company requires a second factor of to set one up, and nowhere else until then', { timeout: 120_000 }, async () => {
    await addPerson(owner.request, url, { email: 'noah@harbor.test', name: 'Noah New', role: 'member', password: PASSWORD });
    // The owner requires it of members, in the company settings.
    await owner.goto(`${url}/studio/settings`);
    await owner.getByRole('heading', { name: 'Sign-in security' }).waitFor();
    await owner.getByRole('group', { name: 'Second factor required for' }).getByLabel('Member', { exact: true }).check();
    await owner.getByRole('button', { name: 'Save security settings' }).click();
    await owner.getByText('Security settings saved.').waitFor();
    await screenshot(owner, 'settings-security');

    const noah = await suite.openPage();
    expect((await noah.request.post(`${url}/api/login`, { data: { email: 'noah@harbor.test', password: PASSWORD } })).status()).toBe(200);
    await noah.goto(`${url}/records/lead`);
    await noah.waitForURL(`${url}/account`);
    await noah.getByTestId('factor-required').waitFor();
    expect((await noah.request.get(`${url}/api/records/lead`)).status()).toBe(403);
    await noah.getByRole('button', { name: 'Set up a second factor' }).click();
    await noah.getByLabel('Your password').fill(PASSWORD);
    await noah.getByRole('button', { name: 'Continue' }).click();
    const secret = (await noah.locator('code.secret').textContent())!.trim();
    await noah.getByLabel('Code from the app').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await noah.getByRole('button', { name: 'Turn on' }).click();
    await noah.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await noah.getByTestId('factor-required').waitFor({ state: 'detached' });
    await noah.goto(`${url}/records/lead`);
    await noah.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    expect(suite.problems.flat()).toEqual([]);
  });
});
