import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../runtime/http/validate.ts';
import { bundleErrors } from '../runtime/config/validate.ts';
import { defaultBundle } from '../runtime/config/store.ts';
import { RECORD_ICONS } from '../runtime/browser-safe/bundle.ts';
import { RECORD_ICON_PATHS } from '../runtime/web/kit/ui/record-icons.ts';

const dir = join(import.meta.dirname, '..', 'schemas');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const ajv = createAjv();
const schemaFiles = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
for (const f of schemaFiles) ajv.addSchema(read(join(dir, f)));

describe('configuration schemas', () => {
  it.each(readdirSync(join(dir, 'examples')))('%s is valid against its schema', (example) => {
    const part = example.replace(/\.example\.json$/, '').replace(/^workflow-.*/, 'workflow');
    const check = ajv.getSchema(`https://crm-studio.dev/schemas/${part}.schema.json`)!;
    expect(check, `schema for ${example}`).toBeDefined();
    expect(check(read(join(dir, 'examples', example))), JSON.stringify(check.errors)).toBe(true);
  });

  it('every schema has an example', () => {
    const examples = readdirSync(join(dir, 'examples')).map((e) => e.replace(/\.example\.json$/, '').replace(/^workflow-.*/, 'workflow'));
    for (const f of schemaFiles) expect(examples).toContain(f.replace('.schema.json', ''));
  });

  it('names the record icons the code knows how to draw, no more and no fewer', () => {
    const icons = read(join(dir, 'entity.schema.json')).properties.icon.enum;
    expect(icons).toEqual([...RECORD_ICONS]);
    expect(Object.keys(RECORD_ICON_PATHS).sort()).toEqual([...icons].sort());
  });

  it('the default bundle is valid, references included', () => {
    expect(bundleErrors(defaultBundle())).toEqual([]);
  });

  it.each([
    ['a dangling workflow', (b: any) => (b.entities.lead.workflow = 'ghost'), '/entities/lead/workflow'],
    [
      'a stage requiring a missing field',
      (b: any) => b.pipelines.sales.stages[2].requiredFields.push('shoeSize'),
      '/pipelines/sales/stages/2/requiredFields/1',
    ],
    ['a role on a missing entity', (b: any) => (b.roles.manager.entities.ghost = b.roles.manager.entities.lead), '/roles/manager/entities/ghost'],
    ['a field rule on a missing field', (b: any) => (b.roles.member.entities.lead.fields = { ghost: 'hidden' }), '/roles/member/entities/lead/fields/ghost'],
    ['the member role removed', (b: any) => delete b.roles.member, '/roles/member'],
    ['a bad initial state', (b: any) => (b.workflows.case.initial = 'limbo'), '/workflows/case/initial'],
    [
      'a stage translation under a key that is no stage text',
      (b: any) => (b.pipelines.sales.i18n.de['stages.proposal'] = 'Angebot'),
      '/pipelines/sales/i18n/de',
    ],
    ['a pipeline translated into an unsupported language', (b: any) => (b.pipelines.sales.i18n.it = { label: 'Vendite' }), '/pipelines/sales/i18n'],
    ['a duplicate stage key', (b: any) => (b.pipelines.sales.stages[1].key = 'prospecting'), '/pipelines/sales/stages/1/key'],
    ['a title field that is not a field', (b: any) => (b.entities.case.titleField = 'name'), '/entities/case/titleField'],
    [
      'a reference to a missing entity',
      (b: any) => (b.entities.case.form.schema.properties.account['x-ref'] = 'ghost'),
      '/entities/case/form/schema/properties/account/x-ref',
    ],
    ['an unknown format version', (b: any) => (b.formatVersion = 2), '/formatVersion'],
    [
      'a field named like a filter operator',
      (b: any) => (b.entities.case.form.schema.properties.or = { type: 'string', 'x-field': 'text' }),
      '/entities/case/form/schema/properties',
    ],
  ])('refuses %s at its path', (_name, change, path) => {
    const bundle = defaultBundle();
    change(bundle);
    expect(bundleErrors(bundle).map((e) => e.path)).toContain(path);
  });
});
