import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindDueTasks } from '../../runtime/tasks/reminders.ts';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Calls, meetings and emails logged by hand; tasks given to people on records, reminded of when due, flagged when overdue. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string };
let ben: { browser: Browser; id: string };
let max: { browser: Browser; id: string };
let sam: { browser: Browser; id: string };
let deal = '';
const HOUR = 3_600_000;

const notifications = async (who: Browser) => (await who.get('/api/notifications')).body.items as { kind: string; message: string; record: { id: string } }[];
const give = (who: Browser, to: string, title = 'Send the quote', dueAt = new Date(h.clock.now + HOUR).toISOString()) =>
  who.post(`/api/records/opportunity/${deal}/tasks`, { title, assigneeId: to, dueAt });

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia North', 'north');
  ben = await addMember(h, owner, company.tenant.slug, 'member', 'Ben North', 'north');
  max = await addMember(h, owner, company.tenant.slug, 'manager', 'Max Manager', 'north');
  sam = await addMember(h, owner, company.tenant.slug, 'member', 'Sam South', 'south');
  expect((await owner.put(`/api/teams/north/managers/${max.id}`)).status).toBe(204);
  deal = (await mia.browser.post('/api/records/opportunity', { data: { name: 'Harbor cranes' } })).body.id;
});
afterAll(() => h.close());

describe('activities', () => {
  it('logs a call on the timeline for those who may read the record', async () => {
    const logged = await mia.browser.post(`/api/records/opportunity/${deal}/activities`, {
      kind: 'call',
      subject: 'Discussed delivery dates',
      notes: 'Wants two cranes by March.',
      durationMinutes: 15,
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    const timeline = (await mia.browser.get(`/api/records/opportunity/${deal}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({
      kind: 'activity',
      activity: 'call',
      subject: 'Discussed delivery dates',
      durationMinutes: 15,
      actor: { name: 'Mia North' },
    });
    expectProblem(await sam.browser.post(`/api/records/opportunity/${deal}/activities`, { kind: 'call', subject: 'Snooping' }), 404);
    expectProblem(await mia.browser.post(`/api/records/opportunity/${deal}/activities`, { kind: 'fax', subject: 'Old times' }), 400);
    expectProblem(await mia.browser.post(`/api/records/opportunity/${deal}/activities`, { kind: 'meeting', subject: '  ' }), 400);
    const later = new Date(h.clock.now + 3 * 24 * HOUR).toISOString();
    expectProblem(await mia.browser.post(`/api/records/opportunity/${deal}/activities`, { kind: 'meeting', subject: 'Visit', at: later }), 422);
  });
});

describe('tasks on records', () => {
  it('go to oneself, from whoever may assign the record, or from the manager of one’s team — never to someone who cannot read it', async () => {
    expect((await give(mia.browser, mia.id)).status).toBe(201);
    expectProblem(await give(mia.browser, ben.id), 422);
    expectProblem(await give(mia.browser, sam.id), 422);
    expectProblem(await give(owner, sam.id), 422);
    expectProblem(await give(sam.browser, sam.id), 404);
    const fromMax = await give(max.browser, mia.id, 'Call the harbor master');
    expect(fromMax.status, JSON.stringify(fromMax.body)).toBe(201);
    expect(fromMax.body).toMatchObject({ title: 'Call the harbor master', assignee: { name: 'Mia North' }, createdBy: { name: 'Max Manager' } });
    expect((await give(owner, mia.id, 'Check the contract')).status).toBe(201);
    // Given by someone else: she is told; her own task told her nothing.
    expect((await notifications(mia.browser)).filter((n) => n.kind === 'task').map((n) => n.message)).toEqual(['Check the contract', 'Call the harbor master']);
    const listed = (await mia.browser.get(`/api/records/opportunity/${deal}/tasks`)).body.items;
    expect(listed.map((t: { title: string }) => t.title)).toHaveLength(3);
    const mine = (await mia.browser.get('/api/tasks?mine=true')).body.items.map((t: { title: string }) => t.title);
    expect(mine).toEqual(expect.arrayContaining(['Send the quote', 'Call the harbor master', 'Check the contract']));
    expectProblem(await sam.browser.get(`/api/records/opportunity/${deal}/tasks`), 404);
  });

  it('reminds once when due, flags the record overdue — to its readers only', async () => {
    const overdue = async (who: Browser) => (await who.get(`/api/tasks/overdue?ids=${deal}`)).body.ids;
    expect(await overdue(mia.browser)).toEqual([]);
    h.clock.now += 2 * HOUR;
    expect(await overdue(mia.browser)).toEqual([deal]);
    expect(await overdue(owner)).toEqual([deal]);
    expect(await overdue(sam.browser)).toEqual([]);
    expect(await remindDueTasks(h.db, h.clock.now)).toBe(3);
    expect(await remindDueTasks(h.db, h.clock.now)).toBe(0);
    const reminders = (await notifications(mia.browser)).filter((n) => n.kind === 'reminder');
    expect(reminders.map((n) => n.message).sort()).toEqual(['Call the harbor master', 'Check the contract', 'Send the quote']);
    expect(reminders.every((n) => n.record.id === deal)).toBe(true);
    // Snoozed, it is reminded of again when the snooze ends.
    const task = (await mia.browser.get('/api/tasks?mine=true')).body.items[0];
    expect((await mia.browser.post(`/api/tasks/${task.id}/snooze`, { until: new Date(h.clock.now + HOUR).toISOString() })).status).toBe(200);
    expect(await remindDueTasks(h.db, h.clock.now)).toBe(0);
    expect(await remindDueTasks(h.db, h.clock.now + 2 * HOUR)).toBe(1);
    expectProblem(await mia.browser.get(`/api/tasks/overdue?ids=${Array.from({ length: 201 }, (_, i) => i).join(',')}`), 400);
  });
});
