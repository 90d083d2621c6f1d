import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIONS, SCOPES, TASKS, type Bundle } from '../../runtime/browser-safe/bundle.ts';
import { defaultBundle } from '../../runtime/config/store.ts';
import { bundleErrors } from '../../runtime/config/validate.ts';
import { signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

// Labels of every kind people type, markup and scripts included: they travel as text.
const label = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('<b>Deal</b>', '<script>alert(1)</script>', 'Café & Co', '“Quotes”', '🚀 Launch'),
);
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const FIELD_TYPES = {
  text: { type: 'string', 'x-field': 'text', maxLength: 200 },
  number: { type: 'number', 'x-field': 'number' },
  checkbox: { type: 'boolean', 'x-field': 'checkbox' },
  date: { type: 'string', format: 'date', 'x-field': 'date' },
} as const;

const stage = fc.record({
  label,
  probability: fc.integer({ min: 0, max: 100 }),
  kind: fc.constantFrom('open', 'won', 'lost'),
  color: fc.stringMatching(/^#[0-9a-f]{6}$/),
  requiredFields: fc.subarray(['name', 'amount']),
});
const privileges = fc.record(Object.fromEntries(ACTIONS.map((a) => [a, fc.constantFrom(...SCOPES)])) as Record<(typeof ACTIONS)[number], fc.Arbitrary<string>>);

/** A valid configuration: the default one with labels, the sales stages, contact fields and custom roles varied. */
const configuration = fc
  .record({
    labels: fc.dictionary(fc.constantFrom('lead', 'opportunity', 'case', 'contact', 'account'), label),
    stages: fc.uniqueArray(fc.tuple(key, stage), { minLength: 1, maxLength: 6, selector: ([k]) => k }),
    fields: fc.uniqueArray(
      fc.tuple(
        key.map((k) => `x_${k}`),
        fc.constantFrom(...(Object.keys(FIELD_TYPES) as (keyof typeof FIELD_TYPES)[])),
        label,
      ),
      { maxLength: 4, selector: ([k]) => k },
    ),
    roles: fc.uniqueArray(
      fc.tuple(
        key.map((k) => `custom_${k}`),
        label,
        fc.subarray([...TASKS]),
        fc.dictionary(fc.constantFrom('lead', 'case', 'contact'), privileges),
      ),
      { maxLength: 3, selector: ([k]) => k },
    ),
  })
  .map(({ labels, stages, fields, roles }) => {
    const b = defaultBundle();
    for (const [entity, text] of Object.entries(labels)) b.entities[entity]!.label = text;
    b.pipelines.sales!.stages = stages.map(([k, s]) => ({ key: k, ...s }));
    delete b.pipelines.sales!.i18n;
    for (const [k, type, title] of fields) b.entities.contact!.form.schema.properties[k] = { ...FIELD_TYPES[type], title };
    for (const [k, text, tasks, entities] of roles) b.roles[k] = { label: text, entities: entities as Bundle['roles'][string]['entities'], tasks };
    return b;
  })
  .filter((b) => bundleErrors(b).length === 0);

const exportText = async (owner: Browser) => {
  const res = await h.app.request('/api/config/export', { headers: { cookie: owner.cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const withoutMeta = (text: string) => text.replace(/\n {2}"meta": \{[^}]*\}\n/, '\n');

async function importInto(owner: Browser, doc: unknown) {
  const res = await owner.post('/api/config/import?mode=apply&strategy=replace', doc);
  // 409: the configuration equals the tenant's already (a generated one may be the default).
  expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
  return res.status;
}

it('round-trips any valid configuration: import into A, export A, import into an empty B, export B → identical', async () => {
  let runs = 0;
  let imported = 0;
  await fc.assert(
    fc.asyncProperty(configuration, async (bundle) => {
      runs++;
      const a = (await signUp(h)).owner;
      const b = (await signUp(h)).owner;
      if ((await importInto(a, { bundle })) === 201) imported++;
      const fromA = await exportText(a);
      await importInto(b, JSON.parse(fromA));
      const fromB = await exportText(b);
      expect(withoutMeta(fromB)).toBe(withoutMeta(fromA));
      // What arrived is what was generated, key order aside.
      expect(JSON.parse(fromA).bundle).toEqual(JSON.parse(JSON.stringify(bundle)));
    }),
    { numRuns: 50 },
  );
  expect(runs).toBe(50);
  expect(imported).toBeGreaterThan(40);
}, 120_000);
