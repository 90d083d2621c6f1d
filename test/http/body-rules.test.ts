import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, signUp, startHarness, PASSWORD, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { send } from '../support/raw.ts';

let h: Harness;
let owner: Browser;
let memberId: string;
const ids: Record<'lead' | 'opportunity', string> = { lead: '', opportunity: '' };

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  ({ id: memberId } = await addMember(h, owner, t.tenant.slug));
  ids.lead = (await owner.post('/api/records/lead', { data: { lastName: 'Fixed', company: 'Stay Ltd' } })).body.id;
  ids.opportunity = (await owner.post('/api/records/opportunity', { data: { name: 'Fixed deal', amount: 500 } })).body.id;
});
afterAll(() => h.close());

const count = async (entity = 'lead') => (await owner.get(`/api/records/${entity}?count=true`)).body.total as number;
const read = async (entity: 'lead' | 'opportunity') => {
  const res = await owner.get(`/api/records/${entity}/${ids[entity]}`);
  return { body: res.body, etag: res.headers.get('etag') };
};
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe('state-changing requests with a non-JSON body → 415, no side effect', () => {
  it.each([
    ['form-urlencoded', (fields: Record<string, string>) => new URLSearchParams(fields), 'application/x-www-form-urlencoded'],
    ['multipart', form, undefined],
    ['text/plain', (fields: Record<string, string>) => JSON.stringify(fields), 'text/plain'],
  ])('sign-up sent as %s creates no account', async (name, encode, type) => {
    const email = `signup.${name.replace(/\W/g, '')}@example.com`;
    const fields = { tenantName: 'Form Corp', name: 'Fiona Form', email, password: PASSWORD };
    const b = new Browser(h, '10.7.0.1');
    expectProblem(await send(b, 'POST', '/api/signup', encode(fields), type ? { 'content-type': type } : {}), 415);
    expect(b.cookie).toBe('');
    // Had the account been created, this login would succeed.
    expectProblem(await new Browser(h, '10.7.0.2').post('/api/login', { email, password: PASSWORD }), 401);
  });

  it.each([
    ['text/plain', JSON.stringify({ data: { lastName: 'Plain' } }), 'text/plain'],
    ['text/plain;charset=UTF-8', JSON.stringify({ data: { lastName: 'Plain' } }), 'text/plain;charset=UTF-8'],
    ['form-urlencoded', 'data[lastName]=Form', 'application/x-www-form-urlencoded'],
    ['multipart', form({ data: '{"lastName":"Multi"}' }), undefined],
    ['text/json', JSON.stringify({ data: { lastName: 'Json-ish' } }), 'text/json'],
    ['application/x-json', JSON.stringify({ data: { lastName: 'Json-ish' } }), 'application/x-json'],
    ['application/xml', '<data><lastName>X</lastName></data>', 'application/xml'],
  ])('a record sent as %s is not created', async (_name, body, type) => {
    const before = await count();
    expectProblem(await send(owner, 'POST', '/api/records/lead', body, type ? { 'content-type': type } : {}), 415);
    expect(await count()).toBe(before);
  });

  it('still accepts application/json with parameters or in other letter case', async () => {
    const before = await count();
    for (const type of ['application/json; charset=utf-8', 'Application/JSON']) {
      expect((await send(owner, 'POST', '/api/records/lead', JSON.stringify({ data: { lastName: 'Typed' } }), { 'content-type': type })).status).toBe(201);
    }
    expect(await count()).toBe(before + 2);
  });

  it('a PATCH or DELETE sent as text/plain changes nothing', async () => {
    const before = await read('lead');
    const headers = { 'content-type': 'text/plain', 'if-match': before.etag! };
    expectProblem(await send(owner, 'PATCH', `/api/records/lead/${ids.lead}`, JSON.stringify({ data: { company: 'Changed' } }), headers), 415);
    expectProblem(await send(owner, 'DELETE', `/api/records/lead/${ids.lead}`, '{}', headers), 415);
    expect(await read('lead')).toEqual(before);
  });

  it('a configuration draft sent as text/plain is not saved', async () => {
    const draft = await owner.get('/api/config/draft');
    const changed = { ...draft.body.bundle, entities: { ...draft.body.bundle.entities, lead: { ...draft.body.bundle.entities.lead, label: 'Prospect' } } };
    const headers = { 'content-type': 'text/plain', 'if-match': draft.headers.get('etag')! };
    expectProblem(await send(owner, 'PUT', '/api/config/draft', JSON.stringify(changed), headers), 415);
    expect((await owner.get('/api/config/draft')).body).toEqual(draft.body);
  });

  it.each([
    ['text/plain', 'bye', 'text/plain'],
    ['form-urlencoded', 'x=1', 'application/x-www-form-urlencoded'],
  ])('logout sent as %s does not end the session', async (_name, body, type) => {
    const res = await send(owner, 'POST', '/api/logout', body, { 'content-type': type });
    expectProblem(res, 415);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await owner.get('/api/me')).status).toBe(200);
  });
});

describe('system fields are never taken from a body', () => {
  const KEYS = ['id', 'tenantId', 'createdBy', 'ownerId', 'version', 'createdAt', 'updatedAt', 'state', 'stage'];
  /** A plausible forged value for each system field (the creator and owner name a real member). */
  const forged = (key: string): unknown =>
    ({
      id: 'forgedforgedforg',
      tenantId: 'othertenant00000',
      createdBy: memberId,
      ownerId: memberId,
      version: 99,
      createdAt: '2000-01-01T00:00:00.000Z',
      updatedAt: '2000-01-01T00:00:00.000Z',
      state: 'qualified',
      stage: 'closed_won',
    })[key];
  const VALID = { lead: { lastName: 'Forger' }, opportunity: { name: 'Forged deal' } };
  const cases = (['lead', 'opportunity'] as const).flatMap((entity) => KEYS.map((key) => [entity, key] as const));

  it.each(cases)('POST %s with top-level %s → 400 unknown key, nothing created', async (entity, key) => {
    const before = await count(entity);
    const res = await owner.post(`/api/records/${entity}`, { data: VALID[entity], [key]: forged(key) });
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual({ path: `/${key}`, message: 'unknown key' });
    expect(await count(entity)).toBe(before);
  });

  it.each(cases)('POST %s with %s inside data → 400 unknown field, nothing created', async (entity, key) => {
    const before = await count(entity);
    const res = await owner.post(`/api/records/${entity}`, { data: { ...VALID[entity], [key]: forged(key) } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: `/data/${key}`, message: 'unknown field' }]);
    expect(await count(entity)).toBe(before);
  });

  it.each(cases)('PATCH %s with %s at the top level or inside data → 400, stored system values unchanged', async (entity, key) => {
    const before = await read(entity);
    const url = `/api/records/${entity}/${ids[entity]}`;
    const top = await owner.patch(url, { data: {}, [key]: forged(key) }, { 'if-match': before.etag! });
    expectProblem(top, 400);
    expect(top.body.errors).toContainEqual({ path: `/${key}`, message: 'unknown key' });
    const inside = await owner.patch(url, { data: { [key]: forged(key) } }, { 'if-match': before.etag! });
    expectProblem(inside, 400);
    expect(inside.body.errors).toEqual([{ path: `/data/${key}`, message: 'unknown field' }]);
    expect(await read(entity)).toEqual(before);
  });

  it('a valid PATCH still changes only the data and the version', async () => {
    const before = await read('opportunity');
    const res = await owner.patch(`/api/records/opportunity/${ids.opportunity}`, { data: { amount: 750 } }, { 'if-match': before.etag! });
    expect(res.status).toBe(200);
    const { data, version, updatedAt, ...system } = res.body;
    const { data: oldData, version: oldVersion, updatedAt: _u, ...oldSystem } = before.body;
    expect(system).toEqual(oldSystem);
    expect({ data, version }).toEqual({ data: { ...oldData, amount: 750 }, version: oldVersion + 1 });
  });
});
