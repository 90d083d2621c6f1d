import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { addMember, Browser, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { expectedReport, type Made } from './model.ts';
import { seedDeals, seedPeople, type People } from './seed.ts';

let h: Harness;
let people: People;
let made: Made[];

beforeAll(async () => {
  h = await startHarness();
  people = await seedPeople(h);
  made = await seedDeals(h, people);
}, 60_000);
afterAll(() => h.close());

const report = (who: Browser, query = '') => who.get(`/api/reports/pipeline${query}`);

describe('pipeline report figures', () => {
  it('gives the owner every figure over all deals, as the test computes them from what it did', async () => {
    const res = await report(people.owner);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(expectedReport(made));
  });

  it('agrees with a few figures worked out by hand', async () => {
    const body = (await report(people.owner, '?entity=opportunity&pipeline=sales')).body;
    expect(body.totals).toMatchObject({ count: 10, amount: 21934.49 });
    expect(body.winRate).toEqual({ won: 2, lost: 2, rate: 0.5 });
    // Negotiation: A1 1000 and O1 9999.99 at 75 %.
    expect(body.stages[3]).toEqual({
      stage: 'negotiation',
      label: 'Negotiation',
      kind: 'open',
      probability: 75,
      count: 2,
      amount: 10999.99,
      weighted: 8249.99,
    });
    // Open deals without a close date (A3) come last, under null.
    expect(body.months.map((m: { month: string | null }) => m.month)).toEqual(['2030-06', '2030-07', '2030-08', null]);
    // Proposal was left twice: A1 after 30 min, A2 after 90 min; M1 after 60 min.
    expect(body.timeInStage[2]).toEqual({ stage: 'proposal', label: 'Proposal', averageMs: 60 * 60_000, basedOn: 3 });
    // Entered qualification: A1, A3, B1, B2, M1; went further (not to lost): A1, M1.
    expect(body.conversion[1]).toEqual({ stage: 'qualification', label: 'Qualification', entered: 5, advanced: 2, rate: 0.4 });
    expect(body.conversion.map((c: { stage: string }) => c.stage)).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation']);
  });
});

describe('pipeline report scope', () => {
  it('gives a manager with team scope the figures of their team only', async () => {
    const res = await report(people.mel);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedReport(made.filter((d) => d.team === 'east' || d.creator === 'mel')));
    expect(res.body.totals.count).toBe(4);
  });

  it('gives a custom role with reports.view and own scope only their own figures', async () => {
    const res = await report(people.alex);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedReport(made.filter((d) => d.creator === 'alex')));
    expect(res.body.totals.count).toBe(2);
  });

  it('leaves amounts out (null) when the amount field is hidden from the caller, keeping the counts', async () => {
    const res = await report(people.blind);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedReport(made, false));
    expect(JSON.stringify(res.body)).not.toContain('9999.99');
    const csv = await people.blind.get('/api/reports/pipeline.csv');
    expect(csv.body).toContain('negotiation,Negotiation,open,75,2,,\r\n');
  });

  it('refuses people whose role lacks reports.view (403), and strangers (401)', async () => {
    for (const path of ['/api/reports/pipeline', '/api/reports/pipeline.csv']) {
      expectProblem(await people.ana.get(path), 403);
      expectProblem(await people.ben.get(`${path}?entity=nope`), 403);
      expectProblem(await new Browser(h).get(path), 401);
    }
  });

  it('refuses a role with reports.view but no read scope on the entity (403)', async () => {
    expectProblem(await people.unread.get('/api/reports/pipeline'), 403);
    expectProblem(await people.unread.get('/api/reports/pipeline.csv'), 403);
  });
});

describe('pipeline report parameters', () => {
  it.each([
    ['?entity=nope', '/entity'],
    ['?entity=contact', '/entity'],
    ['?entity=__proto__', '/entity'],
    ['?pipeline=nope', '/pipeline'],
    ['?pipeline=toString', '/pipeline'],
  ])('answers %s with a 400 naming %s', async (query, path) => {
    for (const suffix of ['', '.csv']) {
      const res = await people.owner.get(`/api/reports/pipeline${suffix}${query}`);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });

  it('counts a newly added member’s first deal for the owner and for nobody else', async () => {
    // A seeded company on a database of its own: the extra deal would change the shared company's figures, and seeding
    // moves the test clock, which would let the shared company's sessions idle out.
    const other = await startHarness();
    onTestFinished(() => other.close());
    const own = await seedPeople(other);
    const ownMade = await seedDeals(other, own);
    const extra = (await addMember(other, own.owner, own.slug, 'member', 'Eve Extra', 'west')).browser;
    expect((await extra.post('/api/records/opportunity', { data: { name: 'E1', amount: 50 } })).status).toBe(201);
    expect((await report(own.owner)).body.stages[0].count).toBe(ownMade.filter((d) => d.stage === 'prospecting').length + 1);
    expect((await report(own.mel)).body).toEqual(expectedReport(ownMade.filter((d) => d.team === 'east' || d.creator === 'mel')));
  });
});
