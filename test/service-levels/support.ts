import { expect } from 'vitest';
import type { BusinessHours } from '../../runtime/browser-safe/business-hours.ts';
import { fireDueMarks } from '../../runtime/service-levels/worker.ts';
import type { Browser, Harness } from '../support/harness.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A Monday, 09:00 UTC: tests start their clock here, so business hours fall where they expect. */
export const MONDAY_NINE = Date.parse('2026-03-02T09:00:00Z');

/** Every day, around the clock: business time is wall time. */
export const AROUND_THE_CLOCK: BusinessHours = {
  days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { start: '00:00', end: '24:00' }])),
  holidays: [],
};

/** Sessions that outlast the days tests let pass (a week unused, 90 days in all). */
export async function keepSessions(owner: Browser) {
  expect((await owner.patch('/api/tenant', { settings: { sessionIdleHours: 168, sessionLifetimeDays: 90 } })).status).toBe(200);
}

/** Sets the company's business hours as an owner would in company settings. */
export async function setHours(owner: Browser, businessHours: BusinessHours, timezone?: string) {
  const res = await owner.patch('/api/tenant', { settings: { businessHours, ...(timezone ? { timezone } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A case's service level as `who` reads it. */
export async function sla(who: Browser, id: string) {
  const res = await who.get(`/api/service-levels/case/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { status: string | null; priority: string | null; clocks: Record<string, any>[] };
}

/** One clock of a case's service level. */
export const clock = async (who: Browser, id: string, which: 'firstResponse' | 'resolution') => (await sla(who, id)).clocks.find((c) => c.clock === which)!;

/** Creates a case; returns its id. */
export async function newCase(who: Browser, data: Record<string, unknown> = {}) {
  const res = await who.post('/api/records/case', { data: { subject: 'Printer on fire', ...data } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Fires an event on a case. */
export async function fire(who: Browser, id: string, type: string) {
  const res = await who.post(`/api/records/case/${id}/events`, { type });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Lets time pass on the harness's clock (no worker runs: no marks are acted on). */
export const later = (h: Harness, ms: number) => void (h.clock.now += ms);

/** Lets time pass on the harness's clock, then runs one pass of the service level worker at the new time. */
export async function pass(h: Harness, ms: number) {
  h.clock.now += ms;
  return fireDueMarks({ db: h.db, now: () => h.clock.now });
}

/** The notifications `who` has of one kind, as `[clock, record id]`. */
export async function notices(who: Browser, kind: string) {
  const res = await who.get('/api/notifications');
  return (res.body.items as { kind: string; message: string; record: { id: string } | null }[])
    .filter((n) => n.kind === kind)
    .map((n) => [n.message, n.record?.id])
    .reverse();
}

/** The ids of the cases `who` sees with a service level filter. */
export async function listed(who: Browser, filter: unknown) {
  const res = await who.get(`/api/records/case?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=200`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { id: string }[]).map((r) => r.id).sort();
}
