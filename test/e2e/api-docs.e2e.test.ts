import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startBrowserSuite, type BrowserSuite } from '../support/browser.ts';

let suite: BrowserSuite;
beforeAll(async () => {
  suite = await startBrowserSuite('crm-api-docs');
}, 60_000);
afterAll(() => suite?.stop());

describe('the API reference page', () => {
  it('renders the document under the strict content security policy, asking nothing of the internet', async () => {
    const page = await suite.openPage();
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(suite.server.url)) elsewhere.push(r.url());
    });
    await page.goto(`${suite.server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'crm-studio API' }).waitFor();
    await page.getByText('Sign up a new company').first().waitFor();
    // Swagger UI renders operations as they scroll into view: scrolled down until a late one shows.
    const late = page.getByText('Move a record along its pipeline').first();
    for (let i = 0; i < 200 && !(await late.isVisible()); i++) await page.mouse.wheel(0, 600);
    await late.waitFor();
    await screenshot(page, 'api-docs');
    expect(elsewhere).toEqual([]);
    expect(suite.problems.flat()).toEqual([]);
  });
});
