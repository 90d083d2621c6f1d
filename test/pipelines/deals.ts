import { expect } from 'vitest';
import type { Browser, Reply } from '../support/harness.ts';

/** Helpers for pipeline tests: opportunities created, moved and inspected through the HTTP API. */

export interface Deal {
  id: string;
  version: number;
  stage: string;
  data: Record<string, unknown>;
}

/** Creates an opportunity as `who`; fails the test unless it is created. */
export async function newDeal(who: Browser, data: Record<string, unknown> = { name: 'Deal' }): Promise<Deal> {
  const res = await who.post('/api/records/opportunity', { data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Asks to move `deal`, with If-Match naming the version the caller last read unless `headers` say otherwise. */
export function move(
  who: Browser,
  deal: Pick<Deal, 'id' | 'version'>,
  body: unknown,
  headers: Record<string, string> = { 'if-match': `"${deal.version}"` },
): Promise<Reply> {
  return who.post(`/api/records/opportunity/${deal.id}/stage`, body, headers);
}

/** Everything a move writes, as someone who sees it all (the tenant's owner) reads it back. */
export async function trail(owner: Browser, id: string) {
  const record = await owner.get(`/api/records/opportunity/${id}`);
  const history = await owner.get(`/api/records/opportunity/${id}/stage-history`);
  const timeline = await owner.get(`/api/records/opportunity/${id}/timeline`);
  const audit = await owner.get(`/api/audit?target=${id}`);
  for (const r of [record, history, timeline, audit]) expect(r.status).toBe(200);
  const { version, stage, data, updatedAt, configVersion } = record.body;
  return { version, stage, data, updatedAt, configVersion, history: history.body.items, timeline: timeline.body.items, audit: audit.body.items };
}

/** The field paths of a problem's errors. */
export const paths = (res: Reply) => (res.body.errors ?? []).map((e: { path: string }) => e.path);
