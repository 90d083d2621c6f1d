import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, signUp, startHarness, PASSWORD, type Harness, type Reply } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { send } from '../support/raw.ts';

const LIMIT = 1024 * 1024;
const MISSING = 'zzzzzzzzzzzzzzzz';

let h: Harness;
let owner: Browser;
let member: Browser;
let ownerId: string;
let leadId: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  ownerId = t.user.id;
  ({ browser: member } = await addMember(h, owner, t.tenant.slug));
  leadId = (await owner.post('/api/records/lead', { data: { lastName: 'Stable', company: 'Keep Ltd' } })).body.id;
});
afterAll(() => h.close());

const leadCount = async () => (await owner.get('/api/records/lead?count=true')).body.total as number;
const leadNow = async () => (await owner.get(`/api/records/lead/${leadId}`)).body;

/** A JSON text of exactly `size` bytes that creates a valid lead (padded with JSON whitespace). */
const paddedLead = (size: number) => {
  const json = JSON.stringify({ data: { lastName: 'Padded' } });
  return json.slice(0, -1) + ' '.repeat(size - json.length) + '}';
};

/** A body stream with no Content-Length, in 64 KiB chunks; reports how much was pulled and whether it was cancelled. */
function chunked(text: string) {
  const bytes = Buffer.from(text);
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (seen.pulled >= bytes.length) return ctl.close();
      ctl.enqueue(bytes.subarray(seen.pulled, seen.pulled + 65536));
      seen.pulled += 65536;
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('every error class is problem+json without internals', () => {
  const cases: [number, string, () => Promise<Reply>][] = [
    [400, 'malformed JSON', () => owner.post('/api/records/lead', '{"data":')],
    [401, 'no session', () => new Browser(h).get('/api/me')],
    [403, 'a function the role lacks', () => member.get('/api/audit')],
    [404, 'a missing record', () => owner.get(`/api/records/lead/${MISSING}`)],
    [409, 'the last owner deactivating themselves', () => owner.patch(`/api/users/${ownerId}`, { active: false })],
    [412, 'a stale If-Match', () => owner.patch(`/api/records/lead/${leadId}`, { data: { company: 'X' } }, { 'if-match': '"99"' })],
    [413, 'a body over 1 MiB', () => owner.post('/api/records/lead', paddedLead(LIMIT + 1))],
    [415, 'a form post', () => owner.post('/api/records/lead', 'lastName=x', { 'content-type': 'application/x-www-form-urlencoded' })],
    [422, 'a missing required field', () => owner.post('/api/records/lead', { data: {} })],
    [428, 'a PATCH without If-Match', () => owner.patch(`/api/records/lead/${leadId}`, { data: { company: 'X' } })],
    [
      429,
      'too many failed logins',
      async () => {
        const guesser = new Browser(h, '10.9.9.9');
        for (let i = 0; i < 5; i++) await guesser.post('/api/login', { email: 'victim@example.com', password: `wrong-${i}` });
        return guesser.post('/api/login', { email: 'victim@example.com', password: PASSWORD });
      },
    ],
  ];
  it.each(cases)('%i for %s', async (status, _name, call) => {
    const res = await call();
    expectProblem(res, status);
    if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('500 for a fault inside the server, with no stack trace or driver message', async () => {
    const broken = await startHarness();
    const { owner: o } = await signUp(broken);
    broken.close(); // the database goes away under a running app
    const res = await o.get('/api/me');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/closed|client/i);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/nothing-here'],
    ['POST', '/api/nothing-here'],
    ['GET', '/nothing-here'],
    ['GET', `/api/records/lead/${MISSING}/no/such/thing`],
    ['DELETE', '/api/tenant'],
    ['GET', '/api/users/a/b/c'],
  ])('%s %s → 404 problem+json', async (method, path) => {
    expectProblem(await owner.call(method, path, method === 'POST' ? {} : undefined), 404);
  });
});

describe('body size limit (1 MiB)', () => {
  it('accepts a body of exactly 1 MiB, with and without Content-Length', async () => {
    const before = await leadCount();
    const body = paddedLead(LIMIT);
    expect((await send(owner, 'POST', '/api/records/lead', body, { 'content-type': 'application/json', 'content-length': String(LIMIT) })).status).toBe(201);
    expect((await send(owner, 'POST', '/api/records/lead', chunked(body).stream, { 'content-type': 'application/json' })).status).toBe(201);
    expect(await leadCount()).toBe(before + 2);
  });

  it('refuses one byte more with 413 when Content-Length is sent, and writes nothing', async () => {
    const before = await leadCount();
    const res = await send(owner, 'POST', '/api/records/lead', paddedLead(LIMIT + 1), {
      'content-type': 'application/json',
      'content-length': String(LIMIT + 1),
    });
    expectProblem(res, 413);
    expect(await leadCount()).toBe(before);
  });

  it('refuses a chunked body without Content-Length with 413, and stops reading it', async () => {
    const before = await leadCount();
    const justOver = chunked(paddedLead(LIMIT + 1));
    expectProblem(await send(owner, 'POST', '/api/records/lead', justOver.stream, { 'content-type': 'application/json' }), 413);
    const huge = chunked(paddedLead(8 * LIMIT));
    expectProblem(await send(owner, 'POST', '/api/records/lead', huge.stream, { 'content-type': 'application/json' }), 413);
    expect(huge.seen.cancelled).toBe(true);
    expect(huge.seen.pulled).toBeLessThan(2 * LIMIT);
    expect(await leadCount()).toBe(before);
  });

  it('refuses an oversized PATCH body and keeps the record', async () => {
    const before = await leadNow();
    const body = chunked(JSON.stringify({ data: { description: 'x'.repeat(LIMIT) } }));
    expectProblem(
      await send(owner, 'PATCH', `/api/records/lead/${leadId}`, body.stream, { 'content-type': 'application/json', 'if-match': `"${before.version}"` }),
      413,
    );
    expect(await leadNow()).toEqual(before);
  });
});

describe('JSON depth limit (32)', () => {
  const nested = (levels: number) => `{"data":{"lastName":"Deep","description":${'['.repeat(levels)}${']'.repeat(levels)}}}`;

  it('lets 32 levels through to validation, refuses 33 with 400', async () => {
    const before = await leadCount();
    const atLimit = await owner.post('/api/records/lead', nested(31)); // the innermost array sits at depth 32
    expectProblem(atLimit, 422);
    expect(atLimit.body.errors.map((e: { path: string }) => e.path)).toEqual(['/data/description']);
    const over = await owner.post('/api/records/lead', nested(32));
    expectProblem(over, 400);
    expect(over.body.errors[0].message).toBe('too deep');
    expect(await leadCount()).toBe(before);
  });

  it('refuses absurd nesting with 400, not a crash', async () => {
    expectProblem(await owner.post('/api/records/lead', nested(100_000)), 400);
    expectProblem(await owner.patch('/api/tenant', `{"settings":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`), 400);
    expect((await owner.get('/api/me')).status).toBe(200);
  });
});

describe('__proto__, constructor and prototype keys', () => {
  const data = '"data":{"lastName":"Proto"}';
  it.each([
    [`{"__proto__":{"polluted":true},${data}}`, '/__proto__'],
    [`{"constructor":{"prototype":{"polluted":true}},${data}}`, '/constructor'],
    [`{"prototype":{},${data}}`, '/prototype'],
    ['{"data":{"lastName":"Proto","__proto__":{"polluted":true}}}', '/data/__proto__'],
    ['{"data":{"lastName":"Proto","constructor":{"prototype":{"polluted":true}}}}', '/data/constructor'],
    ['{"data":{"lastName":"Proto","prototype":"x"}}', '/data/prototype'],
    ['{"data":{"lastName":"Proto","description":[{"a":{"__proto__":{}}}]}}', '/data/description/0/a/__proto__'],
  ])('refuses %s with 400 at %s and creates nothing', async (body, path) => {
    const before = await leadCount();
    const res = await owner.post('/api/records/lead', body);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path, message: 'forbidden key' }]);
    expect(await leadCount()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses them in a PATCH and in tenant settings, changing nothing', async () => {
    const lead = await leadNow();
    const patch = await owner.patch(`/api/records/lead/${leadId}`, '{"data":{"__proto__":{"company":"Hacked"}}}', { 'if-match': `"${lead.version}"` });
    expectProblem(patch, 400);
    expect(await leadNow()).toEqual(lead);
    const tenant = (await owner.get('/api/tenant')).body;
    expectProblem(await owner.patch('/api/tenant', '{"settings":{"constructor":{"currency":"USD"}},"name":"Hacked"}'), 400);
    expect((await owner.get('/api/tenant')).body).toEqual(tenant);
  });
});

describe('malformed JSON', () => {
  it.each([
    '',
    '{',
    '{"data":',
    "{'data':{}}",
    '{"data":{"lastName":"x"},}',
    '{"data":{"lastName":"x"}} extra',
    'NaN',
    '{"data":{"lastName":"\u0000"',
    '[]',
    '"text"',
    'null',
    '42',
  ])('refuses %j with 400 and creates nothing', async (body) => {
    const before = await leadCount();
    expectProblem(await owner.post('/api/records/lead', body), 400);
    expect(await leadCount()).toBe(before);
  });
});
