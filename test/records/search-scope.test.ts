import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANY_MATCHES } from '../../runtime/records/list-statements.ts';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
});
afterAll(() => h.close());

const search = async (who: Browser, q: string) => {
  const res = await who.get(`/api/records/lead?q=${encodeURIComponent(q)}&count=true`);
  expect(res.status).toBe(200);
  return { ids: res.body.items.map((r: { id: string }) => r.id), total: res.body.total };
};

describe('search follows the reader’s scope', () => {
  it('moves with a reassignment', async () => {
    const a = await addMember(h, owner, slug, 'member', 'Ann');
    const b = await addMember(h, owner, slug, 'member', 'Bob');
    const created = (await owner.post('/api/records/lead', { data: { lastName: 'Quixotic' } })).body;
    expect(await search(a.browser, 'quixotic')).toEqual({ ids: [], total: 0 });
    await owner.post(`/api/records/lead/${created.id}/assign`, { ownerId: a.id });
    expect(await search(a.browser, 'quixotic')).toEqual({ ids: [created.id], total: 1 });
    expect((await search(b.browser, 'quixotic')).total).toBe(0);
    await owner.post(`/api/records/lead/${created.id}/assign`, { ownerId: b.id });
    expect((await search(a.browser, 'quixotic')).total).toBe(0);
    expect(await search(b.browser, 'quixotic')).toEqual({ ids: [created.id], total: 1 });
    expect((await search(owner, 'quixotic')).total).toBe(1);
  });

  it('moves with a person’s team', async () => {
    const manager = await addMember(h, owner, slug, 'manager', 'Meg', 'east');
    const rep = await addMember(h, owner, slug, 'member', 'Ray', 'west');
    const lead = (await rep.browser.post('/api/records/lead', { data: { lastName: 'Zanzibar' } })).body;
    expect((await search(manager.browser, 'zanzibar')).total).toBe(0);
    expect((await manager.browser.get(`/api/records/lead/${lead.id}`)).status).toBe(404);
    expect((await owner.patch(`/api/users/${rep.id}`, { team: 'east' })).status).toBe(200);
    expect(await search(manager.browser, 'zanzibar')).toEqual({ ids: [lead.id], total: 1 });
    expect((await manager.browser.get(`/api/records/lead/${lead.id}`)).status).toBe(200);
    expect((await owner.patch(`/api/users/${rep.id}`, { team: null })).status).toBe(200);
    expect((await search(manager.browser, 'zanzibar')).total).toBe(0);
  });

  it('gives the same answers when a word matches more records than the index-driven plan handles', async () => {
    const a = await addMember(h, owner, slug, 'member', 'Many');
    const b = await addMember(h, owner, slug, 'member', 'Few');
    const n = MANY_MATCHES + 50;
    for (let i = 0; i < n; i++) {
      h.clock.now += 1;
      expect((await a.browser.post('/api/records/lead', { data: { lastName: `Ubiquitous ${i}` } })).status).toBe(201);
    }
    h.clock.now += 1;
    const mine = (await b.browser.post('/api/records/lead', { data: { lastName: 'Ubiquitous too' } })).body;
    for (const [who, expected] of [
      [a.browser, n],
      [owner, n + 1],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await who.get(`/api/records/lead?q=ubiquitous&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((r: { data: { lastName: string } }) => r.data.lastName));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect((await search(who, 'ubiquitous')).total).toBe(expected);
    }
    expect(await search(b.browser, 'ubiquitous')).toEqual({ ids: [mine.id], total: 1 });
    // Newest first: the last one a created leads the owner's list after b's.
    expect((await owner.get('/api/records/lead?q=ubiquitous&limit=2')).body.items.map((r: any) => r.data.lastName)).toEqual([
      'Ubiquitous too',
      `Ubiquitous ${n - 1}`,
    ]);
  });
});
