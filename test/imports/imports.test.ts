import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainImports, forgetOldImports } from '../../runtime/imports/run.ts';
import { addMember, PASSWORD, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Importing leads from CSV and XLSX: mapping by labels in any language, a dry run at the cell, the one write path, undo. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string; email: string };

const CSV_FILE = [
  'Vorname;Nachname;Company;E-Mail;Bewertung;Geschätzter Wert;Notes from the fair',
  'Grace;Hopper;Navy;grace@example.com;Heiß;12.500,50;met at booth 4',
  'Ada;Lovelace;Analytical;ADA@example.com;warm;;',
  'Alan;Turing;Bletchley;alan@example.com;lukewarm;100;',
  'Kurt;;Vienna;kurt@example.com;cold;abc;',
  ';;;;;;',
].join('\r\n');
const upload = (who: Browser, body: string, type = 'text/csv', entity = 'lead') =>
  who.post(`/api/imports?entity=${entity}&name=fair.csv`, body, { 'content-type': type });
const plan = {
  mapping: { '0': 'firstName', '1': 'lastName', '2': 'company', '3': 'email', '4': 'rating', '5': 'estimatedValue' },
  duplicates: { match: 'email', then: 'skip' },
};
const leads = async (who: Browser) =>
  ((await who.get('/api/records/lead?sort=lastName&limit=200')).body.items as { data: Record<string, unknown> }[]).map((r) => r.data);

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  // The owner's own Ada: Mia cannot see it, so for her it is no duplicate.
  await owner.post('/api/records/lead', { data: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', company: 'Owner’s copy' } });
});
afterAll(() => h.close());

describe('importing records', () => {
  let id = '';

  it('stages an upload and suggests the field of each column by its label in any language', async () => {
    const res = await upload(mia.browser, CSV_FILE);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'uploaded', rows: 4, fileName: 'fair.csv' });
    expect(res.body.suggestions).toEqual(['firstName', 'lastName', 'company', 'email', 'rating', 'estimatedValue', null]);
    expect(res.body.preview[0]).toEqual(['Grace', 'Hopper', 'Navy', 'grace@example.com', 'Heiß', '12.500,50', 'met at booth 4']);
  });

  it('tries the import first, naming each problem at its row and column — and never matching records the importer cannot see', async () => {
    const tried = await mia.browser.post(`/api/imports/${id}/check`, plan);
    expect(tried.status, JSON.stringify(tried.body)).toBe(200);
    expect(tried.body).toMatchObject({ create: 2, update: 0, skip: 0, fail: 2 });
    expect(tried.body.problems).toEqual([
      { row: 4, column: 4, message: 'is not one of the choices' },
      { row: 5, column: 5, message: 'is not a number' },
    ]);
    const wrong = await mia.browser.post(`/api/imports/${id}/check`, { ...plan, mapping: { ...plan.mapping, '6': 'rating', '9': 'nope' } });
    expectProblem(wrong, 422);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['/mapping/6', '/mapping/9']);
    expectProblem(await owner.post(`/api/imports/${id}/check`, plan), 404);
  });

  it('imports in the background through the one write path, and says what failed and why', async () => {
    const started = await mia.browser.post(`/api/imports/${id}/start`, plan);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.status).toBe('queued');
    expectProblem(await mia.browser.post(`/api/imports/${id}/start`, plan), 409);
    await drainImports(h.deps);
    const done = (await mia.browser.get(`/api/imports/${id}`)).body;
    expect(done).toMatchObject({ status: 'done', rows: 4, done: 4, created: 2, updated: 0, skipped: 0, failed: 2 });
    expect(await leads(mia.browser)).toEqual([
      expect.objectContaining({ firstName: 'Grace', lastName: 'Hopper', rating: 'hot', estimatedValue: 12500.5 }),
      expect.objectContaining({ firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@example.com', rating: 'warm' }),
    ]);
    // The owner's Ada is untouched, and the owner sees both.
    expect((await leads(owner)).filter((l) => l.lastName === 'Lovelace').map((l) => l.company)).toEqual(expect.arrayContaining(['Owner’s copy', 'Analytical']));
    const failures = (await mia.browser.get(`/api/imports/${id}/failures.csv`)).body as string;
    expect(
      failures
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toEqual([
      'Vorname,Nachname,Company,E-Mail,Bewertung,Geschätzter Wert,Notes from the fair,Problem',
      'Alan,Turing,Bletchley,alan@example.com,lukewarm,100,,Bewertung: is not one of the choices',
      'Kurt,,Vienna,kurt@example.com,cold,abc,,Geschätzter Wert: is not a number',
    ]);
    const audit = (await owner.get('/api/audit?action=record.created')).body.items;
    expect(audit.filter((e: { actor: { name: string } }) => e.actor.name === 'Mia Member')).toHaveLength(2);
  });

  it('takes a file of many batches to its end', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `Many,Row ${i},row${i}@example.com`);
    const big = (await upload(owner, ['First name,Last name,Email', ...rows].join('\n'))).body.id;
    await owner.post(`/api/imports/${big}/start`, {
      mapping: { '0': 'firstName', '1': 'lastName', '2': 'email' },
      duplicates: { match: null, then: 'create' },
    });
    await drainImports(h.deps);
    expect((await owner.get(`/api/imports/${big}`)).body).toMatchObject({ status: 'done', done: 250, created: 250 });
  });

  it('reads XLSX, and refuses what it cannot take', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Last name', 'Estimated value', 'Rating']);
    sheet.addRow(['Curie', 5000, 'Hot']);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const res = await h.app.request('/api/imports?entity=lead&name=leads.xlsx', {
      method: 'POST',
      body,
      headers: { cookie: owner.cookie, 'x-forwarded-for': owner.address, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(res.status).toBe(201);
    const staged = (await res.json()) as { id: string; suggestions: (string | null)[]; preview: string[][] };
    expect(staged.suggestions).toEqual(['lastName', 'estimatedValue', 'rating']);
    expect(staged.preview).toEqual([['Curie', '5000', 'Hot']]);

    expectProblem(await upload(owner, 'just,a,header'), 422);
    expectProblem(await upload(owner, 'a,b\n1,2', 'text/plain'), 415);
    expectProblem(await upload(owner, 'PK\u0003\u0004broken', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 422);
    expectProblem(await upload(owner, 'a\n1', 'text/csv', 'nope'), 404);
    const big = `name\n${'x'.repeat(21 * 1024 * 1024)}\n`;
    expectProblem(await upload(owner, big), 413);
  });

  it('neither suggests nor takes a column for a file or calculated field, which no cell can fill', async () => {
    await publishChange(owner, (b) => {
      const fields = b.entities.lead.form.schema.properties;
      fields.brochure = { type: 'string', format: 'attachment', 'x-field': 'file', title: 'Brochure' };
      fields.score = { type: 'number', 'x-field': 'number', 'x-formula': '1', title: 'Score' };
    });
    const staged = await upload(owner, 'Last name;Brochure;Score\nCurie;quote.pdf;3');
    expect(staged.body.suggestions).toEqual(['lastName', null, null]);
    const refused = await owner.post(`/api/imports/${staged.body.id}/check`, {
      mapping: { '0': 'lastName', '1': 'brochure', '2': 'score' },
      duplicates: { match: null, then: 'create' },
    });
    expectProblem(refused, 422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/mapping/1', '/mapping/2']);
  });

  it('skips or updates duplicates the importer may see, and undoes all of it', async () => {
    const again = (await upload(mia.browser, CSV_FILE)).body.id;
    await mia.browser.post(`/api/imports/${again}/start`, { ...plan, duplicates: { match: 'email', then: 'update' } });
    await drainImports(h.deps);
    // Grace and Ada match Mia's own leads by email (in any case); nothing changed, so nothing was written.
    expect((await mia.browser.get(`/api/imports/${again}`)).body).toMatchObject({ created: 0, updated: 0, skipped: 2, failed: 2 });

    const changed = CSV_FILE.replace('Navy;grace@example.com;Heiß', 'US Navy;grace@example.com;Kalt');
    const third = (await upload(mia.browser, changed)).body.id;
    await mia.browser.post(`/api/imports/${third}/start`, { ...plan, duplicates: { match: 'email', then: 'update' } });
    await drainImports(h.deps);
    expect((await mia.browser.get(`/api/imports/${third}`)).body).toMatchObject({ updated: 1, skipped: 1 });
    expect((await leads(mia.browser))[0]).toMatchObject({ company: 'US Navy', rating: 'cold' });

    const undone = await mia.browser.post(`/api/imports/${third}/undo`);
    expect(undone.status).toBe(202);
    await drainImports(h.deps);
    expect((await mia.browser.get(`/api/imports/${third}`)).body).toMatchObject({ status: 'undone', undone: 1 });
    expect((await leads(mia.browser))[0]).toMatchObject({ company: 'Navy', rating: 'hot' });
    expectProblem(await mia.browser.post(`/api/imports/${third}/undo`), 409);

    expect((await mia.browser.post(`/api/imports/${id}/undo`)).status).toBe(202);
    await drainImports(h.deps);
    expect(await leads(mia.browser)).toEqual([]);
    // Created records went to the recycle bin, restorable.
    expect((await mia.browser.get('/api/recycle-bin?entity=lead')).body.items).toHaveLength(2);
    // A week later, an import can no longer be undone.
    h.clock.now += 8 * 86_400_000;
    await mia.browser.post('/api/login', { email: mia.email, password: PASSWORD });
    expectProblem(await mia.browser.post(`/api/imports/${again}/undo`), 409);
    // Then their staged rows and outcomes are forgotten; each import stays listed with its counts.
    expect(await forgetOldImports(h.db, h.clock.now)).toBeGreaterThanOrEqual(4);
    for (const table of ['import_rows', 'import_outcomes'])
      expect(Number((await h.db.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n)).toBe(0);
    expect((await mia.browser.get(`/api/imports/${again}`)).body).toMatchObject({ status: 'done', skipped: 2 });
  });
});
