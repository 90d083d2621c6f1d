import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';

/** Exporting a list: exactly the reader's records of its query, never a hidden field, formula-safe, CSV or XLSX. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string };
const MANY = 230;

const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
const download = (who: Browser, query: string, format = 'csv') =>
  h.app.request(`/api/records/opportunity/export.${format}?${query}`, { headers: { cookie: who.cookie, 'x-forwarded-for': who.address } });

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  await mia.browser.post('/api/records/opportunity', { data: { name: 'Mia’s deal', amount: 100 } });
  await owner.post('/api/records/opportunity', { data: { name: '=HYPERLINK("http://evil")', amount: 5 } });
  for (let i = 0; i < MANY; i++) await owner.post('/api/records/opportunity', { data: { name: `Bulk ${i}` } });
  await publishChange(owner, (b) => {
    b.roles.member.entities.opportunity.fields = { ...b.roles.member.entities.opportunity.fields, amount: 'hidden' };
  });
}, 60_000);
afterAll(() => h.close());

describe('exporting a list', () => {
  it('gives a member her own records only, without the fields her role hides, labelled in her language', async () => {
    const res = await download(mia.browser, 'lang=de');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="opportunity-\d{4}-\d\d-\d\d\.csv"$/);
    const [header, ...rows] = rowsOf(await res.text());
    expect(header).not.toMatch(/Betrag/);
    expect(header).toMatch(/^Name,.*Verantwortlich,Phase,Angelegt,Geändert$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^Mia’s deal,/);
    expect(rows[0]).toContain('Akquise');
    expectProblem(await mia.browser.get('/api/records/opportunity/export.csv?columns=name,amount'), 400);
  });

  it('exports every record of the query beyond a page, formula-safe, in the columns asked for', async () => {
    const all = rowsOf(await (await download(owner, 'columns=name,amount,$owner')).text());
    expect(all[0]).toBe('Name,Amount,Owner');
    expect(all).toHaveLength(1 + MANY + 2);
    expect(all).toContain(`"'=HYPERLINK(""http://evil"")",5,Olive Owner`);
    const some = rowsOf(
      await (await download(owner, `columns=name&sort=name&filter=${encodeURIComponent(JSON.stringify({ name: { contains: 'Bulk 1' } }))}`)).text(),
    );
    expect(some.slice(0, 4)).toEqual(['Name', 'Bulk 1', 'Bulk 10', 'Bulk 100']);
    expect(some).toHaveLength(1 + 1 + 10 + 100);
  });

  it('writes XLSX whose cells are text, never formulas', async () => {
    const res = await download(owner, 'columns=name,amount&sort=name', 'xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + MANY + 2);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Amount']);
    const evil = sheet.getRow(2);
    expect(evil.getCell(1).value).toBe('=HYPERLINK("http://evil")');
    expect(evil.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(evil.getCell(2).value).toBe(5);
  });

  it('refuses a bad request with a problem, before any download starts, and audits exports', async () => {
    expectProblem(await owner.get('/api/records/opportunity/export.pdf'), 404);
    expectProblem(await owner.get('/api/records/opportunity/export.csv?lang=it'), 400);
    expectProblem(await owner.get(`/api/records/opportunity/export.csv?filter=${encodeURIComponent('{"salary":{"eq":1}}')}`), 400);
    expectProblem(await owner.get('/api/records/nope/export.csv'), 404);
    const actions = (await owner.get('/api/audit?action=records.exported')).body.items;
    expect(actions.length).toBeGreaterThanOrEqual(3);
  });
});
