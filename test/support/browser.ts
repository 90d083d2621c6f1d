import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from './server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Screenshots of the main pages, kept as test artifacts (looked at by people, not compared). */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** How long a page may take to show something: generous, as the suite shares two cores with other browsers and servers. */
export const PAGE_TIMEOUT = 20_000;

/** Debian's Chromium, headless, without the background traffic this offline machine would refuse. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run "bash .ci/run" (it installs Debian's chromium), or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Fails the test on any page error or CSP violation reported to the console. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (4\d\d)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The WCAG 2.1 A/AA rules a page breaks, as axe-core finds them (run through DevTools, which the page's CSP does not govern). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as { id: string; nodes: { target: string[] }[] }[];
  return found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What a browser test file runs against: the real server on a fresh database, and Chromium. */
export interface BrowserSuite {
  server: ServerProcess;
  /** The libSQL URL of the suite's database file (for tests that look underneath the API). */
  databaseUrl: string;
  browser: Browser;
  /** The console problems of every page opened through `openPage`, one list per page. */
  problems: string[][];
  /** A page with the suite's timeout and console watch, in `context`, else in a fresh profile (its own cookies). */
  openPage(context?: BrowserContext): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts a browser suite; `name` prefixes its temporary folder, `env` adds to the server's. The front ends must have been built. */
export async function startBrowserSuite(name: string, env: Record<string, string> = {}): Promise<BrowserSuite> {
  for (const page of ['runtime/web/workspace/index.html', 'studio/index.html'])
    if (!existsSync(join(ROOT, 'dist', page))) throw new Error('Build first: npm run build');
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const databaseUrl = `file:${join(dir, 'crm.db')}`;
  const server = await startServer(databaseUrl, env);
  const stopServer = async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const browser = await launchChromium().catch(async (e: unknown) => {
    await stopServer();
    throw e;
  });
  const problems: string[][] = [];
  return {
    server,
    databaseUrl,
    browser,
    problems,
    async openPage(context) {
      const page = await (context ?? (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } }))).newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT);
      problems.push(watchConsole(page));
      return page;
    },
    async stop() {
      await browser.close();
      await stopServer();
    },
  };
}

/** Creates a record through the API as whoever `request` is signed in as; returns its id and ETag. */
export async function createRecord(request: APIRequestContext, base: string, entity: string, data: Record<string, unknown>) {
  const res = await request.post(`${base}/api/records/${entity}`, { data: { data } });
  if (res.status() !== 201) throw new Error(`creating a ${entity} failed: ${res.status()} ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id, etag: res.headers()['etag']! };
}

/**
 * Invites a person as whoever `request` is signed in as, and lets them join through the invitation link with their own
 * `password`, as they would; returns their id.
 */
export async function addPerson(
  request: APIRequestContext,
  base: string,
  person: { email: string; name: string; role: string; team?: string; password: string },
): Promise<string> {
  const { password, ...invitation } = person;
  // Teams are made on the teams page before anyone is put in one.
  if (person.team) await request.post(`${base}/api/teams`, { data: { key: person.team, name: person.team } });
  const invited = await request.post(`${base}/api/users`, { data: invitation });
  if (invited.status() !== 201) throw new Error(`inviting ${person.email} failed: ${invited.status()} ${await invited.text()}`);
  const token = new URL(((await invited.json()) as { link: string }).link).hash.slice(1);
  const joined = await fetch(`${base}/api/invitations/link/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, account: 'new', password }),
  });
  if (joined.status !== 201) throw new Error(`${person.email} could not join: ${joined.status} ${await joined.text()}`);
  return ((await joined.json()) as { user: { id: string } }).user.id;
}

let companies = 0;
/**
 * Signs a new company up through the API in `request`'s browser profile (a page's `page.request` shares its cookies), so that
 * profile is the company's owner from then on; each call makes a company and an owner email of its own unless given.
 */
export async function signUpCompany(
  request: APIRequestContext,
  base: string,
  owner: { tenantName?: string; name?: string; email?: string; password?: string } = {},
): Promise<{ slug: string; ownerId: string; email: string; password: string }> {
  const n = ++companies;
  const data = { tenantName: `Company ${n}`, name: 'Olive Owner', email: `owner${n}.${Date.now()}@company.test`, password: 'Blue-Harbor-Lantern-42', ...owner };
  const res = await request.post(`${base}/api/signup`, { data });
  if (res.status() !== 201) throw new Error(`signup failed: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { tenant: { slug: string }; user: { id: string } };
  return { slug: body.tenant.slug, ownerId: body.user.id, email: data.email, password: data.password };
}
