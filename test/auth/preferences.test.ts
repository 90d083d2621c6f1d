import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;

beforeAll(async () => {
  h = await startHarness();
  owner = (await signUp(h)).owner;
});
afterAll(() => h.close());

describe('a person’s interface language', () => {
  it('is unset until picked, then kept across sessions', async () => {
    const owner = (await signUp(h)).owner;
    expect((await owner.get('/api/me')).body.locale).toBeNull();
    expect((await owner.patch('/api/me', { locale: 'de' })).status).toBe(204);
    expect((await owner.get('/api/me')).body.locale).toBe('de');
  });

  it.each([[{ locale: 'xx' }], [{ locale: 'de', name: 'x' }], [{}]])('refuses %j naming the field, changing nothing', async (body) => {
    expect((await owner.patch('/api/me', { locale: 'de' })).status).toBe(204);
    const res = await owner.patch('/api/me', body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect((await owner.get('/api/me')).body.locale).toBe('de');
  });

  it('needs a session', async () => {
    const stranger = new (owner.constructor as typeof Browser)(h);
    expect((await stranger.patch('/api/me', { locale: 'fr' })).status).toBe(401);
  });
});
