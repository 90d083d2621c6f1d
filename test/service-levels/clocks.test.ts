import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { AROUND_THE_CLOCK, clock, fire, HOUR, keepSessions, MINUTE, MONDAY_NINE, later, newCase, setHours, sla } from './support.ts';

// The clocks of a case through the API, in the company's business hours: they start with the targets of its priority,
// the first response is given when a person moves the case on, they stand still while it waits on the customer, a new
// priority brings new targets with the time used kept, reopening resumes resolution.
let h: Harness;
let owner: Browser;
let mia: Browser;

beforeAll(async () => {
  h = await startHarness();
  h.clock.now = MONDAY_NINE;
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  await keepSessions(owner);
});
afterAll(() => h.close());

describe('service level clocks of a case', () => {
  it('start at creation with the targets of its priority, counted in business hours', async () => {
    // Monday 09:00, Monday to Friday 09:00–17:00 (the defaults): a normal case has 4 h to a first response, 24 h to resolution.
    const id = await newCase(mia);
    const view = await sla(mia, id);
    expect(view).toMatchObject({ status: 'on_track', priority: 'normal' });
    expect(view.clocks).toEqual([
      expect.objectContaining({
        clock: 'firstResponse',
        targetMinutes: 240,
        usedMs: 0,
        remainingMs: 4 * HOUR,
        run: 'running',
        dueAt: '2026-03-02T13:00:00.000Z',
      }),
      // 24 business hours: three working days.
      expect.objectContaining({ clock: 'resolution', targetMinutes: 1440, run: 'running', dueAt: '2026-03-04T17:00:00.000Z', status: 'on_track' }),
    ]);
    // The night does not count: from 16:00 to 10:00 next morning is 2 business hours.
    await later(h, 7 * HOUR);
    expect(await clock(mia, id, 'firstResponse')).toMatchObject({ usedMs: 7 * HOUR, status: 'breaching', remainingMs: -3 * HOUR });
    await later(h, 18 * HOUR);
    expect((await clock(mia, id, 'resolution')).usedMs).toBe(9 * HOUR);
    const urgent = await newCase(mia, { priority: 'urgent' });
    expect((await sla(mia, urgent)).clocks.map((c) => c.targetMinutes)).toEqual([30, 240]);
  });

  it('give the first response when a person moves the case on, and stand still while it waits on the customer', async () => {
    await setHours(owner, AROUND_THE_CLOCK);
    const id = await newCase(mia);
    await later(h, 30 * MINUTE);
    await fire(mia, id, 'START');
    const first = await clock(mia, id, 'firstResponse');
    expect(first).toMatchObject({ run: 'stopped', status: 'met', usedMs: 30 * MINUTE, stoppedAt: new Date(h.clock.now).toISOString() });
    await fire(mia, id, 'WAIT');
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'paused', usedMs: 30 * MINUTE, dueAt: null });
    await later(h, 5 * HOUR);
    expect((await clock(mia, id, 'resolution')).usedMs).toBe(30 * MINUTE);
    await fire(mia, id, 'CUSTOMER_REPLIED');
    await later(h, HOUR);
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'running', usedMs: 90 * MINUTE, remainingMs: 1440 * MINUTE - 90 * MINUTE });
  });

  it('come late when the first response comes after its target', async () => {
    const id = await newCase(mia, { priority: 'low' });
    await later(h, 9 * HOUR);
    await fire(owner, id, 'START');
    expect(await clock(owner, id, 'firstResponse')).toMatchObject({ run: 'stopped', status: 'missed', remainingMs: -HOUR });
  });

  it('take the targets of a new priority and keep the time used', async () => {
    const id = await newCase(mia, { priority: 'low' });
    await later(h, 2 * HOUR);
    const read = await mia.get(`/api/records/case/${id}`);
    expect((await mia.patch(`/api/records/case/${id}`, { data: { priority: 'normal' } }, { 'if-match': read.headers.get('etag')! })).status).toBe(200);
    const view = await sla(mia, id);
    expect(view.priority).toBe('normal');
    expect(view.clocks.map((c) => [c.targetMinutes, c.usedMs])).toEqual([
      [240, 2 * HOUR],
      [1440, 2 * HOUR],
    ]);
    // Normal → high escalates a new case at once (the case workflow's rule): a person's edit moved it on, which answers
    // it — late, against the hour a high priority case has.
    const again = await mia.get(`/api/records/case/${id}`);
    expect((await mia.patch(`/api/records/case/${id}`, { data: { priority: 'high' } }, { 'if-match': again.headers.get('etag')! })).status).toBe(200);
    expect((await mia.get(`/api/records/case/${id}`)).body.state).toBe('escalated');
    expect(await clock(mia, id, 'firstResponse')).toMatchObject({ targetMinutes: 60, usedMs: 2 * HOUR, run: 'stopped', status: 'missed' });
    expect(await clock(mia, id, 'resolution')).toMatchObject({ targetMinutes: 480, usedMs: 2 * HOUR, run: 'running', status: 'on_track' });
  });

  it('stop resolution in a resolved state and resume it from what it used when the case is reopened', async () => {
    const id = await newCase(mia);
    await fire(mia, id, 'START');
    await later(h, 3 * HOUR);
    await fire(mia, id, 'RESOLVE');
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'stopped', status: 'met', usedMs: 3 * HOUR });
    expect((await sla(mia, id)).status).toBe('met');
    await later(h, 10 * HOUR);
    await fire(mia, id, 'REOPEN');
    await later(h, HOUR);
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'running', status: 'on_track', usedMs: 4 * HOUR, stoppedAt: null });
    // The first response was given long ago and stays so.
    expect(await clock(mia, id, 'firstResponse')).toMatchObject({ run: 'stopped', status: 'met' });
  });

  it('stand still while the case is in the recycle bin, and run again when it is restored', async () => {
    const id = await newCase(mia);
    await later(h, HOUR);
    expect((await mia.delete(`/api/records/case/${id}`, { 'if-match': '*' })).status).toBe(204);
    expect((await mia.get(`/api/service-levels/case/${id}`)).status).toBe(404);
    await later(h, 5 * HOUR);
    expect((await mia.post(`/api/recycle-bin/case/${id}/restore`)).status).toBe(200);
    await later(h, HOUR);
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'running', usedMs: 2 * HOUR });
  });

  it('are none for a record without service levels, and a 404 for one the reader cannot see', async () => {
    const lead = await mia.post('/api/records/lead', { data: { lastName: 'Lind', company: 'Lind AB' } });
    expect(lead.status).toBe(201);
    expect(await mia.get(`/api/service-levels/lead/${lead.body.id}`)).toMatchObject({ status: 200, body: { status: null, clocks: [] } });
    const theirs = await newCase(owner);
    const hidden = await mia.get(`/api/service-levels/case/${theirs}`);
    const missing = await mia.get('/api/service-levels/case/nothing-here');
    expect([hidden.status, hidden.body.detail]).toEqual([404, missing.body.detail]);
  });
});
