import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBins } from '../../runtime/records/recycle-bin.ts';
import { move, newDeal } from '../pipelines/deals.ts';
import { addMember, ensureTeam, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** The recycle bin: a deleted record is on no read path, comes back whole for whoever may delete it, and is purged after 30 days. */
let h: Harness;
let owner: Browser;
let slug: string;
let mia: { browser: Browser; id: string };
let max: { browser: Browser; id: string };
const DAY = 86_400_000;

const bin = async (who: Browser, query = '') => {
  const res = await who.get(`/api/recycle-bin${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { id: string; entity: string; title: string | null; deletedBy: { name: string } | null; purgeAt: string }[];
};
const report = async () => (await owner.get('/api/reports/pipeline')).body;
const remove = (who: Browser, deal: { id: string; version: number }) => who.delete(`/api/records/opportunity/${deal.id}`, { 'if-match': `"${deal.version}"` });

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  max = await addMember(h, owner, company.tenant.slug, 'member', 'Max Member');
});
afterAll(() => h.close());

describe('the recycle bin', () => {
  it('gives a deal back to the team its owner is in when it is restored, not the one they were in when it was deleted', async () => {
    const ed = await addMember(h, owner, slug, 'manager', 'Ed East', 'east');
    const wes = await addMember(h, owner, slug, 'manager', 'Wes West', 'west');
    const tom = await addMember(h, owner, slug, 'member', 'Tom Teammate', 'east');
    const deal = await newDeal(tom.browser, { name: 'Moving with Tom', amount: 500 });
    expect((await ed.browser.get(`/api/records/opportunity/${deal.id}`)).status).toBe(200);
    expect((await remove(owner, deal)).status).toBe(204);
    await ensureTeam(owner, 'west');
    expect((await owner.patch(`/api/users/${tom.id}`, { team: 'west' })).status).toBe(200);
    expect((await owner.post(`/api/recycle-bin/opportunity/${deal.id}/restore`)).status).toBe(200);
    expect((await wes.browser.get(`/api/records/opportunity/${deal.id}`)).status).toBe(200);
    expectProblem(await ed.browser.get(`/api/records/opportunity/${deal.id}`), 404);
  });

  it('takes a deleted deal off every read path and the reports, and brings it back whole', async () => {
    const before = await report();
    const deal = await newDeal(mia.browser, { name: 'Quartzite renewal', amount: 1200 });
    const moved = (await move(mia.browser, deal, { stage: 'proposal' })).body;
    await mia.browser.post(`/api/records/opportunity/${deal.id}/notes`, { text: 'Call back on Monday' });
    expect((await mia.browser.post(`/api/records/opportunity/${deal.id}/shares`, { person: max.id, access: 'read' })).status).toBe(201);
    const during = await report();
    h.clock.now += 1000;

    expect((await remove(mia.browser, moved)).status).toBe(204);
    for (const who of [owner, mia.browser, max.browser]) {
      expectProblem(await who.get(`/api/records/opportunity/${deal.id}`), 404);
      expectProblem(await who.get(`/api/records/opportunity/${deal.id}/timeline`), 404);
      expect((await who.get('/api/records/opportunity?q=quartzite&count=true')).body.total).toBe(0);
      expect((await who.get('/api/search?q=quartzite')).body.groups).toEqual([]);
    }
    expect(await report()).toEqual(before);

    // Mia and the owner may delete it, so they see it in the bin; Max, who could only read it through a share, does not.
    const hers = await bin(mia.browser);
    expect(hers).toMatchObject([{ id: deal.id, entity: 'opportunity', title: 'Quartzite renewal', deletedBy: { name: 'Mia Member' } }]);
    expect(Date.parse(hers[0]!.purgeAt) - h.clock.now).toBe(30 * DAY);
    expect(await bin(owner, '?entity=opportunity')).toHaveLength(1);
    expect(await bin(owner, '?entity=case')).toEqual([]);
    expect(await bin(max.browser)).toEqual([]);
    expectProblem(await max.browser.post(`/api/recycle-bin/opportunity/${deal.id}/restore`), 404);
    expectProblem(await max.browser.delete(`/api/recycle-bin/opportunity/${deal.id}`), 404);

    const restored = await mia.browser.post(`/api/recycle-bin/opportunity/${deal.id}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ id: deal.id, stage: 'proposal', version: moved.version + 1, data: { name: 'Quartzite renewal', amount: 1200 } });
    expect(await report()).toEqual(during);
    const kinds = (await mia.browser.get(`/api/records/opportunity/${deal.id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'moved', 'note', 'restored']));
    const history = (await mia.browser.get(`/api/records/opportunity/${deal.id}/stage-history`)).body.items;
    expect(history.map((s: { stage: string }) => s.stage)).toEqual(['prospecting', 'proposal']);
    // The share came back with it: Max reads and finds it again.
    expect((await max.browser.get(`/api/records/opportunity/${deal.id}`)).status).toBe(200);
    expect((await max.browser.get('/api/records/opportunity?q=quartzite&count=true')).body.total).toBe(1);
    expect(await bin(mia.browser)).toEqual([]);
    const audit = (await owner.get('/api/audit?action=record')).body.items.map((e: { action: string }) => e.action);
    expect(audit.slice(0, 2)).toEqual(['record.restored', 'record.deleted']);
  });

  it('shows only titles the reader’s role may read, and keeps each person to their own deletions', async () => {
    const hers = await newDeal(mia.browser, { name: 'Mia’s secret deal' });
    const his = await newDeal(max.browser, { name: 'Max’s deal' });
    await remove(mia.browser, hers);
    h.clock.now += 1000;
    await remove(max.browser, his);
    expect((await bin(mia.browser)).map((r) => r.id)).toEqual([hers.id]);
    expect((await bin(owner)).map((r) => r.id)).toEqual([his.id, hers.id]);
    await publishChange(owner, (b) => {
      b.roles.member.entities.opportunity.fields = { ...b.roles.member.entities.opportunity.fields, name: 'hidden' };
    });
    expect(await bin(mia.browser)).toMatchObject([{ id: hers.id, title: null }]);
    await publishChange(owner, (b) => {
      delete b.roles.member.entities.opportunity.fields.name;
    });
  });

  it('refuses a restore into a stage that no longer exists, and says why', async () => {
    const deal = await newDeal(owner, { name: 'Stranded', amount: 10, closeDate: '2027-01-31' });
    const moved = (await move(owner, deal, { stage: 'negotiation' })).body;
    expect(moved.stage).toBe('negotiation');
    await remove(owner, moved);
    await publishChange(owner, (b) => {
      b.pipelines.sales.stages = b.pipelines.sales.stages.filter((s: { key: string }) => s.key !== 'negotiation');
    });
    const refused = await owner.post(`/api/recycle-bin/opportunity/${deal.id}/restore`);
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/stage it was in no longer exists/);
    expect((await bin(owner)).map((r) => r.id)).toContain(deal.id);
  });

  it('deletes for good on request, and by itself after 30 days, with the timeline', async () => {
    const gone = await newDeal(mia.browser, { name: 'Gone now' });
    const later = await newDeal(mia.browser, { name: 'Gone later' });
    await remove(mia.browser, gone);
    await remove(mia.browser, later);
    expect((await mia.browser.delete(`/api/recycle-bin/opportunity/${gone.id}`)).status).toBe(204);
    expectProblem(await mia.browser.post(`/api/recycle-bin/opportunity/${gone.id}/restore`), 404);

    expect(await emptyBins(h.db, h.clock.now + 29 * DAY)).toBe(0);
    const purged = await emptyBins(h.db, h.clock.now + 31 * DAY);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await bin(mia.browser)).toEqual([]);
    const left = await h.db.client.execute({ sql: 'SELECT count(*) AS n FROM timeline WHERE record_id IN (?, ?)', args: [gone.id, later.id] });
    expect(Number(left.rows[0]!.n)).toBe(0);
    const audit = (await owner.get('/api/audit?action=record.purged')).body.items;
    expect(audit.map((e: { target: { id: string } }) => e.target.id)).toEqual(expect.arrayContaining([gone.id, later.id]));
  });

  it('answers a stranger’s cursor with a 400', async () => {
    expectProblem(await owner.get('/api/recycle-bin?cursor=nonsense'), 400);
  });
});
