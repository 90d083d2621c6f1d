import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from '../../runtime/browser-safe/stable-json.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;
let member: Browser;
const dir = mkdtempSync(join(tmpdir(), 'crm-validators-'));
const require = createRequire(import.meta.url);

type Check = ((data: unknown) => boolean) & { errors?: { keyword: string; instancePath: string; params: Record<string, unknown> }[] };

/** Loads a served validator module the way the page does: as an ES module handed Ajv's runtime helpers. */
async function load(source: string): Promise<Map<string, Check>> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  const module = await import(pathToFileURL(file).href);
  const checks: Check[] = module.default((name: string) => require(name));
  return new Map((module.keys as string[]).map((k, i) => [k, checks[i]!]));
}

beforeAll(async () => {
  h = await startHarness();
  const t = await signUp(h);
  owner = t.owner;
  member = (await addMember(h, owner, t.tenant.slug)).browser;
  await publishChange(owner, (bundle) => {
    const lead = bundle.entities.lead;
    lead.form.schema.properties.budget = { type: 'number', minimum: 0, 'x-field': 'currency' };
    lead.form.schema.required.push('budget');
    lead.form.uischema.elements.push({
      type: 'Control',
      scope: '#/properties/budget',
      rule: { effect: 'SHOW', condition: { scope: '#/properties/rating', schema: { const: 'hot' } } },
    });
    lead.form.schema.properties.margin = { type: 'number', 'x-field': 'percent' };
    lead.form.uischema.elements.push({ type: 'Control', scope: '#/properties/margin' });
    bundle.roles.member.entities.lead.fields = { margin: 'hidden' };
  });
});
afterAll(() => h.close());

describe('precompiled form validators', () => {
  it('are served as a JavaScript module for the caller’s view of the published form', async () => {
    const config = (await member.get('/api/config')).body;
    const url: string = config.entities.lead.validators;
    expect(url).toMatch(/^\/api\/forms\/lead\.js\?v=/);
    const res = await member.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.body).not.toMatch(/new Function|eval\(/);
    // A field hidden from the member's role is not in their validators either.
    expect(res.body).not.toContain('margin');
    expect((await owner.get('/api/forms/lead.js')).body).toContain('margin');
  });

  it('check data as the server does: the form schema, with Budget required only while Hot shows it', async () => {
    const config = (await member.get('/api/config')).body;
    const lead = config.entities.lead;
    const checks = await load((await member.get(lead.validators)).body);
    const form = checks.get(stableJson(lead.form.schema))!;
    expect(form({ lastName: 'Ng' })).toBe(true);
    expect(form({ lastName: 'Ng', rating: 'hot' })).toBe(false);
    expect(form.errors!.filter((e) => e.keyword === 'required').map((e) => e.params.missingProperty)).toEqual(['budget']);
    expect(form({ lastName: 'Ng', rating: 'hot', budget: 10 })).toBe(true);
    expect(form({ lastName: 'Ng', email: 'not an address' })).toBe(false);
    // The rule's condition, as JSON Forms hands it to Ajv.
    const rule = lead.form.uischema.elements.at(-1).rule;
    const condition = checks.get(stableJson(rule.condition.schema))!;
    expect([condition('hot'), condition('warm'), condition(undefined)]).toEqual([true, false, false]);
  });

  it('of a form being designed are served to form designers only, in their own tenant', async () => {
    const form = {
      schema: { type: 'object', properties: { a: { type: 'string', 'x-field': 'text' } }, required: ['a'] },
      uischema: { type: 'VerticalLayout', elements: [] },
    };
    const made = await owner.post('/api/forms/preview', form);
    expect(made.status).toBe(200);
    const served = await owner.get(made.body.url);
    expect(served.status).toBe(200);
    const checks = await load(served.body);
    expect(checks.get(stableJson(form.schema))!({})).toBe(false);
    expect((await member.post('/api/forms/preview', form)).status).toBe(403);
    expect((await member.get(made.body.url)).status).toBe(403);
    const other = (await signUp(h)).owner;
    expect((await other.get(made.body.url)).status).toBe(404);
  });

  it('answer a form that is not JSON Schema with a problem, not a crash', async () => {
    const res = await owner.post('/api/forms/preview', {
      schema: { type: 'object', properties: { a: { type: 'nonsense' } } },
      uischema: { type: 'VerticalLayout', elements: [] },
    });
    expect(res.status).toBe(200);
    const served = await owner.get(res.body.url);
    expect(served.status).toBe(422);
    expect(served.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('are not served for an entity the caller cannot see', async () => {
    expect((await member.get('/api/forms/nothing.js')).status).toBe(404);
    expect((await member.get('/api/forms/constructor.js')).status).toBe(404);
    expect((await new (member.constructor as typeof Browser)(h).get('/api/forms/lead.js')).status).toBe(401);
  });
});
