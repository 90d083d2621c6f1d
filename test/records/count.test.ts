import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const total = async (who: Browser, entity: string, query = '') => (await who.get(`/api/records/${entity}?count=true${query}`)).body.total as number;
const lead = async (who: Browser, lastName: string, rating = 'warm') => (await who.post('/api/records/lead', { data: { lastName, rating } })).body;

describe('count=true', () => {
  it('an owner’s unfiltered count follows every create and delete, per company and entity; filtered and scoped counts count', async () => {
    const a = await signUp(h);
    const b = await signUp(h);
    const mia = (await addMember(h, a.owner, a.tenant.slug, 'member', 'Mia Member')).browser;
    for (const name of ['Ada', 'Bea', 'Cy']) await lead(a.owner, name);
    const mine = await lead(mia, 'Dee', 'hot');
    await lead(mia, 'Eve');
    await lead(b.owner, 'Other company');
    expect(await total(a.owner, 'lead')).toBe(5);
    expect(await total(b.owner, 'lead')).toBe(1);
    expect(await total(a.owner, 'case')).toBe(0);
    expect(await total(mia, 'lead')).toBe(2);
    expect(await total(a.owner, 'lead', `&filter=${encodeURIComponent(JSON.stringify({ rating: { eq: 'hot' } }))}`)).toBe(1);
    expect(await total(a.owner, 'lead', '&q=Bea')).toBe(1);

    expect((await mia.call('DELETE', `/api/records/lead/${mine.id}`, undefined, { 'if-match': `"${mine.version}"` })).status).toBe(204);
    expect(await total(a.owner, 'lead')).toBe(4);
    // The list itself agrees with the counter.
    expect((await a.owner.get('/api/records/lead?limit=200')).body.items).toHaveLength(4);
  });
});
