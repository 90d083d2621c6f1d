import type { ErrorObject } from 'ajv';
import type { EntityDef, FieldSchema } from '../browser-safe/bundle.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { formValidator } from '../forms/validators.ts';
import { readBytes } from '../http/body.ts';
import { Problem } from '../http/problem.ts';

/** What a visitor sent: every name with its values, as text (a plain HTML form sends nothing else). */
export type Sent = Map<string, string[]>;

/** Why a body could not be read as a submission; the page says so with `status`. */
export class BodyError extends Error {
  constructor(readonly status: 400 | 413 | 415) {
    super(`public form body refused (${status})`);
  }
}

/** Largest body a public form takes. */
export const BODY_LIMIT = 64 * 1024;
const MAX_NAMES = 200;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads a submission: URL-encoded as a plain HTML form sends it, or a flat JSON object from a script. */
export async function readSent(req: Request): Promise<{ sent: Sent; json: boolean }> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const json = type === 'application/json';
  if (type !== 'application/x-www-form-urlencoded' && !json) throw new BodyError(415);
  const bytes = await readBytes(req, BODY_LIMIT).catch((e: unknown) => {
    throw new BodyError(e instanceof Problem && e.status === 413 ? 413 : 400);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BodyError(400);
  }
  const sent: Sent = new Map();
  const add = (name: string, value: string) => {
    if (FORBIDDEN.has(name) || (!sent.has(name) && sent.size >= MAX_NAMES)) throw new BodyError(400);
    sent.set(name, [...(sent.get(name) ?? []), value]);
  };
  if (!json) {
    for (const [name, value] of new URLSearchParams(text)) add(name, value);
    return { sent, json };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(400);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BodyError(400);
  for (const [name, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (!['string', 'number', 'boolean'].includes(typeof item)) throw new BodyError(400);
      add(name, String(item));
    }
  }
  return { sent, json };
}

/** The single value of a name, '' when absent; several values where one is expected cannot come from our page. */
export function single(sent: Sent, name: string): string {
  const values = sent.get(name) ?? [];
  if (values.length > 1) throw new BodyError(400);
  return values[0] ?? '';
}

/** One field's problem: the key of its message in the page texts, and what fills it. */
export interface FieldProblem {
  key: string;
  n?: number;
}

const TRUE = new Set(['true', 'on', '1', 'yes']);

/** A sent value as the field's type holds it; undefined for nothing sent; a problem when it is no such value. */
function fieldValue(schema: FieldSchema, values: string[]): unknown | FieldProblem {
  const texts = values.map((v) => v.trim()).filter((v) => v !== '');
  if (schema.type === 'array') {
    if (!texts.length) return undefined;
    return schema.items?.type === 'number' ? texts.map(Number) : texts;
  }
  if (texts.length > 1) throw new BodyError(400);
  const text = texts[0];
  if (text === undefined) return undefined;
  if (schema.type === 'boolean') return TRUE.has(text.toLowerCase());
  if (schema.type === 'number' || schema.type === 'integer') {
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : { key: schema.type === 'integer' ? 'errors.integer' : 'errors.number' };
  }
  if (schema.enum?.every((o) => typeof o === 'number')) return Number(text);
  return text;
}

/**
 * The record data a submission gives (only the public form's fields, over `preset`: what a feedback link sets) and its
 * problems by field: values of the wrong kind, then whatever the record type's form refuses. `other` holds problems of
 * fields the public form lacks.
 */
export function dataOf(def: EntityDef, fields: string[], sent: Sent, preset: Record<string, unknown> = {}) {
  const schema = def.form.schema;
  const data: Record<string, unknown> = { ...preset };
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const value = fieldValue(schema.properties[field]!, sent.get(field) ?? []);
    if (value !== null && typeof value === 'object' && 'key' in value) problems[field] = value as FieldProblem;
    else if (value !== undefined) data[field] = value;
  }
  const check = formValidator(validationSchema(def.form));
  const other: string[] = [];
  if (!check(data)) {
    for (const error of check.errors ?? []) {
      const field = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1];
      if (!field || error.keyword === 'if') continue;
      if (!fields.includes(field)) other.push(field);
      else problems[field] ??= problemOf(error, schema.properties[field]!);
    }
  }
  return { data, problems, other };
}

function problemOf(error: ErrorObject, field: FieldSchema): FieldProblem {
  const limit = Number((error.params as { limit?: unknown }).limit);
  switch (error.keyword) {
    case 'required':
      return { key: 'errors.required' };
    case 'format':
      return { key: { email: 'errors.email', uri: 'errors.url', date: 'errors.date' }[String(error.params.format)] ?? 'errors.other' };
    case 'type':
      return { key: field.type === 'integer' ? 'errors.integer' : field.type === 'number' ? 'errors.number' : 'errors.other' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { key: 'errors.minimum', n: limit };
    case 'maximum':
    case 'exclusiveMaximum':
      return { key: 'errors.maximum', n: limit };
    case 'minLength':
      return limit <= 1 ? { key: 'errors.required' } : { key: 'errors.minLength', n: limit };
    case 'maxLength':
      return { key: 'errors.maxLength', n: limit };
    case 'minItems':
      return { key: 'errors.required' };
    case 'pattern':
      return { key: field['x-field'] === 'phone' ? 'errors.phone' : 'errors.pattern' };
    case 'enum':
      return { key: 'errors.choice' };
    default:
      return { key: 'errors.other' };
  }
}
