import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../runtime/app.ts';
import { openDb, type Db } from '../../runtime/db/client.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { openApiDocument } from '../../runtime/http/openapi.ts';
import { contractChecker } from './contract.ts';
import type { Deps } from '../../runtime/http/env.ts';

/** argon2id at a cost that keeps test logins fast; production uses DEFAULT_COST. */
export const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };

export interface Harness {
  app: ReturnType<typeof createApp>;
  /** What the app was made with, for background work a test runs itself (imports). */
  deps: Deps;
  db: Db;
  dir: string;
  clock: { now: number };
  close(): void;
}

/** A real app on a fresh SQLite file in a temp folder, with a clock tests may move; `deps` adds settings (PUBLIC_URL). */
export async function startHarness(deps: Pick<Deps, 'publicUrl' | 'mailAllowPrivate' | 'systemMail'> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-test-'));
  const db = await openDb({ url: `file:${join(dir, 'crm.db')}` });
  await migrate(db);
  const clock = { now: Date.now() };
  const appDeps: Deps = { db, hashCost: TEST_HASH_COST, now: () => clock.now, secretKey: randomBytes(32).toString('base64url'), trustProxy: true, ...deps };
  const app = createApp(appDeps);
  // Every answer a test receives is checked against the API document: a route, status or shape it does not describe fails the test.
  const check = contractChecker(openApiDocument(app) as Parameters<typeof contractChecker>[0]);
  const request = app.request;
  app.request = async (input, init, ...rest) => {
    const res = await request(input, init, ...rest);
    const url = typeof input === 'string' ? input : input instanceof Request ? input.url : String(input);
    const mismatch = check(
      init?.method ?? (input instanceof Request ? input.method : 'GET'),
      url,
      res.status,
      res.headers.get('content-type'),
      res.headers.get('content-encoding') === 'gzip' ? gunzipSync(Buffer.from(await res.clone().arrayBuffer())).toString('utf8') : await res.clone().text(),
    );
    if (mismatch) throw new Error(`API contract: ${mismatch}`);
    return res;
  };
  return {
    app,
    deps: appDeps,
    db,
    dir,
    clock,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** A response as tests read it: the body parsed when it is JSON, kept as text otherwise. */
export async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A person's browser: keeps the session cookie between requests. */
export class Browser {
  cookie = '';
  constructor(
    readonly h: { app: { request(path: string, init?: RequestInit): Response | Promise<Response> } },
    readonly address = '10.0.0.1',
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = { method, headers: { 'x-forwarded-for': this.address, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await this.h.app.request(path, init);
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      this.cookie = /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(set) ? '' : pair!;
    }
    return reply(res);
  }
  get = (path: string, headers?: Record<string, string>) => this.call('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.call('POST', path, body, headers);
  put = (path: string, body?: unknown, headers?: Record<string, string>) => this.call('PUT', path, body, headers);
  patch = (path: string, body?: unknown, headers?: Record<string, string>) => this.call('PATCH', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) => this.call('DELETE', path, undefined, headers);
}

let counter = 0;
/** A strong password no common-password list holds. */
export const PASSWORD = 'Blue-Harbor-Lantern-42';

/** Signs up a new tenant; returns the owner's browser and what the API answered. */
export async function signUp(h: Harness, tenantName = `Tenant ${++counter}`, email = `owner${++counter}@example.com`) {
  const owner = new Browser(h);
  const res = await owner.post('/api/signup', { tenantName, name: 'Olive Owner', email, password: PASSWORD });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { owner, tenant: res.body.tenant as { id: string; slug: string }, user: res.body.user as { id: string } };
}

/** The token of an invitation or reset link (it travels in the fragment). */
export const linkToken = (link: string) => new URL(link).hash.slice(1);

/** Invites a person with a role, lets them join through the link with PASSWORD, and logs them in; returns their browser and id. */
export async function addMember(h: Harness, owner: Browser, slug: string, role = 'member', name = `Person ${++counter}`, team?: string) {
  const email = `${name
    .toLowerCase()
    .replace(/\W+/g, '.')
    .replace(/^\.|\.$/g, '')}.${++counter}@example.com`;
  if (team) await ensureTeam(owner, team);
  const invited = await owner.post('/api/users', { email, name, role, ...(team ? { team } : {}) });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const browser = new Browser(h, `10.1.${counter % 250}.${(counter * 7) % 250}`);
  const joined = await browser.post('/api/invitations/link/accept', { token: linkToken(invited.body.link), account: 'new', password: PASSWORD });
  if (joined.status !== 201) throw new Error(`joining failed: ${joined.status} ${JSON.stringify(joined.body)}`);
  const login = await browser.post('/api/login', { email, password: PASSWORD, tenant: slug });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { browser, id: joined.body.user.id as string, email };
}

/** Makes sure the company has a team with this key (named like it), as someone managing people would on the teams page. */
export async function ensureTeam(owner: Browser, key: string, parent: string | null = null): Promise<void> {
  const made = await owner.post('/api/teams', { key, name: key, parent });
  if (made.status !== 201 && made.status !== 409) throw new Error(`team refused: ${made.status} ${JSON.stringify(made.body)}`);
}

/** Changes the tenant's draft with `change` and publishes it, as an owner would in the studio. */
export async function publishChange(owner: Browser, change: (bundle: any) => void): Promise<void> {
  const draft = await owner.get('/api/config/draft');
  change(draft.body.bundle);
  const saved = await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
  if (saved.status !== 200) throw new Error(`draft refused: ${saved.status} ${JSON.stringify(saved.body)}`);
  const published = await owner.post('/api/config/publish');
  if (published.status !== 201) throw new Error(`publish refused: ${published.status} ${JSON.stringify(published.body)}`);
}

/** Creates a record as `who` (a 201 or the test fails, showing the answer) and returns its id. */
export async function makeRecord(who: Browser, entity: string, data: object): Promise<string> {
  const res = await who.post(`/api/records/${entity}`, { data });
  if (res.status !== 201) throw new Error(`create refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
