import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Search across every kind of record: exactly what each kind's list would find for the reader, nothing more. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string };
let sam: { browser: Browser; id: string };

const found = async (who: Browser, q: string) => {
  const res = await who.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(
    (res.body.groups as { entity: string; items: { data: Record<string, unknown> }[]; more: boolean }[]).map((g) => [
      g.entity,
      { titles: g.items.map((r) => r.data.name ?? r.data.lastName ?? r.data.subject), more: g.more },
    ]),
  );
};

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  sam = await addMember(h, owner, company.tenant.slug, 'service_rep', 'Sam Service');
  await mia.browser.post('/api/records/opportunity', { data: { name: 'Zephyr renewal' } });
  h.clock.now += 1000;
  await mia.browser.post('/api/records/case', { data: { subject: 'Zephyr printer jam' } });
  await owner.post('/api/records/opportunity', { data: { name: 'Zephyr expansion', description: 'secretword' } });
  h.clock.now += 1000;
  await owner.post('/api/records/contact', { data: { lastName: 'Zephyr', firstName: 'Zoe' } });
  for (let i = 0; i < 6; i++) await owner.post('/api/records/account', { data: { name: `Zephyr branch ${i}` } });
}, 60_000);
afterAll(() => h.close());

describe('search across records', () => {
  it('groups matches by kind, each within the reader’s scope', async () => {
    const all = await found(owner, 'zephyr');
    expect(Object.keys(all)).toEqual(['opportunity', 'case', 'contact', 'account']);
    // Most recently changed first.
    expect(all.opportunity!.titles).toEqual(['Zephyr expansion', 'Zephyr renewal']);
    expect(all.account).toMatchObject({ more: true });
    expect(all.account!.titles).toHaveLength(5);
    // Mia reads only her own deals and cases (and every contact and account, as her role says).
    const hers = await found(mia.browser, 'zephyr');
    expect(hers.opportunity).toEqual({ titles: ['Zephyr renewal'], more: false });
    expect(hers.case).toEqual({ titles: ['Zephyr printer jam'], more: false });
    // Sam reads no opportunities at all: the kind is not searched, not even as an empty group.
    const his = await found(sam.browser, 'zephyr');
    expect(his.opportunity).toBeUndefined();
    expect(await found(mia.browser, 'secretword')).toEqual({});
  });

  it('never matches a field the reader’s role hides', async () => {
    await publishChange(owner, (b) => {
      b.roles.member.entities.contact.fields = { ...b.roles.member.entities.contact.fields, lastName: 'hidden' };
    });
    expect((await found(owner, 'zephyr')).contact).toBeDefined();
    expect((await found(mia.browser, 'zephyr')).contact).toBeUndefined();
  });

  it('asks for words', async () => {
    expectProblem(await owner.get('/api/search'), 400);
    expectProblem(await owner.get(`/api/search?q=${'x'.repeat(201)}`), 400);
    expect(await found(owner, '!!!')).toEqual({});
  });
});
