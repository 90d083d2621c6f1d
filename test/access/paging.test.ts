import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { random, sampleData } from '../../runtime/demo/generate.ts';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { sortedIds, walk } from './world.ts';

/**
 * Cursors over a member's scope, which is the union of "created by me" and "assigned to me":
 * every page walk must give exactly the visible set, in order, without repeats or gaps.
 */
let h: Harness;
let owner: Browser;
let a: { browser: Browser; id: string };
let b: { browser: Browser; id: string };
type Rec = { id: string; data: Record<string, any>; createdBy: string; owner: string };
const records: Rec[] = [];

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h, 'Paging Co');
  owner = t.owner;
  a = await addMember(h, owner, t.tenant.slug, 'member', 'Ann Paging');
  b = await addMember(h, owner, t.tenant.slug, 'member', 'Bob Paging');
  const rng = random(11);
  const create = async (who: Browser, whoId: string, i: number) => {
    // Runs of equal timestamps, so the id tiebreak carries the order.
    if (i % 4 === 0) h.clock.now += 1000;
    const data = sampleData('lead', rng);
    if (i % 9 === 0) delete data.rating;
    const res = await who.post('/api/records/lead', { data });
    expect(res.status).toBe(201);
    const rec = { id: res.body.id, data, createdBy: whoId, owner: whoId };
    records.push(rec);
    return rec;
  };
  for (let i = 0; i < 120; i++) await create(a.browser, a.id, i);
  for (let i = 0; i < 50; i++) await create(b.browser, b.id, i);
  // Some of B's and of the owner's leads are assigned to A, one of A's own goes to B (A keeps it as creator).
  const handOver = [...records.filter((r) => r.createdBy === b.id).slice(0, 7), ...[await create(owner, t.user.id, 1), await create(owner, t.user.id, 2)]];
  for (const rec of handOver) {
    expect((await owner.post(`/api/records/lead/${rec.id}/assign`, { ownerId: a.id })).status).toBe(200);
    rec.owner = a.id;
  }
  const given = records.find((r) => r.createdBy === a.id)!;
  expect((await owner.post(`/api/records/lead/${given.id}/assign`, { ownerId: b.id })).status).toBe(200);
  given.owner = b.id;
}, 60_000);
afterAll(() => h.close());

const sees = (id: string) => (r: Rec) => r.createdBy === id || r.owner === id;

/** Each sort with the key its first field orders by, from our copy of the record and from the item listed. */
const SORTS: [string, (r: Rec, item: { updatedAt?: string }) => string | number][] = [
  ['-updatedAt', (_r, item) => -Date.parse(item.updatedAt!)],
  ['rating', (r) => r.data.rating ?? ''],
  ['-estimatedValue', (r) => -r.data.estimatedValue],
  ['lastName,-createdAt', (r) => r.data.lastName.toLowerCase()],
];

describe('cursors over a member’s scope', () => {
  it.each(SORTS)('walk sort=%s in pages of 50: exactly the visible set, in order', async (sort, key) => {
    for (const [who, expected] of [
      [a, records.filter(sees(a.id))],
      [b, records.filter(sees(b.id))],
      [{ browser: owner, id: '' }, records],
    ] as const) {
      const walked = await walk(who.browser, 'lead', { sort, limit: '50' });
      expect(sortedIds(walked)).toEqual(sortedIds(expected));
      const keys = walked.map((r) =>
        key(
          records.find((x) => x.id === r.id)!,
          r as { updatedAt?: string },
        ),
      );
      for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! <= keys[i]!, `${sort} at ${i}`).toBe(true);
    }
    expect(records.filter(sees(a.id))).toHaveLength(120 + 7 + 2);
  });

  it('pages are full until the last one, and count=true counts the scope only', async () => {
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: unknown[]; nextCursor: string | null } } = await a.browser.get(
        `/api/records/lead?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      sizes.push(res.body.items.length);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 29]);
    expect((await a.browser.get('/api/records/lead?count=true')).body.total).toBe(129);
    expect((await b.browser.get('/api/records/lead?count=true')).body.total).toBe(51);
    expect((await owner.get('/api/records/lead?count=true')).body.total).toBe(172);
  });

  it('with a filter and a search, pages walk the intersection with the scope', async () => {
    const hot = await walk(a.browser, 'lead', { filter: JSON.stringify({ rating: { eq: 'hot' } }), sort: 'company', limit: '50' });
    expect(sortedIds(hot)).toEqual(sortedIds(records.filter((r) => sees(a.id)(r) && r.data.rating === 'hot')));
    const word = records.find((r) => r.createdBy === b.id && r.owner === b.id)!.data.company.split(' ')[0];
    const found = await walk(a.browser, 'lead', { q: word, limit: '7' });
    expect(sortedIds(found)).toEqual(sortedIds(records.filter((r) => sees(a.id)(r) && r.data.company.startsWith(word))));
  });

  it('a cursor from one member used by another does not reveal the first one’s records', async () => {
    const first = await a.browser.get('/api/records/lead?limit=50');
    const res = await b.browser.get(`/api/records/lead?limit=50&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(200);
    const mineB = new Set(records.filter(sees(b.id)).map((r) => r.id));
    for (const item of res.body.items) expect(mineB.has(item.id)).toBe(true);
  });

  it('a cursor bound to one sort or filter is refused by another', async () => {
    const first = await a.browser.get('/api/records/lead?limit=50&sort=rating');
    const other = await a.browser.get(`/api/records/lead?limit=50&sort=-rating&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor of this query' }]);
  });
});
