import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** A reference field takes only a record of its kind that the writer may read; any other value is a 422 naming the field. */
let h: Harness;
let owner: Browser;
let rep: Browser;
let mine = '';
let theirs = '';

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  // Representatives here read only their own accounts.
  await publishChange(owner, (b) => (b.roles.sales_rep.entities.account.read = 'own'));
  rep = (await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Rita Rep')).browser;
  mine = (await rep.post('/api/records/account', { data: { name: 'Rita’s account' } })).body.id;
  theirs = (await owner.post('/api/records/account', { data: { name: 'Owner’s account' } })).body.id;
}, 60_000);
afterAll(() => h.close());

const deal = (who: Browser, account: unknown) => who.post('/api/records/opportunity', { data: { name: 'Deal', account } });

describe('references', () => {
  it('accept a record of their kind the writer may read', async () => {
    expect((await deal(rep, mine)).status).toBe(201);
    expect((await deal(owner, theirs)).status).toBe(201);
  });

  it('refuse anything else with one answer, naming the field, and write nothing', async () => {
    const lead = (await owner.post('/api/records/lead', { data: { lastName: 'Not an account', company: 'Co' } })).body.id;
    const other = (await signUp(h)).owner;
    const foreign = (await other.post('/api/records/account', { data: { name: 'Elsewhere' } })).body.id;
    const before = (await owner.get('/api/records/opportunity?count=true')).body.total;
    const answers = [];
    for (const value of ['no-such-account', lead, foreign, theirs, 42]) {
      const res = await deal(rep, value);
      expectProblem(res, 422);
      answers.push(res.body.errors);
    }
    // Someone else's account, which Rita may not read, answers exactly like one that does not exist.
    for (const errors of answers) expect(errors).toEqual([{ path: '/data/account', message: 'must be the id of a record of type account that you may read' }]);
    expect((await owner.get('/api/records/opportunity?count=true')).body.total).toBe(before);
  });

  it('are checked when changed, not when left as they were', async () => {
    const created = (await deal(owner, theirs)).body;
    const refused = await rep.patch(`/api/records/opportunity/${created.id}`, { data: { account: 'nope' } }, { 'if-match': '*' });
    // Rita cannot read the owner's deal either: the 404 of a missing record comes first.
    expectProblem(refused, 404);
    const version = (await owner.get(`/api/records/account/${theirs}`)).body.version;
    expect((await owner.delete(`/api/records/account/${theirs}`, { 'if-match': `"${version}"` })).status).toBe(204);
    // The account is gone; editing another field of the deal still works.
    expect((await owner.patch(`/api/records/opportunity/${created.id}`, { data: { nextStep: 'Call' } }, { 'if-match': '*' })).status).toBe(200);
    // Sent again unchanged it passes; changed to anything that is not a readable account it does not.
    expect((await owner.patch(`/api/records/opportunity/${created.id}`, { data: { account: theirs } }, { 'if-match': '*' })).status).toBe(200);
    expectProblem(await owner.patch(`/api/records/opportunity/${created.id}`, { data: { account: 'nope' } }, { 'if-match': '*' }), 422);
  });
});
