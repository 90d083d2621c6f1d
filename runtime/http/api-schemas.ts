import { ACTIONS, SCOPES } from '../browser-safe/bundle.ts';
import type { JsonSchema, Reply } from './contract.ts';

/** Building blocks of the API document's schemas. Objects list what they always carry; more keys may come. */

/** A schema of the document's shared ones (`components.schemas`: those below, and the formats of schemas/ such as `Bundle`). */
export const ref = (name: keyof typeof API_SCHEMAS | 'Bundle' | 'Workflow'): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** An object whose `required` keys default to all it lists, except those named in `optional`. */
export const object = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});

export const string: JsonSchema = { type: 'string' };
export const integer: JsonSchema = { type: 'integer' };
export const number: JsonSchema = { type: 'number' };
export const boolean: JsonSchema = { type: 'boolean' };
export const moment: JsonSchema = { type: 'string', format: 'date-time' };
export const anything: JsonSchema = {};
export const orNull = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
export const listOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
/** `{items}` (and, for paged lists, `nextCursor`). */
export const items = (schema: JsonSchema, paged = false): JsonSchema =>
  object(paged ? { items: listOf(schema), nextCursor: orNull(string) } : { items: listOf(schema) });
export const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

/** A JSON answer. */
export const json = (description: string, schema: JsonSchema): Reply => ({ description, schema });
/** An answer without a body. */
export const empty = (description: string): Reply => ({ description });
/** A problem+json answer worth naming in the document. */
export const problem = (description: string): Reply => ({ description, schema: ref('Problem'), contentType: 'application/problem+json' });

const person = object({ id: string, name: string });

/** A person's changed scope for one action on one record type, in a publish review (`AccessChange`). */
const scope = { enum: [...SCOPES] };
export const ACCESS_CHANGE = object({
  userId: string,
  name: string,
  role: string,
  entity: string,
  action: { enum: [...ACTIONS] },
  from: scope,
  to: scope,
  gained: orNull(integer),
  lost: orNull(integer),
});
const tenant = object({
  id: string,
  slug: string,
  name: string,
  settings: object(
    {
      defaultLocale: string,
      currency: string,
      timezone: string,
      auditRetentionDays: orNull(integer),
      passwordMinLength: integer,
      sessionIdleHours: integer,
      sessionLifetimeDays: integer,
      secondFactorRoles: listOf(string),
      attachments: object({ maxMegabytes: integer, types: listOf(string) }),
      businessHours: {
        ...object({ days: mapOf(object({ start: string, end: string })), holidays: listOf(string) }),
        description:
          'Working days (`mon`…`sun`, a day left out is not worked) with their hours (`HH:MM`), and holidays (`YYYY-MM-DD`), in the company’s timezone: what service level clocks count. Absent: Monday to Friday, 09:00–17:00.',
      },
    },
    ['auditRetentionDays', 'passwordMinLength', 'sessionIdleHours', 'sessionLifetimeDays', 'secondFactorRoles', 'attachments', 'businessHours'],
  ),
});

/** Schemas many routes share. */
export const API_SCHEMAS = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; `errors` names each failing field by a JSON Pointer into the request.',
    properties: { type: string, title: string, status: integer, detail: string, errors: listOf(object({ path: string, message: string })) },
    required: ['type', 'title', 'status', 'detail'],
  },
  Person: person,
  Tenant: tenant,
  SignedIn: object({ user: object({ id: string, email: string, name: string }), tenant, role: string }),
  Record: {
    ...object(
      {
        id: string,
        entity: string,
        data: { type: 'object', description: 'The fields of its form the reader may see.' },
        owner: person,
        createdBy: person,
        pipeline: string,
        stage: string,
        state: string,
        version: integer,
        configVersion: integer,
        createdAt: moment,
        updatedAt: moment,
        may: {
          ...object({ update: boolean, delete: boolean, assign: boolean }),
          description: 'What the reader may do to it now (by their roles’ scopes or a share); only on answers about one record.',
        },
      },
      ['pipeline', 'stage', 'state', 'may'],
    ),
    description: 'A record as the reader may see it: hidden fields are left out of `data`.',
  },
  FieldProblem: object({ path: string, message: string }),
  Attachment: {
    ...object({ id: string, name: string, contentType: string, size: integer, createdBy: person, createdAt: moment, field: orNull(string) }),
    description:
      'A file on a record: `contentType` as its bytes showed, `size` in bytes; `field` is the file field it fills, null for an attachment of the record.',
  },
  /** One changed entity, workflow, pipeline or role of a configuration, and where it changed. */
  Change: object({ part: string, key: string, change: { enum: ['added', 'removed', 'changed'] }, paths: listOf(string) }, ['paths']),
  Impact: {
    ...object({
      invalidRecords: mapOf(integer),
      removedEntities: mapOf(integer),
      orphanedStates: mapOf(mapOf(integer)),
      orphanedStages: mapOf(mapOf(integer)),
      timers: mapOf(object({ rescheduled: integer, due: integer, cancelled: integer })),
    }),
    description: 'What a new version does to the records, in counts per entity (and state or stage).',
  },
} satisfies Record<string, JsonSchema>;

/** A record answer, with its ETag. */
export const recordReply = (description: string): Reply => ({
  description,
  schema: ref('Record'),
  headers: { ETag: { description: 'The record’s version, for If-Match.', schema: string } },
});
