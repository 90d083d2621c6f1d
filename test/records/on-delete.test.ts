import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, makeRecord, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/**
 * What deleting a record does to the records pointing at it, as each reference field says: contacts refuse the
 * deletion of their account, deals let go of it (and get it back when it is restored), cases keep pointing at it.
 */
let h: Harness;
let owner: Browser;
let rep: Browser;

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  await publishChange(owner, (b) => {
    b.entities.contact.form.schema.properties.account['x-onDelete'] = 'refuse';
    b.entities.opportunity.form.schema.properties.account['x-onDelete'] = 'clear';
    b.roles.sales_rep.entities.contact.read = 'own';
  });
  rep = (await addMember(h, owner, company.tenant.slug, 'sales_rep', 'Rita Rep')).browser;
}, 60_000);
afterAll(() => h.close());

const read = async (entity: string, id: string) => (await owner.get(`/api/records/${entity}/${id}`)).body;
const remove = async (who: Browser, entity: string, id: string) => who.delete(`/api/records/${entity}/${id}`, { 'if-match': '*' });

describe('deleting a record others point at', () => {
  it('is refused while a reference that refuses points at it, naming the field and not the records, and changes nothing', async () => {
    const account = await makeRecord(rep, 'account', { name: 'Rita’s account' });
    // Someone else's contact, which Rita cannot read, points at her account.
    const contact = await makeRecord(owner, 'contact', { lastName: 'Hidden', account });
    const deal = await makeRecord(rep, 'opportunity', { name: 'Deal', account });
    const refused = await remove(rep, 'account', account);
    expectProblem(refused, 409);
    expect(refused.body.errors).toEqual([{ path: '/references/contact/account', message: 'records of type contact point at it through account' }]);
    expect(JSON.stringify(refused.body)).not.toContain(contact);
    expect(JSON.stringify(refused.body)).not.toContain('Hidden');
    // Nothing happened: the account is there, the deal still points at it.
    expect((await read('account', account)).id).toBe(account);
    expect((await read('opportunity', deal)).data.account).toBe(account);
  });

  it('empties the references that clear, keeps those that keep, and a restore fills them again', async () => {
    const account = await makeRecord(owner, 'account', { name: 'Acme' });
    const deal = await makeRecord(owner, 'opportunity', { name: 'Deal', account, amount: 10 });
    const kase = await makeRecord(owner, 'case', { subject: 'Broken', account, priority: 'normal' });
    const dealVersion = (await read('opportunity', deal)).version;

    expect((await remove(owner, 'account', account)).status).toBe(204);
    const cleared = await read('opportunity', deal);
    expect(cleared.data).not.toHaveProperty('account');
    expect(cleared.version).toBe(dealVersion + 1);
    const timeline = (await owner.get(`/api/records/opportunity/${deal}/timeline`)).body.items;
    expect(JSON.stringify(timeline)).toContain('account');
    expect((await read('case', kase)).data.account).toBe(account);

    expect((await owner.post(`/api/recycle-bin/account/${account}/restore`)).status).toBe(200);
    expect((await read('opportunity', deal)).data.account).toBe(account);
  });

  it('does not put back a reference someone set to another record meanwhile', async () => {
    const first = await makeRecord(owner, 'account', { name: 'First' });
    const second = await makeRecord(owner, 'account', { name: 'Second' });
    const deal = await makeRecord(owner, 'opportunity', { name: 'Deal', account: first });
    expect((await remove(owner, 'account', first)).status).toBe(204);
    expect((await owner.patch(`/api/records/opportunity/${deal}`, { data: { account: second } }, { 'if-match': '*' })).status).toBe(200);
    expect((await owner.post(`/api/recycle-bin/account/${first}/restore`)).status).toBe(200);
    expect((await read('opportunity', deal)).data.account).toBe(second);
  });

  it('is allowed once nothing that refuses points at it', async () => {
    const account = await makeRecord(owner, 'account', { name: 'Soon gone' });
    const contact = await makeRecord(owner, 'contact', { lastName: 'Mover', account });
    expectProblem(await remove(owner, 'account', account), 409);
    expect((await owner.patch(`/api/records/contact/${contact}`, { data: { account: null } }, { 'if-match': '*' })).status).toBe(200);
    expect((await remove(owner, 'account', account)).status).toBe(204);
  });

  it('works with a roll-up over what it clears, and a restore counts again what points at it', async () => {
    await publishChange(owner, (b) => {
      b.entities.account.form.schema.properties.deals = {
        type: 'number',
        'x-field': 'number',
        'x-rollup': { entity: 'opportunity', via: 'account', op: 'count' },
      };
    });
    const account = await makeRecord(owner, 'account', { name: 'Counted' });
    const deal = await makeRecord(owner, 'opportunity', { name: 'Deal', account });
    expect((await read('account', account)).data.deals).toBe(1);
    // Deleting it clears the deal, whose roll-up would change the account being deleted: still one step, no 412.
    expect((await remove(owner, 'account', account)).status).toBe(204);
    expect((await read('opportunity', deal)).data).not.toHaveProperty('account');
    expect((await owner.post(`/api/recycle-bin/account/${account}/restore`)).status).toBe(200);
    expect((await read('opportunity', deal)).data.account).toBe(account);
    expect((await read('account', account)).data.deals).toBe(1);
  });
});
