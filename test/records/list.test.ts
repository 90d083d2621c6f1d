import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { random, sampleData } from '../../runtime/demo/generate.ts';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
type Rec = { id: string; data: Record<string, any>; updatedAt: string; createdAt: string; state: string };
const all: Rec[] = [];

beforeAll(async () => {
  h = await startHarness();
  owner = (await signUp(h)).owner;
  const rng = random(3);
  for (let i = 0; i < 130; i++) {
    h.clock.now += 1000; // distinct, known timestamps
    const data = sampleData('lead', rng);
    if (i % 10 === 0) delete data.rating;
    if (i === 5) data.company = 'Zebra Crossing Élan';
    const res = await owner.post('/api/records/lead', { data });
    expect(res.status).toBe(201);
    all.push(res.body);
  }
});
afterAll(() => h.close());

const list = async (query: Record<string, string>) => {
  const res = await owner.get(`/api/records/lead?${new URLSearchParams(query)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Rec[]; nextCursor: string | null; total?: number };
};

/** Every page of a query, following cursors. */
async function walk(query: Record<string, string>) {
  const seen: Rec[] = [];
  let cursor: string | null = null;
  do {
    // A cursor that does not move on would page forever: fail instead.
    if (seen.length > 1000) throw new Error('the cursor does not move on');
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe('list', () => {
  it('pages 50 at a time, newest change first, with no gaps or repeats', async () => {
    const first = await list({});
    expect(first.items).toHaveLength(50);
    const walked = await walk({});
    expect(walked.map((r) => r.id)).toEqual([...all].reverse().map((r) => r.id));
  });

  it('counts only with count=true', async () => {
    expect((await list({})).total).toBeUndefined();
    expect((await list({ count: 'true', limit: '1' })).total).toBe(130);
  });

  it.each([
    ['eq', { rating: { eq: 'hot' } }, (r: Rec) => r.data.rating === 'hot'],
    ['ne (includes empty)', { rating: { ne: 'hot' } }, (r: Rec) => r.data.rating !== 'hot'],
    ['in', { source: { in: ['web', 'event'] } }, (r: Rec) => ['web', 'event'].includes(r.data.source)],
    ['gte on a number', { estimatedValue: { gte: 25000 } }, (r: Rec) => r.data.estimatedValue >= 25000],
    ['contains on text', { company: { contains: 'harbor' } }, (r: Rec) => r.data.company.toLowerCase().includes('harbor')],
    ['empty', { rating: { empty: true } }, (r: Rec) => r.data.rating === undefined],
    ['or', { or: [{ rating: { eq: 'cold' } }, { source: { eq: 'partner' } }] }, (r: Rec) => r.data.rating === 'cold' || r.data.source === 'partner'],
    ['system field', { $createdAt: { gt: new Date(0).toISOString() }, $state: { eq: 'new' } }, () => true],
  ])('filters with %s, exactly like the data says', async (_name, filter, predicate) => {
    const walked = await walk({ filter: JSON.stringify(filter), limit: '17' });
    const expected = all
      .filter(predicate)
      .map((r) => r.id)
      .reverse();
    expect(walked.map((r) => r.id)).toEqual(expected);
    expect((await list({ filter: JSON.stringify(filter), count: 'true' })).total).toBe(expected.length);
  });

  it.each([
    ['lastName', (a: Rec, b: Rec) => a.data.lastName.toLowerCase().localeCompare(b.data.lastName.toLowerCase())],
    ['-estimatedValue', (a: Rec, b: Rec) => b.data.estimatedValue - a.data.estimatedValue],
    ['createdAt', (a: Rec, b: Rec) => a.createdAt.localeCompare(b.createdAt)],
  ])('sorts by %s with the id as tiebreak, across pages', async (sort, compare) => {
    const walked = await walk({ sort, limit: '23' });
    expect(walked).toHaveLength(130);
    for (let i = 1; i < walked.length; i++) expect(compare(walked[i - 1]!, walked[i]!)).toBeLessThanOrEqual(0);
    expect(new Set(walked.map((r) => r.id)).size).toBe(130);
  });

  it('pages exactly through numbers that differ only in their last digits', async () => {
    // A cursor keeps the last key as it is: a decimal rounded to 15 digits would skip or repeat one of these.
    // Neighbouring doubles: one unit in the last place apart (2⁻⁴³ near 1000), all "1000.1" to 15 digits.
    const values = [1000.1, 1000.1 + 2 ** -43, 1000.1 + 2 ** -42];
    const made: string[] = [];
    for (const estimatedValue of values) made.push((await owner.post('/api/records/lead', { data: { lastName: 'Precise', estimatedValue } })).body.id);
    const walked = await walk({ sort: 'estimatedValue', limit: '1', filter: JSON.stringify({ lastName: { eq: 'Precise' } }) });
    expect(walked.map((r) => r.data.estimatedValue)).toEqual(values);
    for (const id of made) expect((await owner.delete(`/api/records/lead/${id}`, { 'if-match': '*' })).status).toBe(204);
  });

  it('searches words and word starts, ignoring case and accents', async () => {
    for (const q of ['zebra', 'ZEBRA cross', 'elan', 'zeb']) {
      const page = await list({ q, count: 'true' });
      expect(
        page.items.map((r) => r.id),
        q,
      ).toEqual([all[5]!.id]);
      expect(page.total).toBe(1);
    }
    expect((await list({ q: 'zebra nothing' })).items).toEqual([]);
  });

  it.each([
    [{ filter: '{bad json' }, '/filter'],
    [{ filter: JSON.stringify({ shoeSize: { eq: 1 } }) }, '/filter/shoeSize'],
    [{ filter: JSON.stringify({ rating: { like: 'x' } }) }, '/filter/rating/like'],
    [{ filter: JSON.stringify({ estimatedValue: { gt: 'many' } }) }, '/filter/estimatedValue/gt'],
    [{ sort: 'shoeSize' }, '/sort'],
    [{ limit: '0' }, '/limit'],
    [{ limit: '201' }, '/limit'],
    [{ cursor: 'garbage' }, '/cursor'],
    [{ colour: 'red' }, '/colour'],
  ])('refuses a bad query %j with 400 naming %s', async (query, path) => {
    const res = await owner.get(`/api/records/lead?${new URLSearchParams(query as Record<string, string>)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe(path);
  });

  it('refuses a cursor from another query', async () => {
    const cursor = (await list({ sort: 'lastName' })).nextCursor!;
    const res = await owner.get(`/api/records/lead?${new URLSearchParams({ cursor })}`);
    expect(res.status).toBe(400);
  });
});
