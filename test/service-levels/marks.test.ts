import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { AROUND_THE_CLOCK, clock, fire, HOUR, keepSessions, MINUTE, MONDAY_NINE, newCase, notices, pass, setHours, sla } from './support.ts';

// Warnings at 80 % and breaches at 100 % of a target, with the harness's clock and the worker's passes: each mark's
// actions run exactly once, for the right people; a breach raises the priority.
let h: Harness;
let owner: Browser;
let mia: Browser;
let maria: Browser;
let sam: { browser: Browser; id: string };

beforeAll(async () => {
  h = await startHarness();
  h.clock.now = MONDAY_NINE;
  const t = await signUp(h);
  owner = t.owner;
  mia = (await addMember(h, owner, t.tenant.slug, 'member', 'Mia Member', 'support')).browser;
  const manager = await addMember(h, owner, t.tenant.slug, 'manager', 'Maria Manager', 'support');
  maria = manager.browser;
  expect((await owner.put(`/api/teams/support/managers/${manager.id}`)).status).toBe(204);
  sam = await addMember(h, owner, t.tenant.slug, 'service_rep', 'Sam Service', 'support');
  await keepSessions(owner);
  await setHours(owner, AROUND_THE_CLOCK);
});
afterAll(() => h.close());

describe('warnings and breaches', () => {
  it('run their actions once each: the owner warned at 80 %, owner and team managers told at 100 %, the priority raised', async () => {
    const id = await newCase(mia);
    // A normal case: 4 h to a first response, so the warning comes after 3 h 12 min.
    expect(await pass(h, 192 * MINUTE - 1000)).toBe(0);
    expect(await notices(mia, 'slaWarning')).toEqual([]);
    expect(await pass(h, 1000)).toBe(1);
    expect(await notices(mia, 'slaWarning')).toEqual([['firstResponse', id]]);
    expect((await sla(mia, id)).status).toBe('at_risk');
    // Passes after it find nothing more to do, however many there are.
    expect(await pass(h, 0)).toBe(0);
    expect(await pass(h, 47 * MINUTE)).toBe(0);
    expect(await notices(mia, 'slaWarning')).toHaveLength(1);

    expect(await pass(h, MINUTE)).toBe(1);
    expect(await notices(mia, 'slaBreach')).toEqual([['firstResponse', id]]);
    expect(await notices(maria, 'slaBreach')).toEqual([['firstResponse', id]]);
    expect(await notices(maria, 'slaWarning')).toEqual([]);
    const record = (await mia.get(`/api/records/case/${id}`)).body;
    // Raised one step (normal → high), which escalates the new case as the workflow says; nobody answered it yet.
    expect(record).toMatchObject({ data: { priority: 'high' }, state: 'escalated', version: 3 });
    const timeline = (await mia.get(`/api/records/case/${id}/timeline`)).body.items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'changed')).toMatchObject({
      actor: null,
      changes: { priority: { before: 'normal', after: 'high' } },
    });
    const first = await clock(mia, id, 'firstResponse');
    expect(first).toMatchObject({ targetMinutes: 60, run: 'running', status: 'breaching', breachedAt: expect.any(String) });
    expect((await sla(mia, id)).status).toBe('breaching');
    for (let i = 0; i < 3; i++) await pass(h, HOUR);
    expect(await notices(mia, 'slaBreach')).toEqual([['firstResponse', id]]);
    expect(await notices(maria, 'slaBreach')).toEqual([['firstResponse', id]]);
  });

  it('runs the resolution’s marks on their own, and none once the case is resolved', async () => {
    const id = await newCase(mia, { priority: 'urgent' });
    await fire(mia, id, 'START');
    // Urgent: 4 h to resolution; warned at 3 h 12 min.
    await pass(h, 3 * HOUR + 12 * MINUTE);
    expect((await notices(mia, 'slaWarning')).filter(([, r]) => r === id)).toEqual([['resolution', id]]);
    await fire(mia, id, 'RESOLVE');
    await pass(h, 10 * HOUR);
    expect((await notices(mia, 'slaBreach')).filter(([, r]) => r === id)).toEqual([]);
    expect(await clock(mia, id, 'resolution')).toMatchObject({ run: 'stopped', status: 'met' });
  });

  it('reassigns by round robin and notifies a role, as configured', async () => {
    await publishChange(owner, (b) => {
      b.entities.case.serviceLevels.breach = [
        { type: 'assign', params: { role: 'service_rep' } },
        { type: 'notify', params: { to: 'owner' } },
        { type: 'notify', params: { role: 'manager' } },
      ];
    });
    const id = await newCase(mia, { priority: 'urgent' });
    await pass(h, 30 * MINUTE);
    const record = (await owner.get(`/api/records/case/${id}`)).body;
    expect(record.owner.id).toBe(sam.id);
    // The owner told is the new one; Mia, who opened it, is not told.
    expect((await notices(sam.browser, 'slaBreach')).filter(([, r]) => r === id)).toEqual([['firstResponse', id]]);
    expect((await notices(maria, 'slaBreach')).filter(([, r]) => r === id)).toEqual([['firstResponse', id]]);
    expect((await notices(mia, 'slaBreach')).filter(([, r]) => r === id)).toEqual([]);
    // The case's timeline says why it changed hands.
    const timeline = (await owner.get(`/api/records/case/${id}/timeline`)).body.items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'assigned')).toMatchObject({
      actor: null,
      ownerId: { after: sam.id },
      sla: { clock: 'firstResponse', mark: 'breach' },
    });
  });
});
