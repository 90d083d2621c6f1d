import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, signUp, startHarness, type Harness, type Reply } from '../support/harness.ts';
import { send } from '../support/raw.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;
let owner: Browser;
let slug: string;
let boss: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
  boss = await addMember(h, owner, slug, 'manager', 'Mona Manager', 'north');
  const rep = await addMember(h, owner, slug, 'service_rep', 'Sam Service', 'north');
  // An urgent case notifies the team's manager: Mona has something unread to be marked read.
  await rep.browser.post('/api/records/case', { data: { subject: 'Outage', priority: 'urgent' } });
});
afterAll(() => h.close());

const CROSS_SITE = { 'sec-fetch-site': 'cross-site' };
const SAME_SITE = { 'sec-fetch-site': 'same-site', origin: 'http://evil.localhost' };

/** A request with no body and no content type, the way an <img>-less form or a no-cors fetch sends it. */
const bodiless = (b: Browser, method: string, path: string, headers: Record<string, string>) => b.call(method, path, undefined, headers);

describe('a state-changing request a browser says comes from elsewhere is refused', () => {
  it('publishing the draft, with no body at all', async () => {
    const draft = await owner.get('/api/config/draft');
    draft.body.bundle.entities.lead.label = 'Prospect';
    expect((await owner.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! })).status).toBe(200);
    const versions = (await owner.get('/api/config/versions')).body;
    for (const headers of [CROSS_SITE, SAME_SITE]) expectProblem(await bodiless(owner, 'POST', '/api/config/publish', headers), 403);
    expect((await owner.get('/api/config/versions')).body).toEqual(versions);
    expect((await owner.post('/api/config/publish', undefined, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('logging out, marking notifications read and completing a task', async () => {
    const before = (await boss.browser.get('/api/notifications')).body;
    expect(before.unread).toBe(1);
    for (const headers of [CROSS_SITE, SAME_SITE]) {
      expectProblem(await bodiless(boss.browser, 'POST', '/api/notifications/read-all', headers), 403);
      expectProblem(await bodiless(boss.browser, 'POST', `/api/notifications/${before.items[0].id}/read`, headers), 403);
      // Refused before the handler looks for the task: a missing one would otherwise be a 404.
      expectProblem(await bodiless(boss.browser, 'POST', '/api/tasks/zzzzzzzzzzzzzzzz/complete', headers), 403);
      expectProblem(await bodiless(boss.browser, 'POST', '/api/logout', headers), 403);
    }
    expect((await boss.browser.get('/api/notifications')).body).toEqual(before);
    expect((await boss.browser.get('/api/me')).status).toBe(200);
  });

  const METHODS: [string, (b: Browser, headers: Record<string, string>) => Promise<Reply>][] = [
    ['POST', (b, headers) => b.post('/api/records/lead', { data: { lastName: 'Forged' } }, headers)],
    ['PUT', (b, headers) => b.put('/api/config/draft', {}, { 'if-match': '*', ...headers })],
    ['PATCH', (b, headers) => b.patch('/api/tenant', { name: 'Hijacked' }, headers)],
    ['DELETE', (b, headers) => b.delete('/api/users/zzzzzzzzzzzzzzzz', headers)],
    ['POST (JSON body)', (b, headers) => b.post('/api/users', { email: 'mallory@example.com', name: 'Mallory', role: 'owner' }, headers)],
  ];
  const ORIGINS: [string, Record<string, string>][] = [
    ['Sec-Fetch-Site: cross-site', CROSS_SITE],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', SAME_SITE],
    ['Sec-Fetch-Site: same-site with a matching Origin', { 'sec-fetch-site': 'same-site', origin: 'http://localhost' }],
    ['an unknown Sec-Fetch-Site value', { 'sec-fetch-site': 'unheard-of' }],
    ['no Sec-Fetch-Site, another origin', { origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site, same host on another port (same site, other origin)', { origin: 'http://localhost:8080' }],
    ['no Sec-Fetch-Site, Origin: null', { origin: 'null' }],
  ];
  const cases = METHODS.flatMap(([method, call]) => ORIGINS.map(([from, headers]) => [method, from, call, headers] as const));

  it.each(cases)('%s with %s', async (_method, _from, call, headers) => {
    const audit = (await owner.get('/api/audit?limit=1')).body.items[0].id;
    expectProblem(await call(owner, headers), 403);
    expect((await owner.get('/api/audit?limit=1')).body.items[0].id).toBe(audit);
    expect((await owner.get('/api/tenant')).body.name).not.toBe('Hijacked');
  });

  it('signing in from another site (login CSRF) and signing up', async () => {
    expectProblem(await new Browser(h).post('/api/login', { email: 'x@example.com', password: 'whatever-it-is' }, CROSS_SITE), 403);
    expectProblem(
      await new Browser(h).post(
        '/api/signup',
        { tenantName: 'Forged', name: 'F', email: 'forged@example.com', password: 'Blue-Harbor-Lantern-42' },
        CROSS_SITE,
      ),
      403,
    );
  });

  it('a cross-site form post is refused for where it comes from, whatever it sends', async () => {
    expectProblem(await send(owner, 'POST', '/api/config/publish', 'a=1', { 'content-type': 'application/x-www-form-urlencoded', ...CROSS_SITE }), 403);
  });
});

describe('what passes', () => {
  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' }],
    ['Sec-Fetch-Site: none (typed or bookmarked by the person)', { 'sec-fetch-site': 'none' }],
    ['no Sec-Fetch-Site, our own Origin (older browsers)', { origin: 'http://localhost' }],
    ['neither header (not a browser: scripts, curl)', {}],
  ])('%s', async (_why, headers) => {
    const res = await owner.post('/api/records/lead', { data: { lastName: 'Welcome' } }, headers);
    expect(res.status).toBe(201);
  });

  it('safe methods from anywhere: reading is not changing', async () => {
    expect((await owner.get('/api/me', CROSS_SITE)).status).toBe(200);
  });

  it('an API token from anywhere: a browser never attaches one on its own', async () => {
    const { token } = (await owner.post('/api/tokens', { name: 'Script' })).body;
    const res = await new Browser(h).post('/api/records/lead', { data: { lastName: 'Scripted' } }, { authorization: `Bearer ${token}`, ...CROSS_SITE });
    expect(res.status).toBe(201);
    // A forged Authorization header buys nothing: it is checked as a token, never falls back to the cookie.
    expectProblem(await owner.post('/api/records/lead', { data: { lastName: 'Forged' } }, { authorization: 'Bearer crm_nope', ...CROSS_SITE }), 401);
    // Credentials a browser attaches by itself (Basic, Negotiate) are no exemption.
    expectProblem(await owner.post('/api/records/lead', { data: { lastName: 'Forged' } }, { authorization: 'Basic dXNlcjpwYXNz', ...CROSS_SITE }), 403);
  });
});

describe('behind a proxy, PUBLIC_URL is the runtime’s own origin', () => {
  let proxied: Harness;
  let b: Browser;
  beforeAll(async () => {
    proxied = await startHarness({ publicUrl: 'https://crm.example.com' });
    b = (await signUp(proxied)).owner;
  });
  afterAll(() => proxied.close());

  it('accepts its Origin and refuses the internal one', async () => {
    expect((await b.post('/api/records/lead', { data: { lastName: 'Public' } }, { origin: 'https://crm.example.com' })).status).toBe(201);
    expectProblem(await b.post('/api/records/lead', { data: { lastName: 'Internal' } }, { origin: 'http://localhost' }), 403);
    expectProblem(await b.post('/api/records/lead', { data: { lastName: 'Plain' } }, { origin: 'http://crm.example.com' }), 403);
  });

  it('builds invitation links on it', async () => {
    const res = await b.post('/api/users', { email: 'new.person@example.com', name: 'New Person', role: 'member' });
    expect(res.body.link).toMatch(/^https:\/\/crm\.example\.com\/invite#[\w-]{43}$/);
  });
});
