import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const fire = (who: Browser, id: string, type: string, data?: unknown) =>
  who.post(`/api/records/lead/${id}/events`, data === undefined ? { type } : { type, data });

describe('the shipped lead workflow', () => {
  it('assigns new leads round robin among active sales representatives, skipping inactive ones; the creator keeps seeing theirs', async () => {
    const t = await signUp(h);
    const reps = [];
    for (const name of ['Ana Rep', 'Ben Rep', 'Cem Rep']) reps.push(await addMember(h, t.owner, t.tenant.slug, 'sales_rep', name));
    const creator = (await addMember(h, t.owner, t.tenant.slug, 'member', 'Mo Member')).browser;
    await t.owner.patch(`/api/users/${reps[1]!.id}`, { active: false });
    const owners = [];
    for (let i = 0; i < 4; i++) {
      const res = await creator.post('/api/records/lead', { data: { lastName: `Lead ${i}` } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      owners.push(res.body.owner.id);
    }
    const active = [reps[0]!.id, reps[2]!.id].sort();
    expect(owners).toEqual([active[0], active[1], active[0], active[1]]);
    const lead = (await creator.get(`/api/records/lead?count=true`)).body;
    expect(lead.total).toBe(4);
    const timeline = (await t.owner.get(`/api/records/lead/${lead.items[0].id}/timeline`)).body.items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'created']);
    expect(timeline[0].actor).toBeNull();
  });

  it('qualifying waits for email and company: the lead says which are still missing', async () => {
    const t = await signUp(h);
    const lead = (await t.owner.post('/api/records/lead', { data: { lastName: 'Ortega', email: 'ortega@example.com' } })).body;
    await fire(t.owner, lead.id, 'CONTACT');
    const events = (await t.owner.get(`/api/records/lead/${lead.id}/events`)).body;
    expect(events.blocked).toEqual([
      { type: 'QUALIFY', label: 'Qualify', target: { key: 'qualified', label: 'Qualified' }, needs: [{ kind: 'filled', fields: ['company'] }] },
    ]);
    expectProblem(await fire(t.owner, lead.id, 'QUALIFY'), 409);
    expect((await fire(t.owner, lead.id, 'QUALIFY', { company: 'Ortega GmbH' })).body.state).toBe('qualified');
  });

  it('keeps the creator as owner when nobody holds the role', async () => {
    const t = await signUp(h);
    const res = await t.owner.post('/api/records/lead', { data: { lastName: 'Solo' } });
    expect(res.body.owner.id).toBe(t.user.id);
  });

  it('QUALIFY needs email and company (fieldsPresent); CONVERT creates a linked account, contact and opportunity', async () => {
    const t = await signUp(h);
    const lead = (
      await t.owner.post('/api/records/lead', {
        data: { firstName: 'Ada', lastName: 'Lovelace', company: 'Engines Ltd', estimatedValue: 12000, phone: '+44 20 1234' },
      })
    ).body;
    expect((await fire(t.owner, lead.id, 'CONTACT')).status).toBe(200);
    expectProblem(await fire(t.owner, lead.id, 'QUALIFY'), 409);
    expect((await fire(t.owner, lead.id, 'QUALIFY', { email: 'ada@engines.example' })).body.state).toBe('qualified');
    const converted = await fire(t.owner, lead.id, 'CONVERT');
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    expect(converted.body.state).toBe('converted');
    const events = (await t.owner.get(`/api/records/lead/${lead.id}/events`)).body;
    expect(events).toMatchObject({ state: { key: 'converted' }, final: true, events: [] });

    const [account] = (await t.owner.get('/api/records/account')).body.items;
    const [contact] = (await t.owner.get('/api/records/contact')).body.items;
    const [opportunity] = (await t.owner.get('/api/records/opportunity')).body.items;
    expect(account.data).toMatchObject({ name: 'Engines Ltd' });
    expect(contact.data).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example', phone: '+44 20 1234', account: account.id });
    expect(opportunity).toMatchObject({ stage: 'prospecting', data: { name: 'Engines Ltd', amount: 12000, account: account.id, contact: contact.id } });
    const leadTimeline = (await t.owner.get(`/api/records/lead/${lead.id}/timeline`)).body.items;
    const entry = leadTimeline.find((e: { kind: string }) => e.kind === 'converted');
    expect(entry.created.map((c: { entity: string }) => c.entity).sort()).toEqual(['account', 'contact', 'opportunity']);
    const oppTimeline = (await t.owner.get(`/api/records/opportunity/${opportunity.id}/timeline`)).body.items;
    expect(oppTimeline[0]).toMatchObject({ kind: 'converted', from: { entity: 'lead', id: lead.id } });
  });

  it('CONVERT reuses an existing account (same name) and contact (same email) instead of duplicating them', async () => {
    const t = await signUp(h);
    const acc = (await t.owner.post('/api/records/account', { data: { name: 'Acme' } })).body;
    const con = (await t.owner.post('/api/records/contact', { data: { lastName: 'Known', email: 'KNOWN@acme.example' } })).body;
    const lead = (await t.owner.post('/api/records/lead', { data: { lastName: 'Known', company: 'ACME', email: 'known@acme.example' } })).body;
    for (const type of ['CONTACT', 'QUALIFY', 'CONVERT']) expect((await fire(t.owner, lead.id, type)).status).toBe(200);
    expect((await t.owner.get('/api/records/account?count=true')).body.total).toBe(1);
    expect((await t.owner.get('/api/records/contact?count=true')).body.total).toBe(1);
    const [opp] = (await t.owner.get('/api/records/opportunity')).body.items;
    expect(opp.data).toMatchObject({ account: acc.id, contact: con.id });
  });

  it('a member converts their own lead: the new records are theirs, and another member sees none of them', async () => {
    const t = await signUp(h);
    const mia = (await addMember(h, t.owner, t.tenant.slug, 'member', 'Mia Member')).browser;
    const max = (await addMember(h, t.owner, t.tenant.slug, 'member', 'Max Member')).browser;
    const lead = (await mia.post('/api/records/lead', { data: { lastName: 'Mine', company: 'Mine Co', email: 'mine@example.com' } })).body;
    for (const type of ['CONTACT', 'QUALIFY', 'CONVERT']) expect((await fire(mia, lead.id, type)).status).toBe(200);
    expect((await mia.get('/api/records/opportunity?count=true')).body.total).toBe(1);
    expect((await max.get('/api/records/opportunity?count=true')).body.total).toBe(0);
    expect((await max.get('/api/records/lead?count=true')).body.total).toBe(0);
  });
});
