import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { addFromPalette } from '../../../studio/designer/palette.ts';
import { sampleData, sampleValue } from '../../../studio/designer/sample-data.ts';
import { FIELD_TYPES as REGISTRY } from '../../../runtime/web/kit/forms/fields/index.ts';
import { entity } from './support.ts';

const ajv = new Ajv2020({ strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

describe('sampleData', () => {
  it('fills every field of a form with every field type, and the data passes the form', () => {
    let e = entity();
    for (const type of REGISTRY) e = addFromPalette(e, type, `Sample ${type.key}`).entity;
    const data = sampleData(e);
    expect(ajv.validate(e.form.schema, data)).toBe(true);
    const unfilled = Object.keys(e.form.schema.properties).filter((k) => !(k in data));
    expect(unfilled).toEqual(['sampleReference', 'sampleReferences', 'sampleFile']); // no real records to point at, no real file to hold
  });

  it.each([
    ['stays inside limits', { type: 'number', 'x-field': 'number', minimum: 5, maximum: 8 } as const, 4],
    ['pads to a minimum length', { type: 'string', 'x-field': 'text', minLength: 30 } as const, 'Sample codexxxxxxxxxxxxxxxxxxx'],
    ['cuts to a maximum length', { type: 'string', 'x-field': 'text', maxLength: 4 } as const, 'Samp'],
    ['finds a value matching a phone pattern', { type: 'string', 'x-field': 'phone', pattern: '^[0-9+ ]*$' } as const, '+49 30 1234567'],
    ['leaves out what no sample fits', { type: 'string', 'x-field': 'text', pattern: '^[A-Z]{3}$' } as const, undefined],
  ])('%s', (_, field, value) => {
    const v = sampleValue('code', field);
    if (typeof value === 'number') expect(v).toBeGreaterThanOrEqual(5);
    else expect(v).toBe(value);
  });
});
