import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { fetchPage, send, tokenOf } from './visitor.ts';

/**
 * Customer feedback: a form about one record (a case), opened only through a link signed for that record, answered
 * once, with rating scales; the answer lands on the case's feedback record; scores per month for those who read reports.
 */
let h: Harness;
let owner: Browser;
let rep: Browser;
let repId = '';
let slug = '';
let kase = '';

const FEEDBACK = {
  label: 'Feedback',
  pluralLabel: 'Feedback',
  titleField: 'comment',
  form: {
    schema: {
      type: 'object',
      properties: {
        case: { type: 'string', 'x-field': 'reference', 'x-ref': 'case', title: 'Case', 'x-onDelete': 'clear' },
        nps: { type: 'integer', 'x-field': 'number', minimum: 0, maximum: 10, title: 'How likely are you to recommend us?' },
        satisfaction: { type: 'integer', 'x-field': 'number', minimum: 1, maximum: 5, title: 'How satisfied are you?' },
        comment: { type: 'string', 'x-field': 'textarea', maxLength: 2000, title: 'Anything else?' },
      },
      required: ['nps'],
    },
    uischema: { type: 'VerticalLayout', elements: ['case', 'nps', 'satisfaction', 'comment'].map((f) => ({ type: 'Control', scope: `#/properties/${f}` })) },
  },
  i18n: { en: {}, de: { 'nps.label': 'Wie wahrscheinlich empfehlen Sie uns weiter?' }, fr: {}, es: {} },
};
const SURVEY = {
  entity: 'feedback',
  about: 'case',
  fields: ['nps', 'satisfaction', 'comment'],
  title: { en: 'How did we do?', de: 'Wie waren wir?' },
  thankYou: { en: 'Thank you for your feedback.' },
  allowedSites: [],
  active: true,
};

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
  await publishChange(owner, (b) => {
    b.entities.feedback = FEEDBACK;
    b.publicForms = { survey: SURVEY };
    // Representatives read only their own cases, and no feedback.
    b.roles.sales_rep.entities.case.read = 'own';
  });
  const member = await addMember(h, owner, slug, 'sales_rep', 'Rita Rep');
  rep = member.browser;
  repId = member.id;
  kase = (await owner.post('/api/records/case', { data: { subject: 'Printer on fire', priority: 'high' } })).body.id;
}, 60_000);
afterAll(() => h.close());

const linkFor = async (who: Browser, record: string) => who.post('/api/public-forms/survey/links', { record });
/** The page of a feedback link, and what its form carries back. */
async function open(url: string) {
  const page = await fetchPage(h, url.replace(/^https?:\/\/[^/]+/, ''));
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.html)?.[1] ?? '';
  return { ...page, carried: { _about: hidden('_about'), _sig: hidden('_sig') } };
}
async function answer(url: string, values: Record<string, string>, address = '203.0.113.20') {
  const page = await open(url);
  expect(page.status).toBe(200);
  h.clock.now += 5000;
  return send(h, new URL(url).pathname, { _token: tokenOf(page.html), ...page.carried, ...values }, { address });
}

describe('a feedback form', () => {
  it('makes links only for records the caller may read, and opens only through one', async () => {
    const made = await linkFor(owner, kase);
    expect(made.status).toBe(200);
    const url = new URL(made.body.url);
    expect(url.pathname).toBe(`/f/${slug}/survey`);
    expect(url.searchParams.get('about')).toBe(kase);
    // Rita cannot read the owner's case: the same answer as no case at all.
    expectProblem(await linkFor(rep, kase), 404);
    expectProblem(await linkFor(owner, 'no-such-case'), 404);
    expectProblem(await owner.post('/api/public-forms/nope/links', { record: kase }), 404);

    expect((await fetchPage(h, `/f/${slug}/survey`)).status).toBe(404);
    const forged = new URL(url);
    forged.searchParams.set('sig', 'x'.repeat(43));
    expect((await fetchPage(h, `${forged.pathname}${forged.search}`)).status).toBe(404);
    const other = new URL(url);
    other.searchParams.set('about', 'another-case');
    expect((await fetchPage(h, `${other.pathname}${other.search}`)).status).toBe(404);

    const page = await open(made.body.url);
    expect(page.status).toBe(200);
    // The 0–10 question is a scale of eleven buttons.
    expect(page.html.match(/type="radio"\s+name="nps"/g)).toHaveLength(11);
    expect(page.html.match(/type="radio"\s+name="satisfaction"/g)).toHaveLength(5);
  });

  it('lands an answer on the record it is about, once; another record’s link cannot be borrowed', async () => {
    const url = (await linkFor(owner, kase)).body.url as string;
    const before = (await owner.get('/api/records/feedback?count=true')).body.total;
    const sent = await answer(url, { nps: '9', satisfaction: '4', comment: 'Quick and kind.' });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Thank you for your feedback.');
    const items = (await owner.get('/api/records/feedback')).body.items;
    expect(items).toHaveLength(before + 1);
    expect(items[0].data).toMatchObject({ case: kase, nps: 9, satisfaction: 4, comment: 'Quick and kind.' });

    // Answered: the link says so, and a second answer creates nothing.
    const again = await open(url);
    expect(again.status).toBe(200);
    expect(again.html).toContain('we have your answer');
    expect((await owner.get('/api/records/feedback?count=true')).body.total).toBe(before + 1);

    // A visitor who changes the record in the form's hidden fields is refused.
    const second = (await owner.post('/api/records/case', { data: { subject: 'Second', priority: 'low' } })).body.id;
    const page = await open((await linkFor(owner, second)).body.url);
    h.clock.now += 5000;
    const borrowed = await send(h, `/f/${slug}/survey`, { _token: tokenOf(page.html), _about: kase, _sig: page.carried._sig, nps: '0' });
    expect(borrowed.status).toBe(400);
    expect((await owner.get('/api/records/feedback?count=true')).body.total).toBe(before + 1);
  });

  it('belongs to whoever owns the record it is about', async () => {
    const ritas = (await rep.post('/api/records/case', { data: { subject: 'Rita’s case', priority: 'low' } })).body.id;
    await answer((await linkFor(owner, ritas)).body.url, { nps: '8' }, '203.0.113.30');
    const mine = (await owner.get(`/api/records/feedback?filter=${encodeURIComponent(JSON.stringify({ case: { eq: ritas } }))}`)).body.items;
    expect(mine.map((r: { owner: { id: string } }) => r.owner.id)).toEqual([repId]);
  });

  it('refuses a rating off its scale, in the visitor’s words, keeping the rest', async () => {
    const third = (await owner.post('/api/records/case', { data: { subject: 'Third', priority: 'low' } })).body.id;
    const res = await answer((await linkFor(owner, third)).body.url, { nps: '11', comment: 'Off the scale' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Off the scale');
  });

  it('reports scores per month to those who view reports, over the answers they may read', async () => {
    const answers: [string, string][] = [
      ['10', '5'],
      ['3', '2'],
    ];
    for (const [nps, satisfaction] of answers) {
      const record = (await owner.post('/api/records/case', { data: { subject: `Case ${nps}`, priority: 'low' } })).body.id;
      expect((await answer((await linkFor(owner, record)).body.url, { nps, satisfaction }, `203.0.113.${nps}`)).html).toContain('Thank you');
    }
    const res = await owner.get('/api/public-forms/survey/scores');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [month] = res.body.items;
    expect(month.answers).toBe(4);
    // 9, 8, 10, 3: two promoters and one detractor of four → +25, average 7.5; satisfaction (4 + 5 + 2) / 3 = 3.67 → 37 (×10).
    expect(month.scores).toEqual([
      { field: 'nps', average: 75, nps: 25 },
      { field: 'satisfaction', average: 37, nps: null },
    ]);
    // Rita may view reports but reads no feedback: nothing to count.
    await publishChange(owner, (b) => b.roles.sales_rep.tasks.push('reports.view'));
    const theirs = await rep.get('/api/public-forms/survey/scores');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
  });
});
