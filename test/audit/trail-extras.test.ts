import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAudit } from '../../runtime/audit/retention.ts';
import { addMember, Browser, publishChange, signUp, startHarness, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** What the audit trail page needs beyond the list: refusals recorded, record titles, CSV, retention. */
let h: Harness;
let owner: Browser;
let member: { browser: Browser; id: string };
let other: Browser;
let slug: string;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  slug = t.tenant.slug;
  member = await addMember(h, owner, t.tenant.slug, 'member', 'Ava Auditee');
  other = (await signUp(h)).owner;
});
afterAll(() => h.close());

const events = async (who: Browser, query = '') => {
  const res = await who.get(`/api/audit${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as any[];
};

describe('the audit trail', () => {
  it('records requests refused to a signed-in person: who, what and why', async () => {
    const refused = await member.browser.patch('/api/tenant', { name: 'Mine now' });
    expectProblem(refused, 403);
    const [event] = await events(owner, '?action=access.refused');
    expect(event).toMatchObject({
      actor: { id: member.id, name: 'Ava Auditee' },
      target: { type: 'request', id: null },
      changes: { method: 'PATCH', path: '/api/tenant', reason: refused.body.detail },
    });
    expect(event.address).toEqual(expect.any(String));
  });

  it('names a record by its title while the reader may read it, and never after it left their scope', async () => {
    // A reader of their own records only, with the audit trail.
    await publishChange(owner, (b) => (b.roles.auditor = { ...structuredClone(b.roles.member), label: 'Auditor', tasks: ['audit.view'] }));
    const ava = (await addMember(h, owner, slug, 'auditor', 'Ada Auditor')).browser;
    const adaId = (await ava.get('/api/me')).body.user.id;
    const ownerId = (await owner.get('/api/me')).body.user.id;
    const deal = (await owner.post('/api/records/opportunity', { data: { name: 'Titled' } })).body;
    const given = await owner.post(`/api/records/opportunity/${deal.id}/assign`, { ownerId: adaId }, { 'if-match': '"1"' });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect((await events(ava, `?target=${deal.id}`))[0].target).toMatchObject({ entity: 'opportunity', title: 'Titled' });
    // Taken back and renamed: the event of its handing over stays Ada's to see, its title today does not.
    const taken = await owner.post(`/api/records/opportunity/${deal.id}/assign`, { ownerId }, { 'if-match': `"${given.body.version}"` });
    await owner.patch(`/api/records/opportunity/${deal.id}`, { data: { name: 'Renamed' } }, { 'if-match': `"${taken.body.version}"` });
    const hers = await events(ava, `?target=${deal.id}`);
    expect(hers.map((e) => e.action)).toEqual(['record.assigned']);
    expect(hers[0].target.title).toBeNull();
    expect(JSON.stringify(hers)).not.toContain('Renamed');
    expect((await events(owner, `?target=${deal.id}`))[0].target.title).toBe('Renamed');
  });

  it('exports the filtered trail as formula-safe CSV, newest first', async () => {
    await owner.post('/api/tokens', { name: '=HYPERLINK("http://evil")' });
    const res = await owner.get('/api/audit/events.csv?action=token');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-trail.csv"');
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('time,person,action,target type,record type,target id,title,address,changes');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',token.created,token,');
    expect(lines[1]).toContain(`"{""name"":""=HYPERLINK(\\""http://evil\\"")""`);
    expectProblem(await owner.get('/api/audit/events.csv?limit=5'), 400);
    expectProblem(await member.browser.get('/api/audit/events.csv'), 403);
  });

  it('keeps events as long as the company says, and only then lets them go', async () => {
    const stamp = async (who: Browser, name: string) => expect((await who.post('/api/tokens', { name })).status).toBe(201);
    await stamp(owner, 'Old');
    await stamp(other, 'Old');
    const before = (await events(owner, '?limit=200')).length;
    expect((await owner.patch('/api/tenant', { settings: { auditRetentionDays: 90 } })).status).toBe(200);
    expectProblem(await owner.patch('/api/tenant', { settings: { auditRetentionDays: 5 } }), 400);
    const then = h.clock.now;
    h.clock.now += 2 * 3_600_000;
    await stamp(owner, 'New');
    // Ninety days and an hour after `then`: what happened then goes (the settings change too), what came later stays.
    expect(await purgeAudit(h.db, then + 90 * DAY + 3_600_000)).toBe(before + 1);
    expect((await events(owner, '?limit=200')).map((e) => e.changes?.name)).toEqual(['New']);
    // A company without a retention setting keeps everything.
    expect((await events(other, '?action=token')).length).toBe(1);
    // Beyond the purge, events still cannot be deleted.
    await expect(h.db.client.execute('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });
});
