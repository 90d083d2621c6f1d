import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Browser, ensureTeam, PASSWORD, publishChange, signUp, startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let ownerId: string;
let member: { browser: Browser; id: string; email: string };
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  ownerId = t.user.id;
  slug = t.tenant.slug;
  member = await addMember(h, owner, slug, 'member', 'Ava Auditee');
});
afterAll(() => h.close());

const audit = async (query = '') => {
  const res = await owner.get(`/api/audit${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null };
};

describe('audit trail', () => {
  it('records a record’s create, update and delete with the before/after of changed fields', async () => {
    const created = (await member.browser.post('/api/records/lead', { data: { lastName: 'Trail', rating: 'cold' } })).body;
    await member.browser.patch(`/api/records/lead/${created.id}`, { data: { rating: 'hot' } }, { 'if-match': '"1"' });
    await member.browser.delete(`/api/records/lead/${created.id}`, { 'if-match': '"2"' });
    const events = (await audit(`?target=${created.id}`)).items;
    expect(events.map((e) => e.action)).toEqual(['record.deleted', 'record.updated', 'record.created']);
    expect(events[1]).toMatchObject({
      actor: { id: member.id, name: 'Ava Auditee' },
      target: { type: 'record', id: created.id, entity: 'lead' },
      changes: { rating: { before: 'cold', after: 'hot' } },
    });
    expect(events[0].changes).toEqual({ lastName: { before: 'Trail' }, rating: { before: 'hot' } });
  });

  it('records logins, failed logins, user changes and publishes', async () => {
    const stranger = new Browser(h, '192.0.2.7');
    await stranger.post('/api/login', { email: member.email, password: 'wrong password!' });
    await stranger.post('/api/login', { email: member.email, password: PASSWORD, tenant: slug });
    await ensureTeam(owner, 'north');
    await owner.patch(`/api/users/${member.id}`, { team: 'north' });
    const actions = (await audit('?limit=200')).items.map((e) => e.action);
    for (const a of ['login.failed', 'login.succeeded', 'invitation.created', 'invitation.accepted', 'user.updated', 'tenant.created'])
      expect(actions).toContain(a);
    const failed = (await audit('?action=login.failed')).items[0];
    expect(failed).toMatchObject({ actor: { id: member.id }, address: '192.0.2.7' });
  });

  it('filters by actor, action prefix and time, and pages newest first', async () => {
    const mine = (await audit(`?actor=${ownerId}`)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor.id === ownerId)).toBe(true);
    expect((await audit('?action=user')).items.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect((await audit(`?from=${new Date(h.clock.now + 60_000).toISOString()}`)).items).toEqual([]);
    const all = (await audit('?limit=200')).items;
    const paged: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('refuses bad parameters and readers without audit.view', async () => {
    expect((await owner.get('/api/audit?from=yesterday')).body.errors[0].path).toBe('/from');
    expect((await owner.get('/api/audit?limit=1000')).status).toBe(400);
    expect((await owner.get('/api/audit?colour=red')).status).toBe(400);
    expect((await member.browser.get('/api/audit')).status).toBe(403);
  });

  it('shows an audit reader with team scope only the record events of records in that scope', async () => {
    // A custom role: audit.view, but lead read limited to own records.
    await publishChange(
      owner,
      (b) =>
        (b.roles.auditor = {
          label: 'Auditor',
          entities: { lead: { create: 'all', read: 'own', update: 'own', delete: 'own', assign: 'none' } },
          tasks: ['audit.view'],
        }),
    );
    const auditor = await addMember(h, owner, slug, 'auditor', 'Otto Auditor');
    const others = (await member.browser.post('/api/records/lead', { data: { lastName: 'Private' } })).body;
    const own = (await auditor.browser.post('/api/records/lead', { data: { lastName: 'Mine' } })).body;
    const seen = (await auditor.browser.get('/api/audit?limit=200')).body.items;
    const targets = seen.map((e: any) => e.target.id);
    expect(targets).toContain(own.id);
    expect(targets).not.toContain(others.id);
    expect((await auditor.browser.get(`/api/audit?target=${others.id}`)).body.items).toEqual([]);
    expect(seen.some((e: any) => e.action === 'config.published')).toBe(true);
  });

  it('shows a team reader the events of records that were in the team then, not the past of people who join later', async () => {
    await publishChange(
      owner,
      (b) =>
        (b.roles.team_auditor = {
          label: 'Team auditor',
          entities: { lead: { create: 'all', read: 'team', update: 'team', delete: 'none', assign: 'none' } },
          tasks: ['audit.view'],
        }),
    );
    const lead = await addMember(h, owner, slug, 'team_auditor', 'Tia Teamlead', 'north');
    const mover = await addMember(h, owner, slug, 'member', 'Mo Mover', 'south');
    const before = (await mover.browser.post('/api/records/lead', { data: { lastName: 'Southern past' } })).body;
    expect((await owner.patch(`/api/users/${mover.id}`, { team: 'north' })).status).toBe(200);
    const after = (await mover.browser.post('/api/records/lead', { data: { lastName: 'Northern present' } })).body;
    const targets = (await lead.browser.get('/api/audit?action=record&limit=200')).body.items.map((e: any) => e.target.id);
    expect(targets).toContain(after.id);
    expect(targets).not.toContain(before.id);
    // The record itself is the team's now, so it can be read: only its history from before stays out.
    expect((await lead.browser.get(`/api/records/lead/${before.id}`)).status).toBe(200);
  });

  it('cannot be changed or deleted, even directly in the database', async () => {
    await expect(h.db.client.execute('UPDATE audit_events SET action = 0')).rejects.toThrow(/append-only/);
    await expect(h.db.client.execute('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });
});
