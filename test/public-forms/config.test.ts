import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { fetchPage, fillIn, leadForm, publishForm } from './visitor.ts';

/** Public forms as configuration: checked where they enter, edited with configure.forms only, carried by export and import. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Saves the draft with `change`; returns the answer. */
async function saveDraft(who: Browser, change: (bundle: any) => void) {
  const draft = await who.get('/api/config/draft');
  change(draft.body.bundle);
  return who.put('/api/config/draft', draft.body.bundle, { 'if-match': draft.headers.get('etag')! });
}

describe('a public form in the configuration', () => {
  it.each([
    ['a field the record type does not have', (f: any) => f.fields.push('shoeSize'), '/publicForms/contact/fields/7', 'is not a field of lead'],
    [
      'a required field left out',
      (f: any) => (f.fields = ['firstName', 'email']),
      '/publicForms/contact/fields',
      'leaves out lastName, which every lead needs',
    ],
    ['a record type that does not exist', (f: any) => (f.entity = 'ghost'), '/publicForms/contact/entity', 'is not an entity'],
    [
      'a label of a field not on the form',
      (f: any) => (f.labels.rating = { en: 'Heat' }),
      '/publicForms/contact/labels/rating',
      'is not a field of this public form',
    ],
  ])('refuses %s, naming its path', async (_name, change, path, message) => {
    const { owner } = await signUp(h);
    const res = await saveDraft(owner, (b) => (b.publicForms = { contact: leadForm(change) }));
    expectProblem(res, 422);
    expect(res.body.errors).toContainEqual({ path, message });
  });

  it('refuses fields a visitor cannot fill in (references, files) and sites that are not origins', async () => {
    const { owner } = await signUp(h);
    const res = await saveDraft(owner, (b) => {
      b.publicForms = { help: { ...leadForm(), entity: 'case', fields: ['subject', 'account'] } };
    });
    expectProblem(res, 422);
    expect(res.body.errors).toContainEqual({ path: '/publicForms/help/fields/1', message: 'is a reference field, which visitors cannot fill in' });
    const sites = await saveDraft(
      owner,
      (b) => (b.publicForms = { contact: leadForm((f) => (f.allowedSites = ["https://a.example; script-src 'unsafe-inline'"])) }),
    );
    expectProblem(sites, 422);
    expect(sites.body.errors[0].path).toBe('/publicForms/contact/allowedSites/0');
  });

  it('is changed only by those holding configure.forms', async () => {
    const { owner, tenant } = await signUp(h);
    await publishChange(owner, (b) => b.roles.manager.tasks.push('configure.workflows'));
    const manager = await addMember(h, owner, tenant.slug, 'manager', 'Wendy Workflows');
    const res = await saveDraft(manager.browser, (b) => (b.publicForms = { contact: leadForm() }));
    expectProblem(res, 403);
    expect(res.body.detail).toContain('configure.forms');
  });

  it('travels with an export into another company, where it takes submissions', async () => {
    const source = await signUp(h, 'Exporter');
    await publishForm(
      source.owner,
      'contact',
      leadForm((f) => (f.proofOfWork = true)),
    );
    const doc = (await source.owner.get('/api/config/export')).body;
    expect(doc.bundle.publicForms.contact).toEqual(leadForm((f) => (f.proofOfWork = true)));

    const target = await signUp(h, 'Importer');
    const dry = await target.owner.post('/api/config/import?mode=dry-run', doc);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.changes).toContainEqual({ part: 'publicForms', key: 'contact', change: 'added' });
    expect((await target.owner.post('/api/config/import?mode=apply', doc)).status).toBe(201);
    expect((await target.owner.get('/api/config/export')).body.bundle.publicForms).toEqual(doc.bundle.publicForms);

    const page = await fetchPage(h, `/f/${target.tenant.slug}/contact`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Talk to sales</h1>');
    expect((await fillIn(h, `/f/${target.tenant.slug}/contact`, { lastName: 'Imported' }, { proof: true })).status).toBe(200);
    expect((await target.owner.get('/api/records/lead')).body.items.map((l: { data: { lastName: string } }) => l.data.lastName)).toEqual(['Imported']);

    // A replace import of a bundle without the form removes it; merge keeps it.
    const bare = structuredClone(doc);
    delete bare.bundle.publicForms;
    const merged = await target.owner.post('/api/config/import?mode=dry-run&strategy=merge', bare);
    expect(merged.body.changes.filter((c: { part: string }) => c.part === 'publicForms')).toEqual([]);
    const replaced = await target.owner.post('/api/config/import?mode=dry-run&strategy=replace', bare);
    expect(replaced.body.removedByReplace).toContainEqual({ part: 'publicForms', key: 'contact' });
  });
});
