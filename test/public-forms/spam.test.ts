import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { expectProblem } from '../support/problem.ts';
import { countOf, fetchPage, fillIn, leadForm, proofFor, publishForm, send, statsOf, tokenOf } from './visitor.ts';

/** Spam protection without third parties: each refusal is answered in words, counted for the day by reason, and stores nothing. */
let h: Harness;
let owner: Browser;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const company = await signUp(h, 'Spam Target');
  owner = company.owner;
  slug = company.tenant.slug;
  await addMember(h, owner, slug, 'sales_rep', 'Sam Rep');
  await publishForm(owner, 'contact', leadForm());
  await publishForm(
    owner,
    'guarded',
    leadForm((f) => (f.proofOfWork = true)),
  );
});
afterAll(() => h.close());

/** Runs `act` and checks it stored no lead and added exactly `reason` to the form's refusals. */
async function refused(form: string, reason: string, act: () => Promise<void>) {
  const leads = await countOf(owner);
  const before = await statsOf(owner, form);
  await act();
  const after = await statsOf(owner, form);
  expect(await countOf(owner)).toBe(leads);
  expect(after.accepted).toBe(before.accepted);
  expect(after.refused).toEqual({ ...before.refused, [reason]: (before.refused[reason] ?? 0) + 1 });
}

describe('spam protection', () => {
  it('thanks whatever fills the hidden trap field, and keeps nothing', async () => {
    await refused('contact', 'honeypot', async () => {
      const res = await fillIn(h, `/f/${slug}/contact`, { lastName: 'Bot', _website: 'https://spam.example' });
      expect(res.status).toBe(200);
      expect(res.html).toContain('Thank you, we will call you.');
    });
  });

  it('refuses a form sent within 3 seconds of opening it, with the values kept', async () => {
    await refused('contact', 'tooFast', async () => {
      const page = await fetchPage(h, `/f/${slug}/contact`);
      h.clock.now += 1500;
      const res = await send(h, `/f/${slug}/contact`, { _token: tokenOf(page.html), lastName: 'Speedy' });
      expect(res.status).toBe(422);
      expect(res.html).toContain('That was faster than a person fills in this form.');
      expect(res.html).toMatch(/id="f-lastName"[^>]*value="Speedy"/);
      expect(tokenOf(res.html)).not.toBe(tokenOf(page.html));
    });
  });

  it.each([
    ['a forged signature', (t: string) => t.slice(0, -4) + (t.endsWith('AAAA') ? 'BBBB' : 'AAAA')],
    ['another form’s token', (_t: string, other: string) => other],
    ['no token at all', () => ''],
    ['garbage', () => 'not.a.token.at.all'],
  ])('refuses %s', async (_name, tamper) => {
    await refused('contact', 'token', async () => {
      const page = await fetchPage(h, `/f/${slug}/contact`);
      const other = await fetchPage(h, `/f/${slug}/guarded`);
      h.clock.now += 5000;
      const res = await send(h, `/f/${slug}/contact`, { _token: tamper(tokenOf(page.html), tokenOf(other.html)), lastName: 'Forger' });
      expect(res.status).toBe(422);
      expect(res.html).toContain('This page was open for too long or was changed.');
    });
  });

  it('refuses a page opened more than a day ago', async () => {
    await refused('contact', 'token', async () => {
      // The page was made a day and a second ago (the clock goes back for it, so the owner's session stays fresh).
      const now = h.clock.now;
      h.clock.now -= 24 * 60 * 60 * 1000 + 1000;
      const page = await fetchPage(h, `/f/${slug}/contact`);
      h.clock.now = now;
      expect((await send(h, `/f/${slug}/contact`, { _token: tokenOf(page.html), lastName: 'Late' })).status).toBe(422);
    });
  });

  it('takes at most 5 submissions per address in 10 minutes: the 6th is refused, another address still gets through', async () => {
    const form = `/f/${slug}/contact`;
    for (let i = 1; i <= 5; i++) expect((await fillIn(h, form, { lastName: `Flood ${i}` }, { address: '192.0.2.50' })).status).toBe(200);
    await refused('contact', 'rate', async () => {
      const sixth = await fillIn(h, form, { lastName: 'Flood 6' }, { address: '192.0.2.50' });
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(sixth.html).toContain('This form was sent from your address several times in the last few minutes.');
      expect(sixth.html).toMatch(/id="f-lastName"[^>]*value="Flood 6"/);
    });
    expect((await fillIn(h, form, { lastName: 'Neighbour' }, { address: '192.0.2.51' })).status).toBe(200);
    h.clock.now += 10 * 60 * 1000;
    expect((await fillIn(h, form, { lastName: 'Flood 7' }, { address: '192.0.2.50' })).status).toBe(200);
  });

  it('counts values the form refuses as invalid', async () => {
    await refused('contact', 'invalid', async () => {
      expect((await fillIn(h, `/f/${slug}/contact`, { email: 'x' })).status).toBe(422);
    });
  });

  it('asks for a proof of work where the form wants one: missing or wrong is refused, the right one accepted', async () => {
    const form = `/f/${slug}/guarded`;
    const page = await fetchPage(h, form);
    expect(page.html).toContain('<script src="/f/proof-of-work.js" defer></script>');
    expect(page.html).toMatch(/<form [^>]*data-proof-bits="18"/);
    await refused('guarded', 'proof', async () => {
      const res = await fillIn(h, form, { lastName: 'Lazy' });
      expect(res.status).toBe(422);
      expect(res.html).toContain('Your browser has not finished checking that you are a person.');
    });
    await refused('guarded', 'proof', async () => {
      expect((await fillIn(h, form, { lastName: 'Liar', _proof: 'zzzz' })).status).toBe(422);
    });
    const before = await countOf(owner);
    expect((await fillIn(h, form, { lastName: 'Worker' }, { proof: true })).status).toBe(200);
    expect(await countOf(owner)).toBe(before + 1);
    expect((await statsOf(owner, 'guarded')).accepted).toBe(1);
    // The proof is bound to the page's token: one found for another page does not count.
    const a = tokenOf((await fetchPage(h, form)).html);
    const b = tokenOf((await fetchPage(h, form)).html);
    h.clock.now += 5000;
    await refused('guarded', 'proof', async () => {
      expect((await send(h, form, { _token: a, _proof: proofFor(b), lastName: 'Copycat' })).status).toBe(422);
    });
  });

  it('answers a body over 64 kB with a 413 page, and one it cannot read with a 400 page, never a stack trace', async () => {
    const form = `/f/${slug}/contact`;
    const token = tokenOf((await fetchPage(h, form)).html);
    h.clock.now += 5000;
    await refused('contact', 'malformed', async () => {
      const big = await send(h, form, { _token: token, lastName: 'Big', description: 'x'.repeat(70 * 1024) });
      expect(big.status).toBe(413);
      expect(big.html).toContain('<h1>Too much to send</h1>');
    });
    for (const [body, type] of [
      ['{"lastName": ', 'application/json'],
      ['["a list"]', 'application/json'],
      ['{"lastName": {"nested": true}}', 'application/json'],
      ['{"__proto__": "x"}', 'application/json'],
      [`_token=${token}&lastName=A&lastName=B`, 'application/x-www-form-urlencoded'],
      [new Uint8Array([0x6c, 0x61, 0x73, 0x74, 0x4e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]), 'application/x-www-form-urlencoded'], // not UTF-8
    ] as [string | Uint8Array<ArrayBuffer>, string][]) {
      await refused('contact', 'malformed', async () => {
        const res = await fetchPage(h, form, { method: 'POST', body: body, headers: { 'content-type': type, 'x-forwarded-for': '192.0.2.99' } });
        expect(res.status, String(body)).toBe(400);
        expect(res.html).not.toMatch(/at \w+ \(|Error:|node_modules/);
      });
    }
    const bad = await fetchPage(h, `${form}?lang=es`, { method: 'POST', body: '<xml/>', headers: { 'content-type': 'text/xml' } });
    expect(bad.status).toBe(415);
    expect(bad.html).toContain('<h1>No se pudo leer el formulario</h1>');
  });
});

describe('the submission counts', () => {
  it('are per form and day, accepted and refused by reason, for those who configure forms only', async () => {
    const res = await owner.get('/api/public-forms/stats');
    expect(res.status).toBe(200);
    expect(res.body.from < res.body.to).toBe(true);
    const day = res.body.items.find((d: { form: string }) => d.form === 'contact');
    expect(Object.keys(day.refused).sort()).toEqual(['honeypot', 'invalid', 'malformed', 'proof', 'rate', 'token', 'tooFast']);

    const member = await addMember(h, owner, slug, 'member', 'Mia Member');
    expectProblem(await member.browser.get('/api/public-forms/stats'), 403);
    await publishChange(owner, (b) => b.roles.manager.tasks.push('configure.forms'));
    const manager = await addMember(h, owner, slug, 'manager', 'Max Manager');
    expect((await manager.browser.get('/api/public-forms/stats')).status).toBe(200);
  });
});
