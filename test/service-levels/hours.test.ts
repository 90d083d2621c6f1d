import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { clock, HOUR, keepSessions, later, newCase, setHours } from './support.ts';

// The company's business hours in company settings: changing them (or the timezone) moves every pending mark, the
// business time used so far kept; hours that are not hours are refused at the field.
let h: Harness;
let owner: Browser;
let mia: Browser;

beforeAll(async () => {
  h = await startHarness();
  h.clock.now = Date.parse('2026-03-02T08:00:00Z'); // Monday 09:00 in Berlin
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member')).browser;
  await keepSessions(owner);
});
afterAll(() => h.close());

describe('business hours', () => {
  it('move with the business hours: pending marks are computed again, the time used so far kept', async () => {
    // Monday and Tuesday, 09:00–17:00 in Berlin; it is Monday 09:00 there.
    await setHours(owner, { days: { mon: { start: '09:00', end: '17:00' }, tue: { start: '09:00', end: '17:00' } }, holidays: [] }, 'Europe/Berlin');
    const id = await newCase(mia);
    const due = async () =>
      Number((await h.db.client.execute({ sql: "SELECT due_at FROM sla_clocks WHERE record_id = ? AND clock = 'firstResponse'", args: [id] })).rows[0]!.due_at);
    // 80 % of 4 h is 3 h 12 min: Monday 12:12 in Berlin.
    expect(new Date(await due()).toISOString()).toBe('2026-03-02T11:12:00.000Z');
    later(h, HOUR);
    // An hour used; the day shrinks to 09:00–11:00: one more hour today, 1 h 12 min on Tuesday.
    await setHours(owner, { days: { mon: { start: '09:00', end: '11:00' }, tue: { start: '09:00', end: '11:00' } }, holidays: [] }, 'Europe/Berlin');
    expect(new Date(await due()).toISOString()).toBe('2026-03-03T09:12:00.000Z');
    expect(await clock(mia, id, 'firstResponse')).toMatchObject({ usedMs: HOUR, dueAt: '2026-03-03T10:00:00.000Z' });
    // Tuesday becomes a holiday: the marks move to the next Monday.
    await setHours(
      owner,
      { days: { mon: { start: '09:00', end: '11:00' }, tue: { start: '09:00', end: '11:00' } }, holidays: ['2026-03-03'] },
      'Europe/Berlin',
    );
    expect(new Date(await due()).toISOString()).toBe('2026-03-09T09:12:00.000Z');
  });

  it('refuses business hours that are not hours, naming the field', async () => {
    const res = await owner.patch('/api/tenant', { settings: { businessHours: { days: { mon: { start: '17:00', end: '09:00' } }, holidays: ['someday'] } } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: '/settings/businessHours/days/mon/end', message: 'must be after the start' },
      { path: '/settings/businessHours/holidays/0', message: 'is not a date (YYYY-MM-DD)' },
    ]);
    expect((await owner.get('/api/tenant')).body.settings.businessHours.days.mon).toEqual({ start: '09:00', end: '11:00' });
  });
});
