import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import {
  buildWorld,
  EDIT,
  ENTITIES,
  may,
  PEOPLE,
  readsNothing,
  sortedIds,
  TAG_FIELD,
  walk,
  type Action,
  type Actor,
  type Entity,
  type Rec,
  type World,
} from './world.ts';

let h: Harness;
let w: World;
/** The body of a 404 for an id that exists nowhere: out-of-scope records must answer exactly this. */
let missing: unknown;

beforeAll(async () => {
  h = await startHarness();
  w = await buildWorld(h);
  missing = (await w.actors.memberA.browser.get('/api/records/lead/no-such-record-anywhere')).body;
  expect(missing).toMatchObject({ status: 404 });
}, 60_000);
afterAll(() => h.close());

const visible = (actor: Actor, entity: Entity) => w.records.filter((r) => r.entity === entity && may(actor, 'read', r));
const ofEntity = (entity: Entity) => w.records.filter((r) => r.entity === entity);
const ACTORS = PEOPLE.map((p) => p.key);

describe('the data set', () => {
  it('has records in and out of every actor’s scope', () => {
    for (const actor of Object.values(w.actors)) {
      for (const entity of ENTITIES) {
        if (readsNothing(actor, entity)) continue;
        expect(visible(actor, entity).length, `${actor.key} ${entity}`).toBeGreaterThan(0);
        expect(visible(actor, entity).length, `${actor.key} ${entity}`).toBeLessThan(ofEntity(entity).length);
      }
    }
  });
});

describe.each(ACTORS)('%s', (key) => {
  const me = () => w.actors[key];

  it.each(ENTITIES)('lists, counts and pages exactly the %s records in scope', async (entity) => {
    const actor = me();
    if (readsNothing(actor, entity)) {
      expect((await actor.browser.get(`/api/records/${entity}`)).status).toBe(403);
      expect((await actor.browser.get(`/api/records/${entity}?count=true&q=quokka`)).status).toBe(403);
      return;
    }
    const expected = sortedIds(visible(actor, entity));
    expect(sortedIds(await walk(actor.browser, entity))).toEqual(expected);
    expect(sortedIds(await walk(actor.browser, entity, { limit: '3' }))).toEqual(expected);
    const counted = await actor.browser.get(`/api/records/${entity}?count=true&limit=1`);
    expect(counted.body.total).toBe(expected.length);
    expect((await actor.browser.get(`/api/records/${entity}?limit=1`)).body.total).toBeUndefined();
  });

  it.each(ENTITIES)('reads each %s record in scope, and gets the one 404 for every other', async (entity) => {
    const actor = me();
    for (const rec of ofEntity(entity)) {
      for (const path of [`/api/records/${entity}/${rec.id}`, `/api/records/${entity}/${rec.id}/timeline`]) {
        const res = await actor.browser.get(path);
        if (readsNothing(actor, entity)) expect(res.status).toBe(403);
        else if (may(actor, 'read', rec)) expect(res.status, path).toBe(200);
        else {
          expect(res.status, `${path} created by ${rec.tag}`).toBe(404);
          expect(res.body).toEqual(missing);
        }
      }
      const note = await actor.browser.post(`/api/records/${entity}/${rec.id}/notes`, { text: `note by ${actor.key}` });
      expect(note.status).toBe(readsNothing(actor, entity) ? 403 : may(actor, 'read', rec) ? 201 : 404);
    }
  });

  it.each(ENTITIES)('updates and deletes only the %s records its role allows (403 when readable, 404 when not)', async (entity) => {
    const actor = me();
    // Allowed calls carry a stale If-Match (412 comes only after the access check), so nothing changes.
    const expectation = (action: Action, rec: Rec) =>
      readsNothing(actor, entity) ? 403 : !may(actor, 'read', rec) ? 404 : !may(actor, action, rec) ? 403 : 412;
    for (const rec of ofEntity(entity)) {
      for (const action of ['update', 'delete'] as const) {
        const expected = expectation(action, rec);
        const ifMatch = { 'if-match': `"${expected === 412 ? rec.version + 7 : rec.version}"` };
        const path = `/api/records/${entity}/${rec.id}`;
        const res = action === 'update' ? await actor.browser.patch(path, { data: EDIT[entity] }, ifMatch) : await actor.browser.delete(path, ifMatch);
        expect(res.status, `${action} ${entity} of ${rec.tag}`).toBe(expected);
        if (expected === 404) expect(res.body).toEqual(missing);
      }
    }
  });

  it.each(ENTITIES)('search, filter and sort on %s never reach past the scope', async (entity) => {
    const actor = me();
    if (readsNothing(actor, entity)) return;
    const mine = visible(actor, entity);
    for (const person of Object.values(w.actors)) {
      const expected = sortedIds(mine.filter((r) => r.tag === person.tag));
      const q = await walk(actor.browser, entity, { q: person.tag, limit: '2' });
      expect(sortedIds(q), `q=${person.tag}`).toEqual(expected);
      expect((await actor.browser.get(`/api/records/${entity}?q=${person.tag}&count=true`)).body.total).toBe(expected.length);
      const contains = { [TAG_FIELD[entity]]: { contains: person.tag } };
      expect(sortedIds(await walk(actor.browser, entity, { filter: JSON.stringify(contains) }))).toEqual(expected);
      const byCreator = { $createdBy: { eq: person.id } };
      const created = await actor.browser.get(`/api/records/${entity}?count=true&filter=${encodeURIComponent(JSON.stringify(byCreator))}`);
      expect(sortedIds(created.body.items)).toEqual(sortedIds(mine.filter((r) => r.createdBy === person.id)));
      expect(created.body.total).toBe(mine.filter((r) => r.createdBy === person.id).length);
      const byOwner = await walk(actor.browser, entity, { filter: JSON.stringify({ $ownerId: { eq: person.id } }) });
      expect(sortedIds(byOwner)).toEqual(sortedIds(mine.filter((r) => r.ownerId === person.id)));
    }
    for (const sort of [TAG_FIELD[entity], `-${TAG_FIELD[entity]}`, 'createdAt', '-updatedAt']) {
      const sorted = await walk(actor.browser, entity, { sort, limit: '4' });
      expect(sortedIds(sorted), sort).toEqual(sortedIds(mine));
    }
    const byTag = (await walk(actor.browser, entity, { sort: TAG_FIELD[entity], limit: '4' })).map((r) => String(r.data[TAG_FIELD[entity]]).toLowerCase());
    expect(byTag).toEqual([...byTag].sort());
  });
});

describe('members share the address book, not their work', () => {
  it('A edits their own contact, gets 403 on B’s contact and 404 on B’s lead', async () => {
    const { memberA, memberB } = w.actors;
    const find = (entity: Entity, by: Actor) => w.records.find((r) => r.entity === entity && r.createdBy === by.id && r.ownerId === by.id)!;
    const patch = (rec: Rec, version = rec.version) =>
      memberA.browser.patch(`/api/records/${rec.entity}/${rec.id}`, { data: EDIT[rec.entity] }, { 'if-match': `"${version}"` });
    const theirContact = find('contact', memberB);
    expect((await memberA.browser.get(`/api/records/contact/${theirContact.id}`)).status).toBe(200);
    expect((await patch(theirContact)).status).toBe(403);
    expect((await memberA.browser.delete(`/api/records/contact/${theirContact.id}`, { 'if-match': `"${theirContact.version}"` })).status).toBe(403);
    const theirLead = find('lead', memberB);
    const hidden = await patch(theirLead);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing);
    const mine = find('contact', memberA);
    const edited = await patch(mine);
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject(EDIT.contact);
    mine.version = edited.body.version;
    expect((await memberB.browser.get(`/api/records/contact/${mine.id}`)).body.data).toMatchObject(EDIT.contact);
  });
});

describe('assignment', () => {
  const lead = (pred: (r: Rec) => boolean) => w.records.find((r) => r.entity === 'lead' && pred(r))!;

  it('is refused to a member even on their own record (assign scope none)', async () => {
    const { memberA, memberB } = w.actors;
    const own = lead((r) => r.createdBy === memberA.id && r.ownerId === memberA.id);
    const res = await memberA.browser.post(`/api/records/lead/${own.id}/assign`, { ownerId: memberB.id });
    expect(res.status).toBe(403);
    expect((await memberB.browser.get(`/api/records/lead/${own.id}`)).status).toBe(404);
  });

  it('moves a record assigned to A over to B: A loses it, B gains it', async () => {
    const { owner, memberA, memberB } = w.actors;
    const rec = lead((r) => r.createdBy === owner.id && r.ownerId === memberA.id);
    expect((await memberA.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(200);
    expect((await memberB.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(404);
    const res = await owner.browser.post(`/api/records/lead/${rec.id}/assign`, { ownerId: memberB.id });
    expect(res.status).toBe(200);
    expect(res.body.owner.id).toBe(memberB.id);
    Object.assign(rec, { ownerId: memberB.id, version: res.body.version });
    const gone = await memberA.browser.get(`/api/records/lead/${rec.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(missing);
    expect((await walk(memberA.browser, 'lead')).map((r) => r.id)).not.toContain(rec.id);
    expect((await memberB.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(200);
    expect((await walk(memberB.browser, 'lead')).map((r) => r.id)).toContain(rec.id);
  });

  it('leaves the creator their record when it is handed to someone else (own = created by or assigned to me)', async () => {
    const { owner, memberA, memberB } = w.actors;
    // The last of A's own leads: the test above takes the first, and the two may run in either order.
    const rec = w.records.findLast((r) => r.entity === 'lead' && r.createdBy === memberA.id && r.ownerId === memberA.id)!;
    const res = await owner.browser.post(`/api/records/lead/${rec.id}/assign`, { ownerId: memberB.id });
    expect(res.status).toBe(200);
    Object.assign(rec, { ownerId: memberB.id, version: res.body.version });
    expect((await memberA.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(200);
    expect((await memberB.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(200);
  });

  it('lets a manager assign within their team only', async () => {
    const { manager, teamMember, memberA } = w.actors;
    const rec = lead((r) => r.createdBy === manager.id);
    const outside = await manager.browser.post(`/api/records/lead/${rec.id}/assign`, { ownerId: memberA.id });
    expect(outside.status).toBe(422);
    expect((await memberA.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(404);
    const inside = await manager.browser.post(`/api/records/lead/${rec.id}/assign`, { ownerId: teamMember.id });
    expect(inside.status).toBe(200);
    Object.assign(rec, { ownerId: teamMember.id, version: inside.body.version });
    expect((await teamMember.browser.get(`/api/records/lead/${rec.id}`)).status).toBe(200);
    const otherTenant = await w.actors.owner.browser.post(`/api/records/lead/${rec.id}/assign`, { ownerId: w.actors.otherOwner.id });
    expect(otherTenant.status).toBe(422);
  });
});

describe('records that change hands keep the matrix true', () => {
  it('after the reassignments, every actor still lists exactly its scope', async () => {
    for (const actor of Object.values(w.actors)) {
      if (readsNothing(actor, 'lead')) continue;
      expect(sortedIds(await walk(actor.browser, 'lead', { limit: '5' })), actor.key).toEqual(sortedIds(visible(actor, 'lead')));
    }
  });
});
