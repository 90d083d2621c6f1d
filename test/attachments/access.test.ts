import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetPendingFiles } from '../../runtime/attachments/store.ts';
import { emptyBins } from '../../runtime/records/recycle-bin.ts';
import { addMember, PASSWORD, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { download, pdf, png, stored, upload } from './files.ts';

/** Who sees a file: exactly who may read its record (and its field); files of new records wait for their uploader alone. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string; email: string };
let slug: string;
let max: { browser: Browser; id: string };
let stranger: Browser;
const MISSING = 'zzzzzzzzzzzzzzzz';
const HOUR = 3_600_000;

const newCase = async (who: Browser, data: Record<string, unknown> = {}) => {
  const res = await who.post('/api/records/case', { data: { subject: 'Leaking valve', ...data } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, etag: res.headers.get('etag')! };
};
const attach = (who: Browser, id: string, bytes: Uint8Array, name: string, field?: string) =>
  upload(h, who, `/api/records/case/${id}/attachments`, bytes, { name, ...(field ? { field } : {}) });
const pending = (who: Browser, bytes: Uint8Array, name: string) => upload(h, who, '/api/attachments', bytes, { name });
const list = async (who: Browser, id: string) => (await who.get(`/api/records/case/${id}/attachments`)).body.items as { id: string; field: string | null }[];
const kinds = async (who: Browser, id: string) =>
  ((await who.get(`/api/records/case/${id}/timeline`)).body.items as { kind: string; action?: string; field?: string }[]).filter(
    (e) => e.kind === 'attachment',
  );

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  max = await addMember(h, owner, company.tenant.slug, 'member', 'Max Member');
  stranger = (await signUp(h)).owner;
  // Cases gain a photo anyone may fill, and a contract members never see.
  await publishChange(owner, (b) => {
    const form = b.entities.case.form;
    form.schema.properties.photo = { type: 'string', format: 'attachment', 'x-field': 'file', title: 'Photo' };
    form.schema.properties.contract = { type: 'string', format: 'attachment', 'x-field': 'file', title: 'Signed contract' };
    form.uischema.elements.push({ type: 'Control', scope: '#/properties/photo' }, { type: 'Control', scope: '#/properties/contract' });
    b.roles.member.entities.case.fields = { contract: 'hidden' };
  });
});
afterAll(() => h.close());

describe('a file is readable exactly as its record is', () => {
  it('answers a member who cannot read the record, and another company, with the 404 of an id that does not exist', async () => {
    const own = await newCase(mia.browser);
    const file = (await attach(mia.browser, own.id, pdf(), 'private.pdf')).body;
    for (const who of [max.browser, stranger]) {
      const pairs = [
        [await who.get(`/api/records/case/${own.id}/attachments`), await who.get(`/api/records/case/${MISSING}/attachments`)],
        [await download(h, who, file.id), await download(h, who, MISSING)],
        [await who.delete(`/api/attachments/${file.id}`), await who.delete(`/api/attachments/${MISSING}`)],
        [await attach(who, own.id, pdf(), 'mine.pdf'), await attach(who, MISSING, pdf(), 'mine.pdf')],
      ];
      for (const [theirs, random] of pairs) {
        expectProblem(theirs!, 404);
        expectProblem(random!, 404);
        expect(theirs!.body).toEqual(random!.body);
      }
    }
    expect((await download(h, mia.browser, file.id)).status).toBe(200);
    expect(await list(mia.browser, own.id)).toHaveLength(1);

    // A share to read lets Max read its files, not add or remove any.
    expect((await mia.browser.post(`/api/records/case/${own.id}/shares`, { person: max.id, access: 'read' })).status).toBe(201);
    expect((await download(h, max.browser, file.id)).status).toBe(200);
    expectProblem(await max.browser.delete(`/api/attachments/${file.id}`), 403);
    expectProblem(await attach(max.browser, own.id, pdf(), 'mine.pdf'), 403);
  });

  it('keeps the file of a hidden field out of the list, the downloads and the timeline of those it is hidden from', async () => {
    const own = await newCase(mia.browser);
    const contract = await attach(owner, own.id, pdf(), 'contract.pdf', 'contract');
    expect(contract.status, JSON.stringify(contract.body)).toBe(201);
    expect(contract.body.field).toBe('contract');
    const read = await owner.get(`/api/records/case/${own.id}`);
    expect((await owner.patch(`/api/records/case/${own.id}`, { data: { contract: contract.body.id } }, { 'if-match': read.headers.get('etag')! })).status).toBe(
      200,
    );

    expect((await list(owner, own.id)).map((a) => a.field)).toEqual(['contract']);
    expect(await list(mia.browser, own.id)).toEqual([]);
    const hidden = await download(h, mia.browser, contract.body.id);
    expectProblem(hidden, 404);
    expect(hidden.body).toEqual((await download(h, mia.browser, MISSING)).body);
    expect(await kinds(mia.browser, own.id)).toEqual([]);
    expect(await kinds(owner, own.id)).toMatchObject([{ action: 'added', field: 'contract' }]);
    expectProblem(await attach(mia.browser, own.id, pdf(), 'mine.pdf', 'contract'), 422);
    expectProblem(await attach(mia.browser, own.id, pdf(), 'mine.pdf', 'subject'), 422);
  });
});

describe('the file of a file field', () => {
  it('waits for its uploader alone until a record they write claims it', async () => {
    const photo = await pending(mia.browser, png(4, 4), 'pump.png');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    expect((await download(h, mia.browser, photo.body.id)).status).toBe(200);
    expectProblem(await download(h, max.browser, photo.body.id), 404);
    expectProblem(await download(h, owner, photo.body.id), 404);

    const made = await newCase(mia.browser, { photo: photo.body.id });
    expect(await list(mia.browser, made.id)).toMatchObject([{ id: photo.body.id, field: 'photo' }]);
    expect((await download(h, owner, photo.body.id)).status).toBe(200);
    expect(await kinds(mia.browser, made.id)).toMatchObject([{ action: 'added', field: 'photo', attachment: { name: 'pump.png' } }]);
    // Claimed once: no other record takes it.
    const again = await mia.browser.post('/api/records/case', { data: { subject: 'Copy', photo: photo.body.id } });
    expectProblem(again, 422);
    expect(again.body.errors).toEqual([{ path: '/data/photo', message: 'must be a file you uploaded for this record' }]);
  });

  it('refuses another person’s upload and an unknown id, naming the field', async () => {
    const his = await pending(max.browser, png(2, 2), 'his.png');
    for (const photo of [his.body.id, MISSING, 42]) {
      const refused = await mia.browser.post('/api/records/case', { data: { subject: 'Not mine', photo } });
      expectProblem(refused, 422);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/data/photo']);
    }
  });

  it('replaces the file a field held, and removes it when the field is emptied; a field’s file goes only that way', async () => {
    const made = await newCase(mia.browser);
    const first = await attach(mia.browser, made.id, png(2, 2), 'first.png', 'photo');
    // Uploaded for the field, not yet in it: not listed until the record is saved with it.
    expect(await list(mia.browser, made.id)).toEqual([]);
    let res = await mia.browser.patch(`/api/records/case/${made.id}`, { data: { photo: first.body.id } }, { 'if-match': made.etag });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectProblem(await mia.browser.delete(`/api/attachments/${first.body.id}`), 409);

    const second = await attach(mia.browser, made.id, png(3, 3), 'second.png', 'photo');
    res = await mia.browser.patch(`/api/records/case/${made.id}`, { data: { photo: second.body.id } }, { 'if-match': res.headers.get('etag')! });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectProblem(await download(h, mia.browser, first.body.id), 404);
    expect((await list(mia.browser, made.id)).map((a) => a.id)).toEqual([second.body.id]);

    res = await mia.browser.patch(`/api/records/case/${made.id}`, { data: { photo: null } }, { 'if-match': res.headers.get('etag')! });
    expect(res.status).toBe(200);
    expect(await list(mia.browser, made.id)).toEqual([]);
    expect((await kinds(mia.browser, made.id)).map((e) => e.action)).toEqual(['removed', 'added', 'removed', 'added']);
  });
});

describe('deleting the record', () => {
  it('keeps its files while it is in the recycle bin, brings them back with it, and deletes them with it for good', async () => {
    const made = await newCase(mia.browser);
    const file = (await attach(mia.browser, made.id, pdf(300 * 1024), 'report.pdf')).body;
    const gone = () => h.db.client.execute({ sql: 'SELECT count(*) AS n FROM attachments WHERE record_id = ?', args: [made.id] });
    const read = await mia.browser.get(`/api/records/case/${made.id}`);
    expect((await mia.browser.delete(`/api/records/case/${made.id}`, { 'if-match': read.headers.get('etag')! })).status).toBe(204);
    expectProblem(await download(h, mia.browser, file.id), 404);
    expectProblem(await mia.browser.get(`/api/records/case/${made.id}/attachments`), 404);

    expect((await mia.browser.post(`/api/recycle-bin/case/${made.id}/restore`)).status).toBe(200);
    expect((await download(h, mia.browser, file.id)).bytes).toEqual(pdf(300 * 1024));

    const again = await mia.browser.get(`/api/records/case/${made.id}`);
    await mia.browser.delete(`/api/records/case/${made.id}`, { 'if-match': again.headers.get('etag')! });
    const before = await stored(h);
    expect((await mia.browser.delete(`/api/recycle-bin/case/${made.id}`)).status).toBe(204);
    expect(Number((await gone()).rows[0]!.n)).toBe(0);
    expect(await stored(h)).toEqual({ files: before.files - 1, parts: before.parts - 2 });

    // The bin empties itself after 30 days the same way.
    const later = await newCase(mia.browser);
    await attach(mia.browser, later.id, pdf(), 'later.pdf');
    const etag = (await mia.browser.get(`/api/records/case/${later.id}`)).headers.get('etag')!;
    await mia.browser.delete(`/api/records/case/${later.id}`, { 'if-match': etag });
    expect(await emptyBins(h.db, h.clock.now + 31 * 24 * HOUR)).toBeGreaterThanOrEqual(1);
    const left = await h.db.client.execute({ sql: 'SELECT count(*) AS n FROM attachments WHERE record_id = ?', args: [later.id] });
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});

describe('uploads waiting for a record', () => {
  it('is refused past 20 waiting for one person, in words, keeping nothing; others may still upload, and a claimed one frees a place', async () => {
    const many = await addMember(h, owner, slug, 'member', 'Max Many');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await pending(many.browser, png(2, 2), `photo-${i}.png`);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const before = await stored(h);
    const refused = await pending(many.browser, png(2, 2), 'one-more.png');
    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('waiting for a record');
    expect(await stored(h)).toEqual(before);
    expect((await pending(mia.browser, png(2, 2), 'hers.png')).status).toBe(201);
    expect((await many.browser.post('/api/records/case', { data: { subject: 'Claims one', photo: ids[0] } })).status).toBe(201);
    expect((await pending(many.browser, png(2, 2), 'now-fits.png')).status).toBe(201);
  });
});

describe('an upload no record claims', () => {
  it('can no longer be claimed after 24 hours, and is deleted by the hourly cleanup', async () => {
    const late = await pending(mia.browser, png(2, 2), 'late.png');
    const waiting = Number((await h.db.client.execute('SELECT count(*) AS n FROM attachments WHERE pending_until IS NOT NULL')).rows[0]!.n);
    h.clock.now += 25 * HOUR;
    // A day later the session has ended too: Mia signs in again.
    expect((await mia.browser.post('/api/login', { email: mia.email, password: PASSWORD, tenant: slug })).status).toBe(200);
    expectProblem(await mia.browser.post('/api/records/case', { data: { subject: 'Too late', photo: late.body.id } }), 422);
    expectProblem(await download(h, mia.browser, late.body.id), 404);
    const before = await stored(h);
    expect(await forgetPendingFiles(h.db, h.clock.now)).toBe(waiting);
    expect((await stored(h)).files).toBe(before.files - waiting);
  });
});
