import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { countOf, fetchPage, fillIn, leadForm, publishForm, send, tokenOf } from './visitor.ts';

/** Public forms as a web visitor meets them over HTTP: the page in their language, a submission becoming a lead, errors, escaping, framing. */
let h: Harness;
let owner: Browser;
let slug: string;
let reps: { browser: Browser; id: string }[];
let path: string;

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h, 'Harbor Supplies');
  owner = company.owner;
  slug = company.tenant.slug;
  reps = [await addMember(h, owner, slug, 'sales_rep', 'Ana Rep'), await addMember(h, owner, slug, 'sales_rep', 'Ben Rep')];
  await publishForm(owner, 'contact', leadForm());
  path = `/f/${slug}/contact`;
});
afterAll(() => h.close());

describe('the public page', () => {
  it.each([
    ['?lang=de', {}, 'de', 'Sprechen Sie mit dem Vertrieb', 'Wir antworten innerhalb eines Tages.', 'Wie können wir helfen?', 'Senden'],
    ['', { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' }, 'fr', 'Parlez aux ventes', 'Nous répondons sous un jour.', 'Description', 'Envoyer'],
    ['', { 'accept-language': 'it, es;q=0.8' }, 'es', 'Hable con ventas', 'Respondemos en un día.', 'Descripción', 'Enviar'],
    ['', { 'accept-language': 'it' }, 'en', 'Talk to sales', 'We answer within a day.', 'How can we help?', 'Send'],
  ])('is in the visitor’s language (%s %j): %s', async (query, headers, lang, title, intro, label, button) => {
    const page = await fetchPage(h, `${path}${query}`, { headers });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain(`<html lang="${lang}">`);
    expect(page.html).toContain(`<h1>${title}</h1>`);
    expect(page.html).toContain(intro);
    expect(page.html).toContain(`<label for="f-description">${label}</label>`);
    expect(page.html).toContain(`>${button}</button>`);
    // Every input has its label; the trap for programs is hidden from people and says to leave it empty.
    for (const field of leadForm().fields) expect(page.html).toContain(`<label for="f-${field}">`);
    expect(page.html).toMatch(/<div class="trap" aria-hidden="true">\s*<label for="f-_website">/);
    expect(page.html).not.toMatch(/<script>|<style>| style=| on\w+="/);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    // The page names no database id (the company is signed into the token, not written in it).
    expect(tokenOf(page.html)).toMatch(/^contact\.[0-9a-z]+\.[\w-]+\.[\w-]{43}$/);
  });

  it('uses no session, even when the visitor is signed in', async () => {
    const page = await fetchPage(h, path, { headers: { cookie: owner.cookie } });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Olive Owner');
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('lets only the allowed sites show it in a frame, and none when there are none', async () => {
    const csp = (await fetchPage(h, path)).headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors https://www.example.com');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe');
    await publishForm(
      owner,
      'closed',
      leadForm((f) => (f.allowedSites = [])),
    );
    expect((await fetchPage(h, `/f/${slug}/closed`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await publishForm(
      owner,
      'partners',
      leadForm((f) => (f.allowedSites = ['https://*.partner.example', 'http://localhost:8080'])),
    );
    expect((await fetchPage(h, `/f/${slug}/partners`)).headers.get('content-security-policy')).toContain(
      'frame-ancestors https://*.partner.example http://localhost:8080',
    );
  });

  it('says in words that there is no such form: unknown, inactive, or of no such company', async () => {
    await publishForm(
      owner,
      'paused',
      leadForm((f) => (f.active = false)),
    );
    for (const where of [`/f/${slug}/nothing`, `/f/${slug}/paused`, '/f/no-such-company/contact', `/f/${slug}`, `/f/${slug}/contact/more`]) {
      const page = await fetchPage(h, `${where}?lang=de`);
      expect(page.status, where).toBe(404);
      expect(page.html).toContain('<h1>Dieses Formular gibt es nicht</h1>');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const sent = await send(h, where, { _token: 'x', lastName: 'Nobody' });
      expect(sent.status).toBe(404);
    }
  });
});

describe('a submission', () => {
  it('creates a lead through the lead workflow: round robin to the next sales representative, on the timeline and in the audit trail', async () => {
    const before = await countOf(owner);
    const first = await fillIn(h, path, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      estimatedValue: '12500',
      description: 'A quote, please.',
    });
    expect(first.status).toBe(200);
    expect(first.html).toContain('Thank you, we will call you.');
    const second = await fillIn(h, `${path}?lang=de`, { lastName: 'Lovelace' }, { address: '203.0.113.77' });
    expect(second.html).toContain('Danke, wir rufen Sie an.');
    expect(await countOf(owner)).toBe(before + 2);

    const leads = (await owner.get('/api/records/lead?sort=createdAt&limit=200')).body.items.slice(-2);
    expect(leads.map((l: { data: { lastName: string } }) => l.data.lastName)).toEqual(['Hopper', 'Lovelace']);
    expect(leads[0].data).toEqual({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      estimatedValue: 12500,
      description: 'A quote, please.',
    });
    expect(leads[0].state).toBe('new');
    expect(leads[0].createdBy).toEqual({ id: 'form:contact', name: 'Web form: Talk to sales' });
    // The two reps in turn, whoever came first.
    expect(new Set(leads.map((l: { owner: { id: string } }) => l.owner.id))).toEqual(new Set(reps.map((r) => r.id)));
    const ana = (await reps[0]!.browser.get('/api/records/lead')).body.items.map((l: { id: string }) => l.id);
    expect(ana.filter((id: string) => leads.some((l: { id: string }) => l.id === id))).toHaveLength(1);

    const timeline = (await owner.get(`/api/records/lead/${leads[0].id}/timeline`)).body.items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'submitted', 'created']);
    expect(timeline[1]).toMatchObject({ form: 'contact', title: 'Talk to sales', actor: { id: 'form:contact', name: 'Web form: Talk to sales' } });
    expect(timeline[2].actor).toEqual({ id: 'form:contact', name: 'Web form: Talk to sales' });
    const audit = (await owner.get(`/api/audit?target=${leads[0].id}`)).body.items;
    expect(audit).toMatchObject([{ action: 'record.created', actor: { id: 'form:contact', name: 'Web form: Talk to sales' } }]);
  });

  it('goes to the company’s first owner when nobody holds the role the workflow assigns to', async () => {
    const other = await signUp(h, 'Quiet Co');
    await publishForm(other.owner, 'contact', leadForm());
    expect((await fillIn(h, `/f/${other.tenant.slug}/contact`, { lastName: 'Alone' })).status).toBe(200);
    const lead = (await other.owner.get('/api/records/lead')).body.items[0];
    expect(lead.owner.id).toBe(other.user.id);
  });

  it('with values the form refuses shows the form again: each problem beside its field, the values kept, nothing created', async () => {
    const before = await countOf(owner);
    const res = await fillIn(h, `${path}?lang=de`, { firstName: 'Max', email: 'not-an-address', estimatedValue: 'viel', phone: 'call me' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Bitte korrigieren Sie die unten markierten Felder.');
    expect(res.html).toMatch(/<p class="error" id="f-lastName-error">Bitte füllen Sie dieses Feld aus\.<\/p>/);
    expect(res.html).toMatch(/<p class="error" id="f-email-error">Geben Sie eine E-Mail-Adresse ein/);
    expect(res.html).toMatch(/<p class="error" id="f-estimatedValue-error">Geben Sie eine Zahl ein\.<\/p>/);
    expect(res.html).toMatch(/<p class="error" id="f-phone-error">Geben Sie eine Telefonnummer ein/);
    expect(res.html).toMatch(/id="f-email"[^>]* aria-describedby="f-email-error" aria-invalid="true"[^>]*value="not-an-address"/);
    expect(res.html).toMatch(/id="f-firstName"[^>]*value="Max"/);
    expect(res.html).toContain('<a href="#f-lastName">');
    expect(tokenOf(res.html)).toBeTruthy();
    expect(await countOf(owner)).toBe(before);
  });

  it('from a script as JSON: accepted, or a problem naming each field in the visitor’s language', async () => {
    const page = await fetchPage(h, path);
    h.clock.now += 5000;
    const bad = await send(h, `${path}?lang=fr`, { _token: tokenOf(page.html), email: 'nope' }, { json: true, address: '198.51.100.9' });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/lastName', message: 'Veuillez remplir ce champ.' },
        { path: '/email', message: 'Saisissez une adresse e-mail, par exemple nom@example.com.' },
      ]),
    );
    const good = await send(h, path, { _token: tokenOf(page.html), lastName: 'Script' }, { json: true, address: '198.51.100.9' });
    expect(good.status).toBe(201);
    expect(good.body).toEqual({ status: 'accepted', message: 'Thank you, we will call you.' });
  });

  it('sent twice from the same page (a reload) creates one lead', async () => {
    const page = await fetchPage(h, path);
    h.clock.now += 5000;
    const before = await countOf(owner);
    const values = { _token: tokenOf(page.html), lastName: 'Twice' };
    expect((await send(h, path, values)).status).toBe(200);
    expect((await send(h, path, values)).status).toBe(200);
    expect(await countOf(owner)).toBe(before + 1);
  });

  it('keeps hostile HTML as text: stored as typed, escaped wherever a page shows it', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const again = await fillIn(h, path, { lastName: hostile, email: hostile });
    expect(again.status).toBe(422);
    expect(again.html).not.toContain('<script>alert');
    expect(again.html).not.toContain('<img src=x');
    expect(again.html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;"');
    const stored = await fillIn(h, path, { lastName: hostile, description: hostile });
    expect(stored.status).toBe(200);
    const lead = (await owner.get(`/api/records/lead?q=${encodeURIComponent('alert')}`)).body.items[0];
    expect(lead.data).toMatchObject({ lastName: hostile, description: hostile });
    const read = await owner.get(`/api/records/lead/${lead.id}`);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');

    // The company's own texts are escaped too.
    await publishForm(
      owner,
      'tricky',
      leadForm((f) => {
        f.title = { en: '<b>Bold</b> & <i>brave</i>' };
        f.intro = { en: '<script>alert(3)</script>\n\nSecond paragraph' };
      }),
    );
    const tricky = (await fetchPage(h, `/f/${slug}/tricky`)).html;
    expect(tricky).toContain('<h1>&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;brave&lt;/i&gt;</h1>');
    expect(tricky).toContain('<p class="intro">&lt;script&gt;alert(3)&lt;/script&gt;</p>');
    expect(tricky).toContain('<p class="intro">Second paragraph</p>');
  });
});
