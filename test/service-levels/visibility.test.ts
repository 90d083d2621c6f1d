import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { AROUND_THE_CLOCK, fire, keepSessions, later, listed, MINUTE, MONDAY_NINE, newCase, pass, setHours } from './support.ts';

// Where service levels show: the list filter `$sla` and the list's status column, each over the reader's scope, and
// the compliance report per month and team, counting only what the reader may read.
let h: Harness;
let owner: Browser;
let mia: Browser;
let max: Browser;
let maxId = '';
const ids: Record<string, string> = {};
const idOf = (name: string) => ids[name]!;

beforeAll(async () => {
  h = await startHarness();
  h.clock.now = MONDAY_NINE;
  const t = await signUp(h);
  owner = t.owner;
  await keepSessions(owner);
  await setHours(owner, AROUND_THE_CLOCK);
  // Mia may view reports, over her own cases only.
  await publishChange(owner, (b) => (b.roles.reporter = { ...b.roles.member, label: 'Reporter', tasks: ['reports.view'] }));
  mia = (await addMember(h, owner, t.tenant.slug, 'reporter', 'Mia Member', 'north')).browser;
  const m = await addMember(h, owner, t.tenant.slug, 'member', 'Max Member', 'south');
  max = m.browser;
  maxId = m.id;
  // Mia: A on track, B at risk, C met, D missed. Max: E breaching, F on track.
  ids.a = await newCase(mia, { subject: 'A', priority: 'low' });
  ids.c = await newCase(mia, { subject: 'C' });
  ids.d = await newCase(mia, { subject: 'D', priority: 'urgent' });
  ids.e = await newCase(max, { subject: 'E', priority: 'urgent' });
  ids.f = await newCase(max, { subject: 'F', priority: 'low' });
  await fire(mia, idOf('c'), 'START');
  await fire(mia, idOf('c'), 'RESOLVE');
  await fire(mia, idOf('d'), 'START');
  later(h, 50 * MINUTE);
  ids.b = await newCase(mia, { subject: 'B' });
  later(h, 200 * MINUTE);
  await fire(mia, idOf('d'), 'RESOLVE');
  await pass(h, 0);
  await fire(max, idOf('e'), 'START');
});
afterAll(() => h.close());

const of = (...names: string[]) => names.map((n) => ids[n]!).sort();

describe('service level statuses in lists', () => {
  it('filter the owner’s list by status, alone, with other conditions or among alternatives', async () => {
    expect(await listed(owner, { $sla: { eq: 'on_track' } })).toEqual(of('a', 'f'));
    expect(await listed(owner, { $sla: { in: ['at_risk', 'breaching'] } })).toEqual(of('b', 'e'));
    expect(await listed(owner, { $sla: { eq: 'met' } })).toEqual(of('c'));
    expect(await listed(owner, { $sla: { eq: 'missed' } })).toEqual(of('d'));
    expect(await listed(owner, { and: [{ $sla: { eq: 'on_track' } }, { $ownerId: { eq: maxId } }] })).toEqual(of('f'));
    expect(await listed(owner, { or: [{ $sla: { eq: 'met' } }, { priority: { eq: 'low' } }] })).toEqual(of('a', 'c', 'f'));
    expect(await listed(owner, { or: [{ $sla: { eq: 'missed' } }, { and: [{ $sla: { eq: 'on_track' } }, { $ownerId: { eq: maxId } }] }] })).toEqual(
      of('d', 'f'),
    );
    const counted = await owner.get(`/api/records/case?count=true&filter=${encodeURIComponent(JSON.stringify({ $sla: { in: ['met', 'missed'] } }))}`);
    expect(counted.body.total).toBe(2);
  });

  it('page a status filter with cursors bound to it', async () => {
    const page = (filter: unknown, cursor?: string) =>
      owner.get(`/api/records/case?limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const onTrack = { $sla: { eq: 'on_track' } };
    const first = await page(onTrack);
    const second = await page(onTrack, first.body.nextCursor);
    expect(second.status).toBe(200);
    expect([...first.body.items, ...second.body.items].map((r: { id: string }) => r.id).sort()).toEqual(of('a', 'f'));
    expect(second.body.nextCursor).toBeNull();
    // The cursor of one status is not a cursor of another, nor of the list without it.
    for (const other of [{ $sla: { eq: 'missed' } }, {}]) {
      const res = await page(other, first.body.nextCursor);
      expectProblem(res, 400);
      expect(res.body.errors[0].path).toBe('/cursor');
    }
  });

  it('refuse a status filter they cannot apply, naming where', async () => {
    const bad = async (filter: unknown, path: string) => {
      const res = await owner.get(`/api/records/case?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expectProblem(res, 400);
      expect(res.body.errors[0].path).toBe(path);
    };
    await bad({ $sla: { eq: 'late' } }, '/filter/$sla/eq');
    await bad({ $sla: { contains: 'risk' } }, '/filter/$sla/contains');
    await bad({ or: [{ $sla: { eq: 'met' } }, { $sla: { ne: 'met' } }] }, '/filter/or/1/$sla/ne');
    expect(await listed(owner, { subject: { eq: '$sla' } })).toEqual([]);
    const lead = await owner.get(`/api/records/lead?filter=${encodeURIComponent(JSON.stringify({ $sla: { eq: 'met' } }))}`);
    expect(lead.body.errors[0]).toEqual({ path: '/filter/$sla', message: 'is not a field you can filter on' });
  });

  it('show each row’s status, and a paused clock', async () => {
    await fire(max, idOf('f'), 'START');
    await fire(max, idOf('f'), 'WAIT');
    const res = await owner.get(`/api/service-levels/case?ids=${Object.values(ids).join(',')}`);
    const statuses = Object.fromEntries(res.body.items.map((i: { id: string; status: string; paused: boolean }) => [i.id, [i.status, i.paused]]));
    expect(statuses).toEqual({
      [ids.a!]: ['on_track', false],
      [ids.b!]: ['at_risk', false],
      [ids.c!]: ['met', false],
      [ids.d!]: ['missed', false],
      [ids.e!]: ['breaching', false],
      [ids.f!]: ['on_track', true],
    });
  });

  it('show a member only their own cases: in the filter, the column and the clocks', async () => {
    expect(await listed(mia, { $sla: { in: ['at_risk', 'breaching'] } })).toEqual(of('b'));
    expect(await listed(mia, { $sla: { in: ['on_track', 'at_risk', 'breaching', 'met', 'missed'] } })).toEqual(of('a', 'b', 'c', 'd'));
    const column = await mia.get(`/api/service-levels/case?ids=${Object.values(ids).join(',')}`);
    expect(column.body.items.map((i: { id: string }) => i.id).sort()).toEqual(of('a', 'b', 'c', 'd'));
    const theirs = await mia.get(`/api/service-levels/case/${ids.e}`);
    const none = await mia.get('/api/service-levels/case/no-such-case');
    expect([theirs.status, theirs.body]).toEqual([404, none.body]);
  });
});

describe('saved views of service levels', () => {
  it('keep a status condition and the status column, for record types that have service levels', async () => {
    const view = {
      q: '',
      match: 'all',
      conditions: [{ field: '$sla', op: 'in', value: ['at_risk', 'breaching'] }],
      sort: '-updatedAt',
      columns: [{ key: 'subject' }, { key: '$sla' }],
    };
    expect((await mia.post('/api/views', { entity: 'case', name: 'Falling behind', visibility: 'personal', view })).status).toBe(201);
    const lead = await mia.post('/api/views', { entity: 'lead', name: 'Nothing', visibility: 'personal', view: { ...view, columns: [{ key: '$sla' }] } });
    expectProblem(lead, 422);
    expect(lead.body.errors.map((e: { path: string }) => e.path)).toEqual(['/view/conditions/0/field', '/view/columns/0/key']);
  });
});

describe('the service level compliance report', () => {
  it('counts first responses and resolutions within target per month and team', async () => {
    const res = await owner.get('/api/reports/service-levels');
    expect(res.status).toBe(200);
    // First responses: C and D in time (north); E late, F in time (south). Resolutions: C in time, D late.
    const totals = { firstResponse: { total: 4, met: 3 }, resolution: { total: 2, met: 1 } };
    expect(res.body).toEqual({
      entity: 'case',
      months: [{ month: '2026-03', ...totals }],
      teams: [
        { team: 'north', teamName: 'north', firstResponse: { total: 2, met: 2 }, resolution: { total: 2, met: 1 } },
        { team: 'south', teamName: 'south', firstResponse: { total: 2, met: 1 }, resolution: { total: 0, met: 0 } },
      ],
      totals,
    });
  });

  it('counts only what the reader may read, and is for those who may view reports', async () => {
    const res = await mia.get('/api/reports/service-levels?entity=case&months=3');
    expect(res.body.totals).toEqual({ firstResponse: { total: 2, met: 2 }, resolution: { total: 2, met: 1 } });
    expect(res.body.teams.map((t: { team: string }) => t.team)).toEqual(['north']);
    expectProblem(await max.get('/api/reports/service-levels'), 403);
    expectProblem(await owner.get('/api/reports/service-levels?entity=lead'), 400);
  });
});
