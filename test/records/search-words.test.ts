import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

/**
 * records_words, the index narrow readers search, written by the write path and filled once from records_fts by
 * migration 025 for the records an upgrade finds.
 */
let h: Harness;
let owner: Browser;
let ann: { id: string; browser: Browser };
let bob: { id: string; browser: Browser };
let ids: Record<string, string>;
let ownerId: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h, 'Search Words Co');
  owner = t.owner;
  ownerId = t.user.id;
  ann = await addMember(h, owner, t.tenant.slug, 'member', 'Ann', 'north');
  bob = await addMember(h, owner, t.tenant.slug, 'manager', 'Bob', 'north');
  // Leads stay with whoever creates them.
  await publishChange(owner, (b) => delete b.workflows.lead.states.new.entry);
  const made = async (who: Browser, data: Record<string, unknown>) => {
    const res = await who.post('/api/records/lead', { data });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  ids = {
    own: await made(ann.browser, { firstName: 'Ósvaldo', lastName: 'Quillfeather', company: 'Marlin Boats' }),
    given: await made(ann.browser, { lastName: 'Quillmore', company: 'Given Away' }),
    assigned: await made(owner, { lastName: 'Quillon', company: 'Handed Over' }),
    shared: await made(owner, { lastName: 'Quillby', company: 'Shared Sails' }),
    teamShared: await made(owner, { lastName: 'Quillsby', company: 'Team Sails' }),
    others: await made(owner, { lastName: 'Quillinan', company: 'Nobody Else' }),
  };
  expect((await owner.post(`/api/records/lead/${ids.given}/assign`, { ownerId: bob.id })).status).toBe(200);
  expect((await owner.post(`/api/records/lead/${ids.assigned}/assign`, { ownerId: ann.id })).status).toBe(200);
  expect((await owner.post(`/api/records/lead/${ids.shared}/shares`, { person: ann.id, access: 'read', until: null })).status).toBe(201);
  expect((await owner.post(`/api/records/lead/${ids.teamShared}/shares`, { team: 'north', access: 'read', until: null })).status).toBe(201);
});
afterAll(() => h.close());

const found = async (who: Browser, q: string) => {
  const res = await who.get(`/api/records/lead?q=${encodeURIComponent(q)}&count=true&limit=200`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((r: { id: string }) => r.id).sort();
};
const sorted = (...xs: string[]) => [...xs].sort();

/** Every term of records_words with the records that hold it. */
async function termsOf(db: Harness['db']) {
  await db.client.execute('CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_vocab USING fts5vocab(main, records_words, row)');
  const terms = (await db.client.execute('SELECT term FROM temp.words_vocab ORDER BY term')).rows.map((r) => String(r.term));
  const out: Record<string, number[]> = {};
  for (const term of terms) {
    const rows = await db.client.execute({ sql: 'SELECT rowid FROM records_words WHERE records_words MATCH ? ORDER BY rowid', args: [`"${term}"`] });
    out[term] = rows.rows.map((r) => Number(r.rowid));
  }
  await db.client.execute('DROP TABLE temp.words_vocab');
  return out;
}

describe('a narrow reader’s search', () => {
  it('finds exactly the records their scope reaches: owned, created, shared with them or their team', async () => {
    expect(await found(ann.browser, 'quill')).toEqual(sorted(ids.own!, ids.given!, ids.assigned!, ids.shared!, ids.teamShared!));
    expect(await found(ann.browser, 'osvaldo quill')).toEqual([ids.own]);
    expect(await found(ann.browser, 'marlin')).toEqual([ids.own]);
    expect(await found(ann.browser, 'nobody')).toEqual([]);
    // The manager reads the team: Ann's records and the one given to Bob, and the one shared with the team.
    expect(await found(bob.browser, 'quill')).toEqual(sorted(ids.own!, ids.given!, ids.assigned!, ids.teamShared!));
    expect(await found(owner, 'quill')).toHaveLength(6);
  });

  it('forgets a record once it leaves the scope: reassigned, share ended, deleted', async () => {
    const lead = (await ann.browser.post('/api/records/lead', { data: { lastName: 'Wanderwick' } })).body;
    expect(await found(ann.browser, 'wanderw')).toEqual([lead.id]);
    expect((await owner.post(`/api/records/lead/${lead.id}/assign`, { ownerId })).status).toBe(200);
    // Ann created it: still hers to read.
    expect(await found(ann.browser, 'wanderw')).toEqual([lead.id]);
    const other = (await owner.post('/api/records/lead', { data: { lastName: 'Wanderwell' } })).body;
    const share = await owner.post(`/api/records/lead/${other.id}/shares`, { person: ann.id, access: 'read', until: null });
    expect(await found(ann.browser, 'wanderw')).toEqual(sorted(lead.id, other.id));
    expect((await owner.delete(`/api/records/lead/${other.id}/shares/${share.body.id}`)).status).toBe(204);
    expect(await found(ann.browser, 'wanderw')).toEqual([lead.id]);
    const current = await owner.get(`/api/records/lead/${lead.id}`);
    expect((await owner.delete(`/api/records/lead/${lead.id}`, { 'if-match': current.headers.get('etag')! })).status).toBe(204);
    expect(await found(ann.browser, 'wanderw')).toEqual([]);
  });

  it('is the same after the upgrade fills the index from records_fts as the write path wrote it', async () => {
    const written = await termsOf(h.db);
    expect(Object.keys(written).length).toBeGreaterThan(20);
    const migration = readFileSync(join(import.meta.dirname, '../../runtime/db/migrations/025_search_words.sql'), 'utf8');
    await h.db.client.execute('DROP TABLE records_words');
    await h.db.client.executeMultiple(migration);
    expect(await termsOf(h.db)).toEqual(written);
    expect(await found(ann.browser, 'quill')).toEqual(sorted(ids.own!, ids.given!, ids.assigned!, ids.shared!, ids.teamShared!));
  });
});
