import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { download, EXE, HTML, OLE, pdf, png, stored, SVG, upload, ZIP } from './files.ts';

/** Files on records over HTTP: kept as sent, known by their bytes alone, within the company's limits, on the timeline and audited. */
let h: Harness;
let owner: Browser;
let mia: { browser: Browser; id: string };
let caseId: string;

const attach = (bytes: Uint8Array, name: string, headers: Record<string, string> = {}) =>
  upload(h, mia.browser, `/api/records/case/${caseId}/attachments`, bytes, { name }, headers);
const list = async (who: Browser = mia.browser) => {
  const res = await who.get(`/api/records/case/${caseId}/attachments`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { id: string; name: string; contentType: string; size: number; field: string | null }[];
};
const timeline = async () =>
  (await mia.browser.get(`/api/records/case/${caseId}/timeline`)).body.items as { kind: string; action?: string; attachment?: { name: string } }[];
const setLimits = (attachments: Record<string, unknown>) => owner.patch('/api/tenant', { settings: { attachments } });

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  caseId = (await mia.browser.post('/api/records/case', { data: { subject: 'Broken pump' } })).body.id;
});
afterAll(() => h.close());

describe('a file on a record', () => {
  it('is kept as sent, listed, downloaded with safe headers, and removed — on the timeline and in the audit trail', async () => {
    const quote = pdf(600 * 1024); // more than two parts of the store
    const added = await attach(quote, 'quote.pdf');
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      name: 'quote.pdf',
      contentType: 'application/pdf',
      size: quote.length,
      createdBy: { id: mia.id, name: 'Mia Member' },
      createdAt: expect.any(String),
      field: null,
    });
    expect(await list()).toMatchObject([{ id: added.body.id, name: 'quote.pdf', size: quote.length }]);

    const got = await download(h, mia.browser, added.body.id);
    expect(got.status).toBe(200);
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(createHash('sha256').update(quote).digest('hex'));
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="quote.pdf"; filename*=UTF-8''quote.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect((await download(h, owner, added.body.id)).status).toBe(200);

    expect((await timeline())[0]).toMatchObject({ kind: 'attachment', action: 'added', attachment: { name: 'quote.pdf' }, actor: { name: 'Mia Member' } });
    expect((await mia.browser.delete(`/api/attachments/${added.body.id}`)).status).toBe(204);
    expect(await list()).toEqual([]);
    expectProblem(await download(h, mia.browser, added.body.id), 404);
    expect((await timeline())[0]).toMatchObject({ kind: 'attachment', action: 'removed', attachment: { name: 'quote.pdf' } });
    expect(await stored(h)).toEqual({ files: 0, parts: 0 });
    const audit = (await owner.get('/api/audit?action=attachment')).body.items;
    expect(audit.map((e: { action: string; target: { id: string } }) => [e.action, e.target.id])).toEqual([
      ['attachment.deleted', caseId],
      ['attachment.added', caseId],
    ]);
    expect(audit[1].changes).toMatchObject({ name: 'quote.pdf', contentType: 'application/pdf', size: quote.length });
  });

  it('keeps a safe name: no path, no unseen characters, at most 200 characters, said in UTF-8 when downloaded', async () => {
    const tricky = await attach(pdf(), '../../etc/Angebot für Mül\u202Eler.pdf');
    expect(tricky.body.name).toBe('Angebot für Müller.pdf');
    const got = await download(h, mia.browser, tricky.body.id);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Angebot f_r M_ller.pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller.pdf`);
    const long = await attach(pdf(), `${'x'.repeat(300)}.pdf`);
    expect([...long.body.name]).toHaveLength(200);
    expect(long.body.name.endsWith('.pdf')).toBe(true);
    expectProblem(await attach(pdf(), '///'), 422);
    expectProblem(await upload(h, mia.browser, `/api/records/case/${caseId}/attachments`, pdf(), {}), 400);
  });
});

describe('what a file is', () => {
  it('is read from its bytes: a program called .pdf, HTML and SVG are refused in words, and nothing is kept', async () => {
    const before = await stored(h);
    for (const [bytes, name] of [
      [EXE, 'invoice.pdf'],
      [HTML, 'page.html'],
      [SVG, 'logo.svg'],
      [OLE, 'setup.msi'],
    ] as const) {
      const refused = await attach(bytes, name, { 'content-type': 'application/pdf' });
      expectProblem(refused, 415);
      expect(refused.body.detail).toContain('Accepted are PDF documents, images (PNG, JPEG, GIF, WebP), Word, Excel and PowerPoint documents');
      expect(refused.body.accepted).toEqual(['pdf', 'image', 'office', 'text', 'archive']);
    }
    expectProblem(await attach(Buffer.alloc(0), 'empty.txt'), 422);
    expect(await stored(h)).toEqual(before);
  });

  it('never from what the upload declares: a real PNG sent as text/html is an image, previewed inline', async () => {
    const photo = await attach(png(8, 8), 'photo.png', { 'content-type': 'text/html' });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    expect(photo.body.contentType).toBe('image/png');
    const got = await download(h, mia.browser, photo.body.id);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toMatch(/^inline; /);
    // A name that says otherwise gets the extension of what the file is.
    expect((await attach(png(2, 2), 'photo.html')).body.name).toBe('photo.html.png');
  });

  it('tells Office files, archives and text apart', async () => {
    const cases: [Buffer, string, string, string][] = [
      [ZIP, 'offer.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'offer.docx'],
      [ZIP, 'figures.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'figures.xlsx'],
      [ZIP, 'photos.zip', 'application/zip', 'photos.zip'],
      [ZIP, 'tool.jar', 'application/zip', 'tool.jar.zip'],
      [OLE, 'old.doc', 'application/msword', 'old.doc'],
      [Buffer.from('name;city\nAna;Köln\n'), 'leads.csv', 'text/csv', 'leads.csv'],
      [Buffer.from('# Notes\n<script>x</script>'), 'notes.md', 'text/plain', 'notes.md'],
    ];
    for (const [bytes, name, contentType, kept] of cases) {
      const res = await attach(bytes, name);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body).toMatchObject({ name: kept, contentType });
    }
    const csv = (await list()).find((a) => a.name === 'leads.csv')!;
    expect((await download(h, mia.browser, csv.id)).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Text with a NUL byte is not text.
    expectProblem(await attach(Buffer.from('a\0b'), 'data.txt'), 415);
  });
});

describe('the company’s limits', () => {
  it('refuses a file over the size limit with a 413 while it streams in, keeping nothing', async () => {
    const set = await setLimits({ maxMegabytes: 1 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.settings.attachments).toEqual({ maxMegabytes: 1, types: ['pdf', 'image', 'office', 'text', 'archive'] });
    const before = await stored(h);
    const big = pdf(1024 * 1024 + 1);
    const refused = await attach(big, 'big.pdf');
    expectProblem(refused, 413);
    expect(refused.body).toMatchObject({ detail: 'The file is larger than 1 MB, the most this company accepts.', maxMegabytes: 1 });
    // Said before a byte is read when the length is declared.
    expectProblem(await attach(big, 'big.pdf', { 'content-length': String(big.length) }), 413);
    expect(await stored(h)).toEqual(before);
    expect((await attach(pdf(1024 * 1024), 'just.pdf')).status).toBe(201);
  });

  it('accepts only the kinds the company chose; owners alone change the limits, within bounds', async () => {
    const set = await setLimits({ types: ['image'] });
    expect(set.body.settings.attachments).toEqual({ maxMegabytes: 1, types: ['image'] });
    const refused = await attach(pdf(), 'quote.pdf');
    expectProblem(refused, 415);
    expect(refused.body).toMatchObject({ detail: 'This kind of file cannot be attached. Accepted are images (PNG, JPEG, GIF, WebP).', accepted: ['image'] });
    expect((await attach(png(4, 4), 'ok.png')).status).toBe(201);
    expectProblem(await setLimits({ maxMegabytes: 26 }), 400);
    expectProblem(await setLimits({ types: [] }), 400);
    expectProblem(await setLimits({ types: ['exe'] }), 400);
    expectProblem(await mia.browser.patch('/api/tenant', { settings: { attachments: { maxMegabytes: 25 } } }), 403);
    expect((await setLimits({ maxMegabytes: 10, types: ['pdf', 'image', 'office', 'text', 'archive'] })).status).toBe(200);
    expect((await mia.browser.get('/api/me')).body.tenant.settings.attachments).toEqual({
      maxMegabytes: 10,
      types: ['pdf', 'image', 'office', 'text', 'archive'],
    });
  });
});
